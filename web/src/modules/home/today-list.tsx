import { Badge, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../records/fields/format';
import { useReminders, useToday, type TodayItem } from '../sales/sales-api';

const SECTIONS = ['overdueTasks', 'followUpsDue', 'tasksDueToday', 'reclaimSoon', 'contractsExpiring', 'paymentsDue'] as const;
type SectionKey = (typeof SECTIONS)[number];
const COLOR: Record<SectionKey, string> = {
  overdueTasks: 'red', followUpsDue: 'blue', tasksDueToday: 'cyan', reclaimSoon: 'orange', contractsExpiring: 'purple', paymentsDue: 'gold',
};

/** The today API; where it is missing, the finance reminders still cover contracts and payments. */
function useTodaySections(): { sections: Partial<Record<SectionKey, TodayItem[]>> | null; loading: boolean } {
  const today = useToday();
  const fallback = useReminders(today.data === null);
  if (today.isPending || (today.data === null && fallback.isPending)) return { sections: null, loading: true };
  if (today.data) return { sections: today.data.sections as Partial<Record<SectionKey, TodayItem[]>>, loading: false };
  const r = fallback.data;
  return {
    loading: false,
    sections: r ? {
      contractsExpiring: r.contracts.map((c) => ({ object: 'contracts', id: String(c.id), name: String(c.name ?? ''), at: (c.endDate as string) ?? null })),
      paymentsDue: r.instalments.map((p) => ({ object: 'paymentPlans', id: String(p.id), name: String(p.name ?? ''), at: (p.dueDate as string) ?? null, overdue: Number(p.daysLeft) < 0 })),
    } : {},
  };
}

function linkFor(item: TodayItem): string {
  if (item.object === 'contracts') return `/sales/contracts/${item.id}`;
  return `/${item.object}/${item.id}`;
}

export function TodayList() {
  const { t, i18n } = useTranslation();
  const { sections, loading } = useTodaySections();
  if (loading) return <Card title={t('homeToday.title')}><Skeleton active paragraph={{ rows: 5 }} /></Card>;
  const rows = SECTIONS.flatMap((k) => (sections?.[k] ?? []).map((item) => ({ k, item })));
  return (
    <Card title={t('homeToday.title')} extra={<Typography.Text type="secondary">{t('homeToday.count', { count: rows.length })}</Typography.Text>}>
      {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homeToday.empty')} /> : (
        <List size="small" dataSource={rows} renderItem={({ k, item }) => (
          <List.Item key={`${k}:${item.id}`} style={{ paddingInline: 0 }}>
            <Flex gap={10} align="center" style={{ width: '100%', minWidth: 0 }}>
              <Tag color={COLOR[k]} bordered={false} style={{ marginInlineEnd: 0, flex: 'none' }}>{t(`homeToday.${k}`)}</Tag>
              <Link to={linkFor(item)} style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {item.name || '—'}
              </Link>
              {item.at && (
                <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12, flex: 'none' }}>
                  {item.overdue && <Badge status="error" style={{ marginInlineEnd: 4 }} />}{formatDate(item.at, i18n.language)}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )} />
      )}
    </Card>
  );
}
