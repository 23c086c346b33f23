import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Skeleton, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { applyFormErrors } from '../shared/form-errors';
import { activateMfa, enrollMfa, profileKey } from './profile-api';
import { QrCode } from './qr-code';
import { RecoveryCodes } from './recovery-codes';

/** Groups the base32 secret in fours so it can be typed into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function MfaSetupModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // One enrolment per opening: each call makes a new secret, so a second one would void the QR on screen.
    if (started.current) return;
    started.current = true;
    enrollMfa().then(setEnrolment, (err: unknown) => setLoadError(errorMessage(err)));
  }, []);

  async function activate({ code }: { code: string }) {
    setBusy(true);
    setBanner(null);
    try {
      const r = await activateMfa(code.replace(/\s/g, ''));
      setCodes(r.recoveryCodes);
      void qc.invalidateQueries({ queryKey: profileKey });
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  function finish() {
    message.success(t('settings.mfa.enabled'));
    onClose();
  }

  const footer = codes
    ? <Button type="primary" disabled={!saved} onClick={finish}>{t('settings.mfa.done')}</Button>
    : [
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!enrolment} onClick={() => form.submit()}>
          {t('settings.mfa.activate')}
        </Button>,
      ];

  return (
    <Modal open title={t('settings.mfa.setUpTitle')} footer={footer} width={600} destroyOnHidden
      closable={!codes || saved} maskClosable={false} onCancel={codes && !saved ? undefined : onClose}>
      <Steps size="small" current={codes ? 1 : 0} style={{ margin: '8px 0 20px' }} responsive={false}
        items={[{ title: t('settings.mfa.stepScan') }, { title: t('settings.mfa.stepCodes') }]} />
      {loadError && <Alert type="error" showIcon title={loadError} />}
      {!codes && !loadError && (
        <Flex gap={24} vertical={isMobile} align={isMobile ? 'center' : 'flex-start'}>
          <div style={{ padding: 8, border: '1px solid #e8ecf3', borderRadius: 8, background: '#fff', flex: 'none' }}>
            {enrolment ? <QrCode value={enrolment.otpauthUri} alt={t('settings.mfa.qrAlt')} />
              : <Skeleton.Node active style={{ width: 184, height: 184 }} />}
          </div>
          <Flex vertical gap={12} style={{ flex: 1, minWidth: 0, width: '100%' }}>
            <Typography.Text>{t('settings.mfa.scanHint')}</Typography.Text>
            {enrolment && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.mfa.manualKey')}</Typography.Text>
                <Typography.Paragraph copyable={{ text: enrolment.secret }} style={{
                  margin: 0, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', wordBreak: 'break-all',
                }}>
                  {grouped(enrolment.secret)}
                </Typography.Paragraph>
              </div>
            )}
            <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void activate(v)}>
              {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
              <Form.Item name="code" label={t('settings.mfa.code')} style={{ marginBottom: 0 }}
                rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('settings.mfa.codeFormat') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={7} placeholder="123456"
                  style={{ maxWidth: 200, letterSpacing: 2 }} />
              </Form.Item>
            </Form>
          </Flex>
        </Flex>
      )}
      {codes && (
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('settings.mfa.recoveryTitle')} description={t('settings.mfa.recoveryHint')} />
          <RecoveryCodes codes={codes} />
          <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>{t('settings.mfa.savedThem')}</Checkbox>
        </Flex>
      )}
    </Modal>
  );
}
