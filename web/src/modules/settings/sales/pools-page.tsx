import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag } from 'antd';
import { InboxOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { SettingsHeader } from '../shared/settings-header';
import { useDepartmentList, useObjectDetail } from '../shared/settings-api';
import { localize } from '../../../ui/localized-text';
import { PoolDrawer, POOLS_KEY, type Pool, type PoolRule } from './pool-drawer';

export default function PoolsPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const accounts = useObjectDetail('accounts');
  const levelLabel = (level: string | null) => {
    if (level === null) return t('settings.pools.anyLevel');
    const option = accounts.data?.fields.find((f) => f.apiName === 'level')?.options.options?.find((o) => o.value === level);
    return localize(option?.label, i18n.language, level);
  };
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const departments = useDepartmentList();
  const [editing, setEditing] = useState<Pool | null | undefined>(undefined);
  const pools = useQuery({ queryKey: POOLS_KEY, queryFn: ({ signal }) => apiFetch<{ data: Pool[] }>('/sales/pools', { signal }).then((r) => r.data) });

  function remove(p: Pool) {
    modal.confirm({
      title: t('settings.common.confirmDelete', { name: p.name }), content: t('settings.pools.deleteHint'), okText: t('common.delete'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await apiFetch(`/sales/pools/${p.id}`, { method: 'DELETE' });
          await qc.invalidateQueries({ queryKey: POOLS_KEY });
          message.success(t('settings.common.deleted'));
        } catch (err) {
          modal.error({ title: t('settings.pools.deleteFailed'), content: errorMessage(err) });
        }
      },
    });
  }

  const rule = (r: PoolRule) => [
    r.noFollowUpDays && t('settings.pools.ruleFollowUp', { days: r.noFollowUpDays }),
    r.noOpportunityDays && t('settings.pools.ruleOpportunity', { days: r.noOpportunityDays }),
    r.noDealDays && t('settings.pools.ruleDeal', { days: r.noDealDays }),
  ].filter(Boolean).join(t('settings.pools.or'));

  return (
    <>
      <SettingsHeader title={t('settings.nav.pools')} subtitle={t('settings.pools.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.pools.new')}</Button>} />
      {pools.isError && <Alert type="error" showIcon title={errorMessage(pools.error)} />}
      {pools.isPending ? <Card><Skeleton active /></Card> : (pools.data ?? []).length === 0 ? (
        <Card>
          <Empty image={<InboxOutlined style={{ fontSize: 48, color: '#c3cad6' }} />} styles={{ image: { height: 56 } }} description={t('settings.pools.empty')}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.pools.new')}</Button>
          </Empty>
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {(pools.data ?? []).map((p) => (
            <Card key={p.id} size="small" title={<Space>{p.name}{!p.active && <Tag>{t('settings.common.inactive')}</Tag>}</Space>}
              extra={<Space size={0}><Button type="link" size="small" onClick={() => setEditing(p)}>{t('common.edit')}</Button><Button type="link" size="small" danger onClick={() => remove(p)}>{t('common.delete')}</Button></Space>}>
              <Descriptions size="small" column={isMobile ? 1 : 2} items={[
                { key: 'd', label: t('settings.pools.departments'), children: p.departmentIds.map((id) => departments.data?.find((d) => d.id === id)?.name ?? '…').join(', ') || '—' },
                { key: 'r', label: t('settings.pools.rules'), children: p.rules.map((r) => `${levelLabel(r.level)}: ${rule(r)}`).join('; ') || '—' },
                { key: 'c', label: t('settings.pools.claimDailyCap'), children: p.claimDailyCap ?? t('settings.pools.unlimited') },
                { key: 'w', label: t('settings.pools.cooldownDays'), children: p.cooldownDays },
              ]} />
            </Card>
          ))}
        </Flex>
      )}
      {editing !== undefined && <PoolDrawer pool={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
