import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyProblem } from '../../auth/apply-problem';
import type { SavedView } from './views-api';

interface SaveViewModalProps {
  open: boolean;
  /** Renaming/sharing an existing view; absent to save a new one. */
  view?: SavedView;
  onClose: () => void;
  onSubmit: (values: { name: string; shared: boolean }) => Promise<void>;
}

export function SaveViewModal({ open, view, onClose, onSubmit }: SaveViewModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  async function finish(values: { name: string; shared: boolean }) {
    setSaving(true);
    setBanner(null);
    try {
      await onSubmit({ name: values.name.trim(), shared: !!values.shared });
      onClose();
    } catch (err) {
      setBanner(applyProblem(form, err, ['name']));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={open} title={view ? t('views.editTitle') : t('views.saveTitle')} onCancel={onClose} destroyOnHidden
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={() => form.submit()}>
      {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void finish(v)}
        initialValues={{ name: view?.name ?? '', shared: view?.shared ?? false }}>
        <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, message: t('views.nameRequired') }]}>
          <Input maxLength={100} autoFocus placeholder={t('views.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('views.sharedHint')} style={{ marginBottom: 0 }}>
          <Checkbox>{t('views.shared')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
