import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../shared/form-errors';
import { changePassword } from './profile-api';

interface PasswordForm { currentPassword: string; newPassword: string; confirm: string }

export function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(v: PasswordForm) {
    setSaving(true);
    setBanner(null);
    try {
      const r = await changePassword(v.currentPassword, v.newPassword);
      form.resetFields();
      message.success(t('settings.password.changed', { count: r.sessionsEnded }));
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('settings.password.title')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} style={{ maxWidth: 520 }}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} />}
        <Form.Item name="currentPassword" label={t('settings.password.current')}
          rules={[{ required: true, message: t('settings.common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('settings.password.new')} extra={t('settings.password.policy')}
          rules={[{ required: true, message: t('settings.common.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('settings.password.confirm')} dependencies={['newPassword']}
          rules={[
            { required: true, message: t('settings.common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword')
                ? Promise.resolve() : Promise.reject(new Error(t('settings.password.mismatch')))),
            }),
          ]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{t('settings.password.submit')}</Button>
      </Form>
    </Card>
  );
}
