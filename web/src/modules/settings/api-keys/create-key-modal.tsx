import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { applyFormErrors } from '../shared/form-errors';
import { SecretReveal } from '../shared/secret-reveal';
import { useInvalidate } from '../shared/settings-api';

interface Values { name: string; scopes: string[]; expiry: string; expiresOn?: Dayjs }

const EXPIRIES = ['30', '90', '365', 'never', 'custom'] as const;
const SCOPES = ['read', 'write', 'admin'] as const;

export function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const expiry = Form.useWatch('expiry', form);

  async function submit(v: Values) {
    setBusy(true);
    setBanner(null);
    const expiresAt = v.expiry === 'never' ? null
      : v.expiry === 'custom' ? v.expiresOn?.endOf('day').toISOString() ?? null
        : dayjs().add(Number(v.expiry), 'day').toISOString();
    try {
      const r = await apiFetch<{ token: string }>('/api-keys', { method: 'POST', body: { name: v.name, scopes: v.scopes, expiresAt } });
      setToken(r.token);
      await invalidate('apiKeys');
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open destroyOnHidden width={560} title={token ? t('settings.apiKeys.createdTitle') : t('settings.apiKeys.new')}
      maskClosable={!token} onCancel={onClose}
      footer={token ? <Button type="primary" onClick={onClose}>{t('settings.apiKeys.copiedDone')}</Button> : [
        <Button key="c" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="o" type="primary" loading={busy} onClick={() => form.submit()}>{t('settings.apiKeys.create')}</Button>,
      ]}>
      {token ? (
        <Flex vertical gap={16}>
          <SecretReveal value={token} label={t('settings.apiKeys.token')} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.apiKeys.usage')}</Typography.Text>
            <pre style={{ margin: '6px 0 0', padding: 10, background: '#f7f9fc', borderRadius: 6, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {`curl -H "Authorization: Bearer ${token.slice(0, 12)}…" ${location.origin}/api/v1/accounts`}
            </pre>
          </div>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
          initialValues={{ scopes: ['read', 'write'], expiry: '90' }}>
          {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
          <Form.Item name="name" label={t('settings.apiKeys.name')} extra={t('settings.apiKeys.nameHint')}
            rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}>
            <Input maxLength={100} autoFocus placeholder={t('settings.apiKeys.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="scopes" label={t('settings.apiKeys.scopesLabel')} rules={[{ required: true, type: 'array', min: 1, message: t('settings.apiKeys.scopeRequired') }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={SCOPES.map((s) => ({
              value: s,
              label: <span>{t(`settings.apiKeys.scopes.${s}`)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>— {t(`settings.apiKeys.scopeHints.${s}`)}</Typography.Text></span>,
            }))} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="expiry" label={t('settings.apiKeys.expires')} style={{ flex: '1 1 200px' }}>
              <Select options={EXPIRIES.map((e) => ({ value: e, label: t(`settings.apiKeys.expiry.${e}`) }))} />
            </Form.Item>
            {expiry === 'custom' && (
              <Form.Item name="expiresOn" label={t('settings.apiKeys.expiresOn')} style={{ flex: '1 1 200px' }}
                rules={[{ required: true, message: t('settings.common.required') }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().add(1, 'day').startOf('day'))} />
              </Form.Item>
            )}
          </Flex>
        </Form>
      )}
    </Modal>
  );
}
