import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth-context';
import { loadShell } from '../../app/load-shell';
import { applyProblem } from './apply-problem';

interface Values {
  email: string;
  password: string;
}

const FIELDS = ['email', 'password'] as const;

export function SignInForm({ onMfaRequired }: { onMfaRequired: () => void }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    // Fetch the app shell while the password is being checked, so the first screen after sign-in is instant.
    void loadShell().catch(() => undefined);
    try {
      const result = await signIn(values.email.trim(), values.password);
      if (result.kind === 'mfaRequired') onMfaRequired();
    } catch (err) {
      // Clear first: setting a value afterwards would wipe the field message the server just gave us.
      form.setFieldValue('password', '');
      setError(applyProblem(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}
      onValuesChange={() => error && setError(null)}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} role="alert" />}
      <Form.Item name="email" label={t('auth.email')} rules={[
        { required: true, message: t('auth.emailRequired') },
        { type: 'email', message: t('auth.emailInvalid') },
      ]}>
        <Input prefix={<MailOutlined />} placeholder={t('auth.emailPlaceholder')} autoComplete="username"
          inputMode="email" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')}
          autoComplete="current-password" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('auth.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
