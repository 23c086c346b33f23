import { useState } from 'react';
import { Empty, Flex, Segmented, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useObjectDetail, type FieldDef, type ObjectSummary, type Role } from '../shared/settings-api';
import { FIELD_ACCESS, type FieldAccess } from './roles-api';

type FieldPermissions = Role['fieldPermissions'];

interface Props {
  objects: ObjectSummary[];
  value: FieldPermissions;
  onChange: (next: FieldPermissions) => void;
}

/** Per object, each field hidden, read-only or editable for holders of this role (editable unless said). */
export function FieldAccessTable({ objects, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const [object, setObject] = useState(objects[0]?.apiName);
  const detail = useObjectDetail(object);
  const fields = (detail.data?.fields ?? []).filter((f) => f.status === 'active' && f.apiName !== 'id');
  const current = (object && value[object]) || {};

  function set(field: string, access: FieldAccess) {
    if (!object) return;
    const row = { ...current };
    // Editable is what a field is when nothing is said, so it is stored as nothing.
    if (access === 'editable') delete row[field];
    else row[field] = access;
    onChange({ ...value, [object]: row });
  }

  const restricted = (name: string) => Object.keys(value[name] ?? {}).length;

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('settings.roles.object')}</Typography.Text>
        <Select value={object} onChange={setObject} showSearch optionFilterProp="title" style={{ minWidth: 240 }}
          aria-label={t('settings.roles.object')}
          options={objects.map((o) => {
            const n = restricted(o.apiName);
            const title = localize(o.pluralLabel ?? o.label, i18n.language, o.apiName);
            return { value: o.apiName, title, label: n ? <span>{title} <Tag color="orange" style={{ marginInlineStart: 6 }}>{n}</Tag></span> : title };
          })} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.roles.fieldHint')}</Typography.Text>
      </Flex>
      {detail.isPending ? <Skeleton active /> : fields.length === 0 ? <Empty /> : (
        <Table<FieldDef> rowKey="apiName" dataSource={fields} pagination={false} size="small" scroll={{ x: 560 }}
          columns={[
            { key: 'label', title: t('settings.fields.label'), render: (_, f) => (
              <div>
                <Typography.Text>{localize(f.label, i18n.language, f.apiName)}</Typography.Text>
                {f.sensitive && <Tag color="gold" style={{ marginInlineStart: 8 }}>{t('settings.fields.sensitive')}</Tag>}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{f.apiName}</Typography.Text>
              </div>
            ) },
            { key: 'access', title: t('settings.roles.fieldAccess'), width: 300, render: (_, f) => (
              <Segmented size="small" value={(current[f.apiName] as FieldAccess | undefined) ?? 'editable'}
                onChange={(v) => set(f.apiName, v as FieldAccess)} aria-label={localize(f.label, i18n.language, f.apiName)}
                options={FIELD_ACCESS.map((a) => ({ value: a, label: t(`settings.fieldAccess.${a}`) }))} />
            ) },
          ]} />
      )}
    </Flex>
  );
}
