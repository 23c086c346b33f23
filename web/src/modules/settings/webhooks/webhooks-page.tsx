import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Space, Switch, Table, Typography } from 'antd';
import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { SettingsHeader } from '../shared/settings-header';
import { useInvalidate, useObjects } from '../shared/settings-api';
import { WebhookDrawer } from './webhook-drawer';
import { updateWebhook, useWebhooks, type Webhook } from './webhooks-api';

export default function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const hooks = useWebhooks();
  const objects = useObjects();
  const [editing, setEditing] = useState<Webhook | null | undefined>(undefined);
  const list = hooks.data ?? [];

  const objectNames = (w: Webhook) => (w.objects.length === 0 ? t('settings.webhooks.allObjects')
    : w.objects.map((o) => localize(objects.data?.find((x) => x.apiName === o)?.pluralLabel, i18n.language, o)).join(', '));
  const eventNames = (w: Webhook) => (w.events.length === 0 ? t('settings.webhooks.allEvents')
    : w.events.map((e) => t(`settings.webhooks.event.${e}`, { defaultValue: e })).join(', '));

  async function toggle(w: Webhook, active: boolean) {
    try {
      await updateWebhook(w.id, { active });
      await invalidate('webhooks');
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const open = (w: Webhook) => navigate(`/settings/webhooks/${w.id}`);
  const activeSwitch = (w: Webhook) => (
    <span onClick={(e) => e.stopPropagation()}>
      <Switch size="small" checked={w.active} onChange={(v) => void toggle(w, v)} aria-label={`${w.name || w.url} · ${t('settings.common.active')}`} />
    </span>
  );

  return (
    <>
      <SettingsHeader title={t('settings.nav.webhooks')} subtitle={t('settings.webhooks.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.webhooks.new')}</Button>} />
      {hooks.isError && <Alert type="error" showIcon title={errorMessage(hooks.error)} style={{ marginBottom: 12 }} />}
      {hooks.isPending ? <Card><Skeleton active /></Card> : list.length === 0 ? (
        <Card>
          <Empty image={<ApiOutlined style={{ fontSize: 48, color: '#c3cad6' }} />} styles={{ image: { height: 56 } }}
            description={<Flex vertical gap={4}><Typography.Text strong>{t('settings.webhooks.emptyTitle')}</Typography.Text><Typography.Text type="secondary">{t('settings.webhooks.emptyHint')}</Typography.Text></Flex>}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.webhooks.new')}</Button>
          </Empty>
        </Card>
      ) : isMobile ? (
        <Flex vertical gap={8}>
          {list.map((w) => (
            <Card key={w.id} size="small" onClick={() => open(w)} style={{ cursor: 'pointer' }}>
              <Flex justify="space-between" gap={8} align="center">
                <Typography.Text strong ellipsis>{w.name || w.url}</Typography.Text>
                {activeSwitch(w)}
              </Flex>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>{w.url}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{objectNames(w)} · {eventNames(w)}</Typography.Text>
            </Card>
          ))}
        </Flex>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Webhook> rowKey="id" dataSource={list} pagination={false}
            columns={[
              { key: 'name', title: t('settings.common.name'), render: (_, w) => (
                <div style={{ maxWidth: 360 }}>
                  <Typography.Link onClick={() => open(w)}>{w.name || t('settings.webhooks.unnamed')}</Typography.Link>
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>{w.url}</Typography.Text>
                </div>
              ) },
              { key: 'objects', title: t('settings.webhooks.objects'), render: (_, w) => objectNames(w) },
              { key: 'events', title: t('settings.webhooks.events'), render: (_, w) => eventNames(w) },
              { key: 'active', title: t('settings.common.active'), render: (_, w) => activeSwitch(w) },
              { key: 'actions', title: t('settings.common.actions'), align: 'right', render: (_, w) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => open(w)}>{t('settings.webhooks.deliveries')}</Button>
                  <Button type="link" size="small" onClick={() => setEditing(w)}>{t('common.edit')}</Button>
                </Space>
              ) },
            ]} />
        </Card>
      )}
      {editing !== undefined && <WebhookDrawer webhook={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
