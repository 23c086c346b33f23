import { useEffect, useState } from 'react';
import { Alert, App, Flex, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { applyFormErrors } from '../shared/form-errors';
import { useInvalidate, type Label, type ObjectSummary } from '../shared/settings-api';
import { suggestApiName } from './field-model';

interface Values { apiName?: string; label?: Label; pluralLabel?: Label }

/** Creates a custom object, or renames any object (its API name never changes). */
export function ObjectModal({ object, onClose }: { object: ObjectSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(object ? { label: { ...object.label }, pluralLabel: { ...object.pluralLabel } } : { label: {}, pluralLabel: {} });
  }, [form, object]);

  async function submit(v: Values) {
    setBusy(true);
    setBanner(null);
    try {
      const plural = Object.values(v.pluralLabel ?? {}).some((x) => x?.trim()) ? v.pluralLabel : v.label;
      if (object) {
        await apiFetch(`/metadata/objects/${encodeURIComponent(object.apiName)}`, { method: 'PATCH', body: { label: v.label, pluralLabel: plural } });
        message.success(t('settings.common.saved'));
      } else {
        const created = await apiFetch<ObjectSummary>('/metadata/objects', { method: 'POST', body: { apiName: v.apiName, label: v.label, pluralLabel: plural } });
        message.success(t('settings.objects.created'));
        navigate(`/settings/objects/${created.apiName}`);
      }
      await invalidate('metadata');
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  const pair = (name: 'label' | 'pluralLabel', zh: string, en: string) => (
    <Flex gap={12} vertical={isMobile}>
      <Form.Item name={[name, 'zh-CN']} label={zh} style={{ flex: 1 }}><Input maxLength={100} /></Form.Item>
      <Form.Item name={[name, 'en-US']} label={en} style={{ flex: 1 }}><Input maxLength={100} /></Form.Item>
    </Flex>
  );

  return (
    <Modal open destroyOnHidden onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} width={600}
      okText={object ? t('common.save') : t('settings.common.create')} title={object ? t('settings.objects.renameTitle') : t('settings.objects.new')}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        onValuesChange={(c: Values) => {
          if (!object && c.pluralLabel?.['en-US'] !== undefined && !form.isFieldTouched('apiName')) {
            form.setFieldValue('apiName', suggestApiName(c.pluralLabel['en-US']));
          }
        }}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        {pair('label', t('settings.objects.labelZh'), t('settings.objects.labelEn'))}
        {pair('pluralLabel', t('settings.objects.pluralZh'), t('settings.objects.pluralEn'))}
        {object ? (
          <Typography.Text type="secondary">{t('settings.fields.apiName')}: <Typography.Text code>{object.apiName}</Typography.Text></Typography.Text>
        ) : (
          <Form.Item name="apiName" label={t('settings.fields.apiName')} extra={t('settings.objects.apiNameHint')}
            rules={[{ required: true, message: t('settings.common.required') }, { pattern: /^[a-z][a-zA-Z0-9]{0,39}$/, message: t('settings.fields.apiNameFormat') }]}>
            <Input maxLength={40} placeholder="projects" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
