import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { applyFormErrors } from '../shared/form-errors';
import { SettingsHeader } from '../shared/settings-header';

interface Rule { object: string; prefix: string; dateFormat: string; separator: string; seqDigits: number; reset: string; example: string }
type RuleForm = Omit<Rule, 'object' | 'example'>;

const DATE_FORMATS = ['YYYYMMDD', 'YYYYMM', 'YYYY', 'none'] as const;
const RESETS = ['daily', 'monthly', 'yearly', 'never'] as const;
const KEY = ['settings', 'numbering'] as const;

function preview(r: Partial<RuleForm>): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const date = ({ YYYYMMDD: `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`, YYYYMM: `${d.getFullYear()}${p(d.getMonth() + 1)}`, YYYY: `${d.getFullYear()}` } as Record<string, string>)[r.dateFormat ?? ''] ?? '';
  return [r.prefix ?? '', date, '1'.padStart(Math.min(Math.max(r.seqDigits ?? 4, 1), 10), '0')].filter((s) => s !== '').join(r.separator ?? '');
}

function RuleCard({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<RuleForm>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Partial<RuleForm> | undefined;

  useEffect(() => {
    form.setFieldsValue({ prefix: rule.prefix, dateFormat: rule.dateFormat, separator: rule.separator, seqDigits: rule.seqDigits, reset: rule.reset });
  }, [form, rule]);

  async function submit(v: RuleForm) {
    setBusy(true);
    setBanner(null);
    try {
      await apiFetch(`/numbering-rules/${rule.object}`, { method: 'PUT', body: { ...v, prefix: v.prefix ?? '', separator: v.separator ?? '' } });
      await qc.invalidateQueries({ queryKey: KEY });
      message.success(t('settings.common.saved'));
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t(`settings.numbering.objects.${rule.object}`, { defaultValue: rule.object })}
      extra={<Typography.Text code style={{ fontSize: 13 }}>{preview(values ?? rule)}</Typography.Text>}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Flex gap={12} wrap>
          <Form.Item name="prefix" label={t('settings.fields.prefix')} style={{ flex: '1 1 110px' }}><Input maxLength={20} /></Form.Item>
          <Form.Item name="dateFormat" label={t('settings.fields.dateFormat')} style={{ flex: '1 1 150px' }}>
            <Select options={DATE_FORMATS.map((f) => ({ value: f, label: f === 'none' ? t('settings.fields.noDate') : f }))} />
          </Form.Item>
          <Form.Item name="separator" label={t('settings.numbering.separator')} style={{ flex: '0 1 100px' }}><Input maxLength={3} /></Form.Item>
          <Form.Item name="seqDigits" label={t('settings.fields.digits')} style={{ flex: '0 1 100px' }}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reset" label={t('settings.fields.reset')} style={{ flex: '1 1 140px' }}>
            <Select options={RESETS.map((r) => ({ value: r, label: t(`settings.fields.resets.${r}`) }))} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}

export default function NumberingPage() {
  const { t } = useTranslation();
  const rules = useQuery({ queryKey: KEY, queryFn: ({ signal }) => apiFetch<{ data: Rule[] }>('/numbering-rules', { signal }).then((r) => r.data) });
  return (
    <>
      <SettingsHeader title={t('settings.nav.numbering')} subtitle={t('settings.numbering.subtitle')} />
      {rules.isError && <Alert type="error" showIcon title={t('settings.common.loadFailed')} />}
      {rules.isPending ? <Card><Skeleton active /></Card> : (
        <Flex vertical gap={16}>{(rules.data ?? []).map((r) => <RuleCard key={r.object} rule={r} />)}</Flex>
      )}
    </>
  );
}
