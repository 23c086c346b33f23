import { Dropdown, Flex, Table, Typography } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import type { ObjectSummary, Role } from '../shared/settings-api';
import { ACTIONS, SCOPES, type Action, type Scope } from './roles-api';
import { ScopeCell, TONE } from './scope-cell';

type Permissions = Role['permissions'];
const DEFAULT_ROW = '*';

type Row = Pick<ObjectSummary, 'apiName' | 'label'> & { pluralLabel?: ObjectSummary['pluralLabel'] };

interface Props {
  objects: ObjectSummary[];
  value: Permissions;
  onChange: (next: Permissions) => void;
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap style={{ fontSize: 12 }}>
      {SCOPES.map((s) => (
        <Flex key={s} gap={4} align="center">
          <span style={{ width: 10, height: 10, borderRadius: 3, background: TONE[s].bg, border: `1px solid ${TONE[s].fg}33` }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`settings.scopes.${s}`)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * Objects × actions, each cell a data scope. The '*' row is the default for every object; an object row left
 * on "default" follows it, so a new custom object is covered without editing every role.
 */
export function ScopeGrid({ objects, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const fallback = (action: Action): Scope => (value[DEFAULT_ROW]?.[action] as Scope | undefined) ?? 'none';

  function set(object: string, action: Action, scope: Scope | '') {
    const row = { ...(value[object] ?? {}) };
    if (scope === '') delete row[action];
    else row[action] = scope;
    onChange({ ...value, [object]: row });
  }

  function setRow(object: string, scope: Scope | '') {
    const row: Record<string, string> = {};
    if (scope !== '') ACTIONS.forEach((a) => { row[a] = scope; });
    onChange({ ...value, [object]: row });
  }

  const rows: Row[] = [{ apiName: DEFAULT_ROW, label: {} }, ...objects];
  const objectName = (o: Row) =>
    (o.apiName === DEFAULT_ROW ? t('settings.roles.defaultRow') : localize(o.pluralLabel ?? o.label, i18n.language, o.apiName));

  return (
    <Flex vertical gap={10}>
      <Legend />
      <Table<Row> rowKey="apiName" dataSource={rows} pagination={false} size="small" scroll={{ x: 690 }} tableLayout="fixed"
        onRow={(o) => ({ style: o.apiName === DEFAULT_ROW ? { background: '#f7f9fc' } : undefined })}
        columns={[
          {
            key: 'object', title: t('settings.roles.object'), fixed: 'left', width: isMobile ? 112 : 140,
            render: (_, o) => {
              const isDefault = o.apiName === DEFAULT_ROW;
              const items = [
                ...(isDefault ? [] : [{ key: '', label: t('settings.roles.rowDefault') }]),
                ...SCOPES.map((s) => ({ key: s, label: t(`settings.scopes.${s}`) })),
              ];
              return (
                <Flex justify="space-between" align="center" gap={2}>
                  <Typography.Text strong={isDefault} ellipsis={{ tooltip: objectName(o) }} style={{ minWidth: 0 }}>{objectName(o)}</Typography.Text>
                  <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => setRow(o.apiName, key as Scope | '') }}>
                    <button type="button" aria-label={`${t('settings.roles.setRow')}: ${objectName(o)}`} title={t('settings.roles.setRow')}
                      style={{ background: 'none', border: 0, padding: 2, cursor: 'pointer', color: '#6b7280', flex: 'none' }}>
                      <MoreOutlined />
                    </button>
                  </Dropdown>
                </Flex>
              );
            },
          },
          ...ACTIONS.map((action) => ({
            key: action, title: t(`settings.actions.${action}`), width: isMobile ? 70 : 78, align: 'center' as const,
            render: (_: unknown, o: Row) => {
              const isDefault = o.apiName === DEFAULT_ROW;
              return (
                <ScopeCell value={value[o.apiName]?.[action] as Scope | undefined} inherited={isDefault ? undefined : fallback(action)}
                  label={`${objectName(o)} · ${t(`settings.actions.${action}`)}`} onChange={(s) => set(o.apiName, action, s)} />
              );
            },
          })),
        ]} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.roles.dashedHint')}</Typography.Text>
    </Flex>
  );
}
