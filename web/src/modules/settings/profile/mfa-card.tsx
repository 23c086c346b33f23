import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from '../shared/form-errors';
import { disableMfa, profileKey } from './profile-api';
import { MfaSetupModal } from './mfa-setup-modal';

function DisableModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  async function submit({ password }: { password: string }) {
    setBusy(true);
    setBanner(null);
    try {
      await disableMfa(password);
      await qc.invalidateQueries({ queryKey: profileKey });
      message.success(t('settings.mfa.disabled'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('settings.mfa.disableTitle')} onCancel={onClose} destroyOnHidden
      okText={t('settings.mfa.disable')} okButtonProps={{ danger: true, loading: busy }} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} preserve={false}>
        <Typography.Paragraph type="secondary">{t('settings.mfa.disableHint')}</Typography.Paragraph>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Form.Item name="password" label={t('settings.mfa.password')} rules={[{ required: true, message: t('settings.common.required') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MfaCard({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [setupOpen, setSetupOpen] = useState(false);
  const [disableOpen, setDisableOpen] = useState(false);
  return (
    <Card title={t('settings.mfa.title')}
      extra={enabled ? <Tag color="success">{t('settings.mfa.on')}</Tag> : <Tag>{t('settings.mfa.off')}</Tag>}>
      <Flex gap={16} align="flex-start">
        <SafetyOutlined style={{ fontSize: 28, color: enabled ? '#2f9e6e' : '#9ca3af', marginTop: 4 }} />
        <Flex vertical gap={12} style={{ maxWidth: 560 }}>
          <Typography.Text type="secondary">{enabled ? t('settings.mfa.onHint') : t('settings.mfa.offHint')}</Typography.Text>
          <div>
            {enabled
              ? <Button danger onClick={() => setDisableOpen(true)}>{t('settings.mfa.disable')}</Button>
              : <Button type="primary" onClick={() => setSetupOpen(true)}>{t('settings.mfa.setUp')}</Button>}
          </div>
        </Flex>
      </Flex>
      {setupOpen && <MfaSetupModal onClose={() => setSetupOpen(false)} />}
      <DisableModal open={disableOpen} onClose={() => setDisableOpen(false)} />
    </Card>
  );
}
