import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { when } from '../shared/format';
import { SettingsHeader } from '../shared/settings-header';
import { settingsKeys, useInvalidate } from '../shared/settings-api';
import { CreateKeyModal } from './create-key-modal';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function state(k: ApiKey): 'revoked' | 'expired' | 'active' {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && new Date(k.expiresAt) <= new Date()) return 'expired';
  return 'active';
}

function StateTag({ k }: { k: ApiKey }) {
  const { t } = useTranslation();
  const s = state(k);
  return <Tag color={s === 'active' ? 'success' : 'default'}>{t(`settings.apiKeys.state.${s}`)}</Tag>;
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const [creating, setCreating] = useState(false);
  const keys = useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: ({ signal }) => apiFetch<{ data: ApiKey[] }>('/api-keys', { signal }).then((r) => r.data),
  });

  async function revoke(k: ApiKey) {
    try {
      await apiFetch(`/api-keys/${k.id}`, { method: 'DELETE' });
      await invalidate('apiKeys');
      message.success(t('settings.apiKeys.revoked'));
    } catch (err) {
      modal.error({ title: t('settings.apiKeys.revokeFailed'), content: errorMessage(err) });
    }
  }

  const list = keys.data ?? [];
  const revokeButton = (k: ApiKey) => state(k) === 'active' && (
    <Popconfirm title={t('settings.apiKeys.revokeConfirm', { name: k.name })} description={t('settings.apiKeys.revokeHint')}
      okText={t('settings.apiKeys.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(k)}>
      <Button type="link" size="small" danger>{t('settings.apiKeys.revoke')}</Button>
    </Popconfirm>
  );
  const scopes = (k: ApiKey) => <Space size={4}>{k.scopes.map((s) => <Tag key={s}>{t(`settings.apiKeys.scopes.${s}`, { defaultValue: s })}</Tag>)}</Space>;

  return (
    <>
      <SettingsHeader title={t('settings.nav.apiKeys')} subtitle={t('settings.apiKeys.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('settings.apiKeys.new')}</Button>} />
      {keys.isError && <Alert type="error" showIcon title={t('settings.common.loadFailed')} style={{ marginBottom: 12 }} />}
      {keys.isPending ? <Card><Skeleton active /></Card> : list.length === 0 ? (
        <Card>
          <Empty image={<KeyOutlined style={{ fontSize: 48, color: '#c3cad6' }} />} styles={{ image: { height: 56 } }}
            description={<Flex vertical gap={4}><Typography.Text strong>{t('settings.apiKeys.emptyTitle')}</Typography.Text><Typography.Text type="secondary">{t('settings.apiKeys.emptyHint')}</Typography.Text></Flex>}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('settings.apiKeys.new')}</Button>
          </Empty>
        </Card>
      ) : isMobile ? (
        <Flex vertical gap={8}>
          {list.map((k) => (
            <Card key={k.id} size="small">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{k.name}</Typography.Text>
                <StateTag k={k} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                <Typography.Text code>{k.prefix}…</Typography.Text> · {t('settings.apiKeys.lastUsed')}: {when(k.lastUsedAt, t('settings.common.never'))}
              </Typography.Text>
              <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>{scopes(k)}{revokeButton(k)}</Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<ApiKey> rowKey="id" dataSource={list} pagination={false}
            columns={[
              { key: 'name', title: t('settings.common.name'), render: (_, k) => (
                <div><Typography.Text strong>{k.name}</Typography.Text><Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}><Typography.Text code>{k.prefix}…</Typography.Text></Typography.Text></div>
              ) },
              { key: 'scopes', title: t('settings.apiKeys.scopesLabel'), render: (_, k) => scopes(k) },
              { key: 'created', onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), title: t('settings.apiKeys.created'), render: (_, k) => when(k.createdAt) },
              { key: 'expires', onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), title: t('settings.apiKeys.expires'), render: (_, k) => when(k.expiresAt, t('settings.common.never')) },
              { key: 'lastUsed', onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), title: t('settings.apiKeys.lastUsed'), render: (_, k) => when(k.lastUsedAt, t('settings.common.never')) },
              { key: 'state', title: t('settings.common.status'), render: (_, k) => <StateTag k={k} /> },
              { key: 'actions', title: t('settings.common.actions'), align: 'right', render: (_, k) => revokeButton(k) },
            ]} />
        </Card>
      )}
      {creating && <CreateKeyModal onClose={() => setCreating(false)} />}
    </>
  );
}
