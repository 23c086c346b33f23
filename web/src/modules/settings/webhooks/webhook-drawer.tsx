import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { applyFormErrors } from '../shared/form-errors';
import { SecretReveal } from '../shared/secret-reveal';
import { useInvalidate, useObjects } from '../shared/settings-api';
import { createWebhook, updateWebhook, WEBHOOK_EVENTS, type Webhook, type WebhookWrite } from './webhooks-api';

export function WebhookDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const objects = useObjects();
  const [form] = Form.useForm<WebhookWrite>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(webhook ?? { name: '', url: 'https://', objects: [], events: [], active: true });
  }, [form, webhook]);

  async function submit(v: WebhookWrite) {
    setBusy(true);
    setBanner(null);
    try {
      if (webhook) {
        await updateWebhook(webhook.id, v);
        message.success(t('settings.common.saved'));
        onClose();
      } else {
        const created = await createWebhook(v);
        setSecret(created.secret);
      }
      await invalidate('webhooks');
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 560} destroyOnHidden maskClosable={!secret}
      title={secret ? t('settings.webhooks.createdTitle') : webhook ? t('settings.webhooks.editTitle') : t('settings.webhooks.new')}
      footer={
        <Flex justify="flex-end" gap={8}>
          {secret ? <Button type="primary" onClick={onClose}>{t('settings.apiKeys.copiedDone')}</Button> : (
            <>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="primary" loading={busy} onClick={() => form.submit()}>{webhook ? t('common.save') : t('settings.common.create')}</Button>
            </>
          )}
        </Flex>
      }>
      {secret ? (
        <Flex vertical gap={16}>
          <SecretReveal value={secret} label={t('settings.webhooks.secret')} />
          <Typography.Paragraph type="secondary">{t('settings.webhooks.secretHint')}</Typography.Paragraph>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
          {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
          <Form.Item name="name" label={t('settings.common.name')}>
            <Input maxLength={200} placeholder={t('settings.webhooks.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="url" label={t('settings.webhooks.url')} extra={t('settings.webhooks.urlHint')}
            rules={[{ required: true, message: t('settings.common.required') }, { type: 'url', message: t('settings.webhooks.urlInvalid') }]}>
            <Input maxLength={2048} inputMode="url" />
          </Form.Item>
          <Form.Item name="objects" label={t('settings.webhooks.objects')} extra={t('settings.webhooks.objectsHint')}>
            <Select mode="multiple" allowClear optionFilterProp="label" loading={objects.isPending} placeholder={t('settings.webhooks.allObjects')}
              options={(objects.data ?? []).map((o) => ({ value: o.apiName, label: localize(o.pluralLabel, i18n.language, o.apiName) }))} />
          </Form.Item>
          <Form.Item name="events" label={t('settings.webhooks.events')} extra={t('settings.webhooks.eventsHint')}>
            <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: t(`settings.webhooks.event.${e}`) }))} />
          </Form.Item>
          <Form.Item name="active" label={t('settings.common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
