import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Modal, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { when } from '../shared/format';
import { SecretReveal } from '../shared/secret-reveal';
import { SettingsHeader } from '../shared/settings-header';
import { useInvalidate, useObjects } from '../shared/settings-api';
import { WebhookDrawer } from './webhook-drawer';
import { deleteWebhook, rotateSecret, testWebhook, useDeliveries, useWebhook, type Delivery, type Webhook } from './webhooks-api';

const STATUS_COLOR: Record<string, string> = { succeeded: 'success', retrying: 'warning', failed: 'error' };

/** `accounts.created` → "Accounts · Created"; a bare `ping` is the test message. */
function useEventLabel() {
  const { t, i18n } = useTranslation();
  const objects = useObjects();
  return (event: string) => {
    const [object, action] = event.includes('.') ? event.split('.', 2) : [null, event];
    const what = t(`settings.webhooks.event.${action}`, { defaultValue: action });
    if (!object) return what;
    return `${localize(objects.data?.find((o) => o.apiName === object)?.pluralLabel, i18n.language, object)} · ${what}`;
  };
}

function DeliveryStatus({ d }: { d: Delivery }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[d.status] ?? 'default'}>{t(`settings.webhooks.status.${d.status}`, { defaultValue: d.status })}</Tag>;
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const log = useDeliveries(hook.id);
  const eventLabel = useEventLabel();
  const objects = useObjects();
  const objectLabel = (name: string) => localize(objects.data?.find((o) => o.apiName === name)?.pluralLabel, i18n.language, name);
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];

  async function test() {
    setTesting(true);
    try {
      const d = await testWebhook(hook.id);
      if (d.status === 'succeeded') message.success(t('settings.webhooks.testOk', { status: d.responseStatus ?? '' }));
      else message.warning(t('settings.webhooks.testFailed', { reason: d.error ?? d.responseStatus ?? '' }));
      await log.refetch();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setTesting(false);
    }
  }

  function rotate() {
    modal.confirm({
      title: t('settings.webhooks.rotateConfirm'), content: t('settings.webhooks.rotateHint'), okText: t('settings.webhooks.rotate'),
      onOk: async () => {
        try {
          setSecret((await rotateSecret(hook.id)).secret);
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  }

  function remove() {
    modal.confirm({
      title: t('settings.common.confirmDelete', { name: hook.name || hook.url }), content: t('settings.webhooks.deleteHint'),
      okText: t('common.delete'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteWebhook(hook.id);
          await invalidate('webhooks');
          navigate('/settings/webhooks');
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  }

  return (
    <>
      <SettingsHeader back="/settings/webhooks" title={hook.name || t('settings.webhooks.unnamed')} subtitle={hook.url}
        extra={
          <>
            <Button icon={<SendOutlined />} loading={testing} onClick={() => void test()}>{t('settings.webhooks.test')}</Button>
            <Button onClick={rotate}>{t('settings.webhooks.rotate')}</Button>
            <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            <Button danger onClick={remove}>{t('common.delete')}</Button>
          </>
        } />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={isMobile ? 1 : 3} items={[
            { key: 'active', label: t('settings.common.status'), children: hook.active ? <Tag color="success">{t('settings.common.active')}</Tag> : <Tag>{t('settings.common.inactive')}</Tag> },
            { key: 'objects', label: t('settings.webhooks.objects'), children: hook.objects.length ? hook.objects.map(objectLabel).join(', ') : t('settings.webhooks.allObjects') },
            { key: 'events', label: t('settings.webhooks.events'), children: hook.events.length ? hook.events.map((e) => t(`settings.webhooks.event.${e}`, { defaultValue: e })).join(', ') : t('settings.webhooks.allEvents') },
          ]} />
        </Card>
        <Card title={t('settings.webhooks.deliveries')} styles={{ body: { padding: isMobile ? 12 : 0 } }}
          extra={<Button size="small" icon={<ReloadOutlined />} loading={log.isRefetching} onClick={() => void log.refetch()}>{t('settings.common.refresh')}</Button>}>
          {log.isError && <Alert type="error" showIcon title={errorMessage(log.error)} />}
          {log.isPending ? <Skeleton active style={{ padding: 16 }} /> : rows.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ padding: 24 }} description={t('settings.webhooks.noDeliveries')}>
              <Button icon={<SendOutlined />} loading={testing} onClick={() => void test()}>{t('settings.webhooks.test')}</Button>
            </Empty>
          ) : isMobile ? (
            <Flex vertical gap={8}>
              {rows.map((d) => (
                <Card key={d.id} size="small">
                  <Flex justify="space-between"><Typography.Text>{eventLabel(d.event)}</Typography.Text><DeliveryStatus d={d} /></Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{when(d.createdAt)} · #{d.attempt} · {d.responseStatus ?? '—'} · {d.durationMs ?? '—'} ms</Typography.Text>
                  {d.error && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{d.error}</Typography.Text>}
                </Card>
              ))}
            </Flex>
          ) : (
            <Table<Delivery> rowKey="id" dataSource={rows} pagination={false} size="small"
              columns={[
                { key: 'at', title: t('settings.webhooks.at'), render: (_, d) => when(d.createdAt) },
                { key: 'event', title: t('settings.webhooks.event.title'), render: (_, d) => eventLabel(d.event) },
                { key: 'attempt', title: t('settings.webhooks.attempt'), render: (_, d) => d.attempt },
                { key: 'status', title: t('settings.common.status'), render: (_, d) => <DeliveryStatus d={d} /> },
                { key: 'http', title: t('settings.webhooks.http'), render: (_, d) => d.responseStatus ?? '—' },
                { key: 'duration', title: t('settings.webhooks.duration'), render: (_, d) => (d.durationMs == null ? '—' : `${d.durationMs} ms`) },
                { key: 'detail', title: t('settings.webhooks.detail'), render: (_, d) => (
                  <>
                    {d.error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{d.error}</Typography.Text>}
                    {d.nextAttemptAt && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('settings.webhooks.nextAttempt', { at: when(d.nextAttemptAt) })}</Typography.Text>}
                  </>
                ) },
              ]} />
          )}
          {log.hasNextPage && (
            <Flex justify="center" style={{ padding: 12 }}>
              <Button loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>{t('settings.common.loadMore')}</Button>
            </Flex>
          )}
        </Card>
      </Flex>
      {editing && <WebhookDrawer webhook={hook} onClose={() => setEditing(false)} />}
      <Modal open={!!secret} title={t('settings.webhooks.newSecret')} onCancel={() => setSecret(null)} maskClosable={false}
        footer={<Button type="primary" onClick={() => setSecret(null)}>{t('settings.apiKeys.copiedDone')}</Button>}>
        {secret && <SecretReveal value={secret} label={t('settings.webhooks.secret')} />}
      </Modal>
    </>
  );
}

export default function WebhookDeliveriesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const hook = useWebhook(id);
  if (hook.isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (hook.isError) {
    const missing = hook.error instanceof ApiError && hook.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? t('settings.webhooks.notFound') : errorMessage(hook.error)} />;
  }
  return <Deliveries hook={hook.data} />;
}
