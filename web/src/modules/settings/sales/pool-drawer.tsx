import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { DepartmentSelect } from '../shared/department-select';
import { applyFormErrors } from '../shared/form-errors';
import { useAllUsers, useObjectDetail } from '../shared/settings-api';

export interface PoolRule { level: string | null; noFollowUpDays?: number | null; noOpportunityDays?: number | null; noDealDays?: number | null }
export interface Pool {
  id: string; name: string; departmentIds: string[]; adminIds: string[]; rules: PoolRule[]; warnDays: number;
  claimDailyCap: number | null; cooldownDays: number; skipWithDeals: boolean; active: boolean;
}
type Values = Omit<Pool, 'id'>;

export const POOLS_KEY = ['settings', 'pools'] as const;
const ANY = '__any__';

export function PoolDrawer({ pool, onClose }: { pool: Pool | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const users = useAllUsers();
  const accounts = useObjectDetail('accounts');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const levels = (accounts.data?.fields.find((f) => f.apiName === 'level')?.options.options ?? [])
    .map((o) => ({ value: o.value, label: localize(o.label, i18n.language, o.value) }));

  useEffect(() => {
    const base = pool ?? { name: '', departmentIds: [], adminIds: [], rules: [{ level: null, noFollowUpDays: 30 }], warnDays: 3, claimDailyCap: 20, cooldownDays: 7, skipWithDeals: true, active: true };
    form.setFieldsValue({ ...base, rules: base.rules.map((r) => ({ ...r, level: r.level ?? ANY })) });
  }, [form, pool]);

  async function submit(v: Values) {
    setBusy(true);
    setBanner(null);
    const body = { ...v, claimDailyCap: v.claimDailyCap ?? null, rules: (v.rules ?? []).map((r) => ({
      level: r.level === ANY ? null : r.level, noFollowUpDays: r.noFollowUpDays ?? null, noOpportunityDays: r.noOpportunityDays ?? null, noDealDays: r.noDealDays ?? null,
    })) };
    try {
      if (pool) await apiFetch(`/sales/pools/${pool.id}`, { method: 'PATCH', body });
      else await apiFetch('/sales/pools', { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: POOLS_KEY });
      message.success(t('settings.common.saved'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  const days = (name: number, key: keyof PoolRule, label: string) => (
    <Form.Item name={[name, key]} label={label} style={{ flex: '1 1 120px', margin: 0 }}>
      <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} placeholder="—" />
    </Form.Item>
  );

  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 640} destroyOnHidden title={pool ? t('settings.pools.editTitle') : t('settings.pools.new')}
      footer={<Flex justify="flex-end" gap={8}><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button></Flex>}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Form.Item name="name" label={t('settings.common.name')} rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="departmentIds" label={t('settings.pools.departments')} extra={t('settings.pools.departmentsHint')}><DepartmentSelect multiple /></Form.Item>
        <Form.Item name="adminIds" label={t('settings.pools.admins')} extra={t('settings.pools.adminsHint')}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={(users.data ?? []).filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Divider titlePlacement="start" plain>{t('settings.pools.rules')}</Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('settings.pools.rulesHint')}</Typography.Paragraph>
        <Form.List name="rules">
          {(rows, { add, remove }, { errors }) => (
            <Flex vertical gap={10}>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="flex-end" wrap style={{ padding: 10, background: '#f7f9fc', borderRadius: 8 }}>
                  <Form.Item name={[row.name, 'level']} label={t('settings.pools.level')} style={{ flex: '1 1 140px', margin: 0 }}>
                    <Select options={[{ value: ANY, label: t('settings.pools.anyLevel') }, ...levels]} />
                  </Form.Item>
                  {days(row.name, 'noFollowUpDays', t('settings.pools.noFollowUp'))}
                  {days(row.name, 'noOpportunityDays', t('settings.pools.noOpportunity'))}
                  {days(row.name, 'noDealDays', t('settings.pools.noDeal'))}
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <div><Button icon={<PlusOutlined />} onClick={() => add({ level: ANY, noFollowUpDays: 30 })}>{t('settings.pools.addRule')}</Button></div>
            </Flex>
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>{t('settings.pools.limits')}</Divider>
        <Flex gap={12} wrap>
          <Form.Item name="warnDays" label={t('settings.pools.warnDays')} style={{ flex: '1 1 150px' }}><InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="claimDailyCap" label={t('settings.pools.claimDailyCap')} style={{ flex: '1 1 150px' }}><InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} placeholder={t('settings.pools.unlimited')} /></Form.Item>
          <Form.Item name="cooldownDays" label={t('settings.pools.cooldownDays')} style={{ flex: '1 1 150px' }}><InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Flex>
        <Flex gap={24} wrap>
          <Form.Item name="skipWithDeals" label={t('settings.pools.skipWithDeals')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="active" label={t('settings.common.active')} valuePropName="checked"><Switch /></Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
