import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../shared/form-errors';
import { useInvalidate, type AdminUser } from '../shared/settings-api';
import { resetPassword } from './users-api';

export function ResetPasswordModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  async function submit({ password }: { password: string }) {
    setBusy(true);
    setBanner(null);
    try {
      await resetPassword(user.id, password);
      await invalidate('users');
      message.success(t('settings.users.passwordSet', { name: user.name }));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('settings.users.resetTitle', { name: user.name })} onCancel={onClose} destroyOnHidden
      okText={t('settings.users.resetAction')} okButtonProps={{ loading: busy }} onOk={() => form.submit()}>
      <Typography.Paragraph type="secondary">{t('settings.users.resetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Form.Item name="password" label={t('settings.password.new')} extra={t('settings.password.policy')}
          rules={[{ required: true, message: t('settings.common.required') }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
