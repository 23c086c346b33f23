import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input, theme } from 'antd';
import type { GetRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth-context';
import { applyProblem } from './apply-problem';

interface Values {
  code: string;
}

const FIELDS = ['code'] as const;

export function MfaForm({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const { verifyMfa } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Without the phone, one of the recovery codes saved at set-up signs in instead (each works once).
  const [recovery, setRecovery] = useState(false);
  const { token } = theme.useToken();
  const otp = useRef<GetRef<typeof Input.OTP>>(null);

  useEffect(() => otp.current?.focus(), []);

  async function submit({ code }: Values) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await verifyMfa(code);
    } catch (err) {
      // A wrong code is retyped from scratch; cleared before the field message goes on, or it would be wiped.
      form.setFieldValue('code', '');
      setError(applyProblem(form, err, FIELDS));
      otp.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}>
      <p style={{ margin: '0 0 20px', color: token.colorTextSecondary }}>{recovery ? t('auth.recoveryHint') : t('auth.mfaHint')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} role="alert" />}
      {recovery ? (
        <Form.Item name="code" label={t('auth.recoveryCode')}
          rules={[{ required: true, whitespace: true, message: t('auth.recoveryCodeRequired') }]}>
          <Input autoFocus autoComplete="off" spellCheck={false} maxLength={40} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} />
        </Form.Item>
      ) : (
        <Form.Item name="code" label={t('auth.mfaCode')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.mfaCodeRequired') }]}>
          <Input.OTP ref={otp} length={6} type="tel" autoComplete="one-time-code"
            formatter={(s) => s.replace(/\D/g, '')}
            onChange={(code) => /^\d{6}$/.test(code) && void submit({ code })} />
        </Form.Item>
      )}
      <Form.Item style={{ marginBottom: 12, marginTop: 8 }}>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('auth.mfaSubmit')}</Button>
      </Form.Item>
      <Button type="link" block onClick={() => { setRecovery((r) => !r); setError(null); form.resetFields(); }}>
        {recovery ? t('auth.useAuthenticator') : t('auth.useRecoveryCode')}
      </Button>
      <Button type="link" block onClick={onBack}>{t('auth.useOtherAccount')}</Button>
    </Form>
  );
}
