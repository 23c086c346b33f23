import { useState } from 'react';
import { Alert, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth-context';
import { LanguageSwitch } from '../../app/language-switch';
import { logout } from '../../app/auth-api';
import { BRAND } from '../../app/theme';
import { BrandMark } from '../../ui/brand-mark';
import { useIsMobile } from '../../ui/use-is-mobile';
import { BrandPanel } from './brand-panel';
import { MfaForm } from './mfa-form';
import { SignInForm } from './sign-in-form';

type Step = 'password' | 'mfa';

export default function SignInPage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const isMobile = useIsMobile();
  const [step, setStep] = useState<Step>('password');
  const expired = state.status === 'signedOut' && state.reason === 'expired';
  // Plain headings rather than antd Typography, whose tooltip/copy machinery would weigh on the first bundle.
  const { token } = theme.useToken();

  return (
    <div style={{ display: 'flex', minHeight: '100vh', background: isMobile ? '#fff' : BRAND.canvas }}>
      {!isMobile && <BrandPanel />}
      <main style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        <header style={{
          display: 'flex', justifyContent: isMobile ? 'space-between' : 'flex-end', alignItems: 'center',
          padding: isMobile ? '14px 16px' : '20px 28px',
        }}>
          {isMobile && <BrandMark size={28} withName color={BRAND.navy} />}
          <LanguageSwitch />
        </header>
        <div style={{
          flex: 1, display: 'flex', alignItems: isMobile ? 'flex-start' : 'center', justifyContent: 'center',
          padding: isMobile ? '24px 20px 40px' : '24px 32px 64px',
        }}>
          <section style={{
            width: '100%', maxWidth: 400, background: '#fff',
            borderRadius: isMobile ? 0 : 12, padding: isMobile ? 0 : '40px 40px 36px',
            boxShadow: isMobile ? 'none' : '0 8px 30px rgba(20, 40, 79, 0.08)',
          }}>
            <h1 style={{ margin: '0 0 6px', fontSize: 26, fontWeight: 600, color: token.colorTextHeading }}>
              {step === 'mfa' ? t('auth.mfaTitle') : t('auth.title')}
            </h1>
            {step === 'password' && (
              <p style={{ margin: '0 0 28px', color: token.colorTextSecondary }}>{t('auth.subtitle')}</p>
            )}
            {expired && step === 'password' && (
              <Alert type="info" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 20 }} />
            )}
            {step === 'password'
              ? <SignInForm onMfaRequired={() => setStep('mfa')} />
              : <MfaForm onBack={() => {
                // Abandon the half-finished sign-in on the server too, so its session does not linger.
                void logout().catch(() => undefined);
                setStep('password');
              }} />}
          </section>
        </div>
      </main>
    </div>
  );
}
