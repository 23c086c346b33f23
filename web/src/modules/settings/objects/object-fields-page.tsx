import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Result, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, apiFetch, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { SettingsHeader } from '../shared/settings-header';
import { useInvalidate, useObjectDetail, type FieldDef, type ObjectDetail } from '../shared/settings-api';
import { FieldDrawer } from './field-drawer';
import { ObjectModal } from './object-modal';

function Flags({ f }: { f: FieldDef }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {f.status === 'retired' && <Tag color="default">{t('settings.fields.retired')}</Tag>}
      {f.required && <Tag color="red">{t('settings.fields.required')}</Tag>}
      {f.unique && <Tag color="purple">{t('settings.fields.unique')}</Tag>}
      {f.filterable && f.isCustom && <Tag color="cyan">{t('settings.fields.filterable')}</Tag>}
      {f.sensitive && <Tag color="gold">{t('settings.fields.sensitive')}</Tag>}
      {f.system && <Tag>{t('settings.fields.system')}</Tag>}
    </Space>
  );
}

function Fields({ object }: { object: ObjectDetail }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState<FieldDef | null | undefined>(undefined);
  const [renaming, setRenaming] = useState(false);
  const [showRetired, setShowRetired] = useState(false);
  const base = `/metadata/objects/${encodeURIComponent(object.apiName)}`;
  const fields = object.fields.filter((f) => f.apiName !== 'id' && (showRetired || f.status === 'active'))
    .sort((a, b) => Number(b.isCustom) - Number(a.isCustom) || a.position - b.position);
  const name = (f: FieldDef) => localize(f.label, i18n.language, f.apiName);
  const editable = (f: FieldDef) => f.status === 'active' && !f.system;

  function retireField(f: FieldDef) {
    modal.confirm({
      title: t('settings.fields.retireConfirm', { name: name(f) }), content: t('settings.fields.retireHint'),
      okText: t('settings.fields.retire'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await apiFetch(`${base}/fields/${encodeURIComponent(f.apiName)}`, { method: 'DELETE' });
          await invalidate('metadata');
          message.success(t('settings.fields.retiredDone'));
        } catch (err) {
          modal.error({ title: t('settings.fields.retireFailed'), content: errorMessage(err) });
        }
      },
    });
  }

  function retireObject() {
    modal.confirm({
      title: t('settings.objects.retireConfirm', { name: localize(object.pluralLabel, i18n.language, object.apiName) }),
      content: t('settings.objects.retireHint'), okText: t('settings.fields.retire'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await apiFetch(base, { method: 'DELETE' });
          await invalidate('metadata');
          message.success(t('settings.fields.retiredDone'));
          navigate('/settings/objects');
        } catch (err) {
          modal.error({ title: t('settings.objects.retireFailed'), content: errorMessage(err) });
        }
      },
    });
  }

  const actions = (f: FieldDef) => editable(f) && (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(f)}>{t('common.edit')}</Button>
      {f.isCustom && <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => retireField(f)}>{t('settings.fields.retire')}</Button>}
    </Space>
  );

  return (
    <>
      <SettingsHeader back="/settings/objects" title={localize(object.pluralLabel, i18n.language, object.apiName)}
        subtitle={<>/api/v1/{object.apiName} · {object.isCustom ? t('settings.objects.custom') : t('settings.objects.standard')}</>}
        extra={
          <>
            <Button onClick={() => setRenaming(true)}>{t('settings.objects.rename')}</Button>
            {object.isCustom && <Button danger onClick={retireObject}>{t('settings.objects.retire')}</Button>}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.fields.new')}</Button>
          </>
        } />
      <Card styles={{ body: { padding: isMobile ? 12 : 0 } }}
        title={t('settings.fields.count', { count: fields.filter((f) => f.status === 'active').length })}
        extra={<Flex gap={8} align="center"><Switch size="small" checked={showRetired} onChange={setShowRetired} aria-label={t('settings.fields.showRetired')} /><Typography.Text>{t('settings.fields.showRetired')}</Typography.Text></Flex>}>
        {!fields.some((f) => f.isCustom) && (
          <Alert type="info" showIcon style={{ margin: isMobile ? '0 0 12px' : 16 }} title={t('settings.fields.noCustom')}
            action={<Button size="small" type="primary" onClick={() => setEditing(null)}>{t('settings.fields.new')}</Button>} />
        )}
        {isMobile ? (
          <Flex vertical gap={8}>
            {fields.map((f) => (
              <Card key={f.apiName} size="small" onClick={() => editable(f) && setEditing(f)}>
                <Flex justify="space-between" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong delete={f.status === 'retired'}>{name(f)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {f.apiName} · {t(`settings.fieldTypes.${f.type}`, { defaultValue: f.type })}
                    </Typography.Text>
                  </div>
                  {f.isCustom && <Tag color="blue" style={{ alignSelf: 'flex-start' }}>{t('settings.objects.custom')}</Tag>}
                </Flex>
                {(f.status === 'retired' || f.required || f.unique || (f.filterable && f.isCustom) || f.sensitive || f.system) && (
                  <div style={{ marginTop: 6 }}><Flags f={f} /></div>
                )}
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<FieldDef> rowKey="apiName" dataSource={fields} pagination={false} size="middle" locale={{ emptyText: <Empty /> }}
            columns={[
              { key: 'label', title: t('settings.fields.label'), render: (_, f) => (
                <div style={{ opacity: f.status === 'retired' ? 0.55 : 1 }}>
                  <Typography.Text strong>{name(f)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {i18n.language === 'zh-CN' ? f.label['en-US'] : f.label['zh-CN']}
                  </Typography.Text>
                </div>
              ) },
              { key: 'apiName', title: t('settings.fields.apiName'), render: (_, f) => <Typography.Text code>{f.apiName}</Typography.Text> },
              { key: 'type', title: t('settings.fields.type'), render: (_, f) => t(`settings.fieldTypes.${f.type}`, { defaultValue: f.type }) },
              { key: 'kind', title: t('settings.fields.kind'), render: (_, f) => (f.isCustom ? <Tag color="blue">{t('settings.objects.custom')}</Tag> : <Tag>{t('settings.objects.standard')}</Tag>) },
              { key: 'flags', title: t('settings.fields.flags'), render: (_, f) => <Flags f={f} /> },
              { key: 'actions', title: t('settings.common.actions'), align: 'right', render: (_, f) => actions(f) },
            ]} />
        )}
      </Card>
      {editing !== undefined && (
        <FieldDrawer object={object} field={editing} onClose={() => setEditing(undefined)}
          onRetire={(f) => { setEditing(undefined); retireField(f); }} />
      )}
      {renaming && <ObjectModal object={object} onClose={() => setRenaming(false)} />}
    </>
  );
}

export default function ObjectFieldsPage() {
  const { t } = useTranslation();
  const { object } = useParams();
  const detail = useObjectDetail(object);
  if (detail.isPending) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? t('settings.objects.notFound') : t('settings.common.loadFailed')} />;
  }
  return <Fields object={detail.data} />;
}
