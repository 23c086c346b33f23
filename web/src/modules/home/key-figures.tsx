import { Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchList, recordKeys, type RecordRow } from '../records/records-api';
import { formatMoney, formatMoneyTotals } from '../../ui/money-format';
import { sumByCurrency, weighted } from '../sales/quote-totals';
import { useCompletion, usePipelines } from '../sales/sales-api';

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function useOpenOpportunities() {
  return useQuery({
    queryKey: [...recordKeys.all('opportunities'), 'home-open'],
    queryFn: async ({ signal }) => {
      const out: RecordRow[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const p = await fetchList('opportunities', { fields: 'amount,stage,currency', limit: 200, cursor }, signal);
        out.push(...p.data);
        if (!p.nextCursor) break;
        cursor = p.nextCursor;
      }
      return out;
    },
  });
}

export function KeyFigures() {
  const { t, i18n } = useTranslation();
  const pipelines = usePipelines();
  const opps = useOpenOpportunities();
  const completion = useCompletion(thisMonth());
  const prob = new Map<string, { p: number; kind: string }>();
  for (const pl of pipelines.data ?? []) for (const s of pl.stages) prob.set(s.key, { p: s.probability, kind: s.kind });
  const open = (opps.data ?? []).filter((r) => (prob.get(String(r.stage))?.kind ?? 'open') === 'open');
  const openSum = formatMoneyTotals(sumByCurrency(open, (r) => r.amount, (r) => r.currency), i18n.language);
  const weightedSum = formatMoneyTotals(sumByCurrency(open, (r) => weighted(r.amount, prob.get(String(r.stage))?.p ?? 0), (r) => r.currency), i18n.language);
  const targets = completion.data ?? [];
  const company = targets.find((c) => c.scope === 'company') ?? targets[0];
  const rate = company?.rate != null ? Number(company.rate) : null;
  const loading = opps.isPending || pipelines.isPending;

  const card = (title: string, body: React.ReactNode) => (
    <Col xs={24} sm={8}><Card size="small" style={{ height: '100%' }}>{loading ? <Skeleton active paragraph={false} /> : (
      <><Typography.Text type="secondary">{title}</Typography.Text>{body}</>
    )}</Card></Col>
  );
  return (
    <Row gutter={[12, 12]}>
      {card(t('homeToday.openOpps'), <><Statistic value={open.length} /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{openSum}</Typography.Text></>)}
      {card(t('homeToday.weighted'), <><Statistic value={weightedSum.split(' + ')[0]} />{weightedSum.includes(' + ') && <Typography.Text type="secondary" style={{ fontSize: 12 }}>+ {weightedSum.split(' + ').slice(1).join(' + ')}</Typography.Text>}</>)}
      {card(t('homeToday.target'), company ? (
        <>
          <Statistic value={rate == null ? '—' : `${rate.toFixed(1)}%`} />
          <Progress percent={Math.min(100, rate ?? 0)} size="small" showInfo={false} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatMoney(company.actual, company.currency, i18n.language)} / {formatMoney(company.target, company.currency, i18n.language)}
          </Typography.Text>
        </>
      ) : <Statistic value="—" suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('homeToday.noTarget')}</Typography.Text>} />)}
    </Row>
  );
}
