import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, List, Progress, Result, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { formatMoney } from '../../ui/money-format';
import { useIsMobile } from '../../ui/use-is-mobile';
import { RecordLink } from '../records/fields/field-value';
import { formatDate, optionLabel } from '../records/fields/format';
import { RecordFormDialog } from '../records/form/record-form-dialog';
import { fetchList, recordKeys, useObjectMeta, useRecord, type RecordRow } from '../records/records-api';
import { sumMoney } from './quote-totals';

const LISTS = [
  { object: 'paymentPlans', date: 'dueDate', fields: 'name,dueDate,amount,paidAmount,status,currency' },
  { object: 'payments', date: 'receivedDate', fields: 'name,receivedDate,amount,method,currency' },
  { object: 'invoices', date: 'issueDate', fields: 'name,number,issueDate,amount,status,currency' },
] as const;
type Spec = (typeof LISTS)[number];

const STATUS_COLOR: Record<string, string> = {
  paid: 'green', partial: 'blue', pending: 'gold', overdue: 'red', issued: 'green', draft: 'default', void: 'default',
  active: 'green', signed: 'blue', pendingApproval: 'gold', expired: 'default', terminated: 'red',
};

function useFinanceRows(contractId: string, spec: Spec) {
  return useQuery({
    queryKey: recordKeys.related('contracts', contractId, spec.object),
    queryFn: ({ signal }) => fetchList(spec.object, {
      filter: { field: 'contractId', op: 'eq', value: contractId }, fields: spec.fields, limit: 100, sort: spec.date,
    }, signal).then((p) => p.data),
  });
}

function StatusTag({ object, value }: { object: string; value: unknown }) {
  const { i18n } = useTranslation();
  const meta = useObjectMeta(object);
  const field = meta.data?.fields.find((f) => f.apiName === 'status');
  if (value == null || value === '') return null;
  return (
    <Tag bordered={false} color={STATUS_COLOR[String(value)] ?? 'default'} style={{ marginInlineStart: 6 }}>
      {field ? optionLabel(field, value, i18n.language) : '…'}
    </Tag>
  );
}

function FinanceList({ contract, spec, rows, onAdded }: { contract: RecordRow; spec: Spec; rows: ReturnType<typeof useFinanceRows>; onAdded: () => void }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const currency = String(contract.currency ?? 'CNY');
  const money = (v: unknown) => formatMoney(v, currency, i18n.language);
  const label = t(`sales.contract.${spec.object}`);
  return (
    <Card size="small" title={<span>{label} <Typography.Text type="secondary">· {rows.data?.length ?? 0}</Typography.Text></span>}
      extra={<Button size="small" type="text" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('common.new')}</Button>}
      style={{ height: '100%' }}>
      {rows.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : rows.error ? <Empty description={errorMessage(rows.error)} /> : (
        <>
          <List size="small" dataSource={rows.data} locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`sales.contract.none.${spec.object}`)}>
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t(`sales.contract.add.${spec.object}`)}</Button>
              </Empty>
            ),
          }}
            renderItem={(r) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Link to={`/${spec.object}/${r.id}`}>{r.name || '—'}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r[spec.date] ? formatDate(String(r[spec.date]), i18n.language) : '—'}
                      {'status' in r && <StatusTag object={spec.object} value={r.status} />}
                    </Typography.Text>
                  </Flex>
                  <Flex vertical align="flex-end" style={{ flex: 'none' }}>
                    <Typography.Text strong>{money(r.amount)}</Typography.Text>
                    {spec.object === 'paymentPlans' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.contract.paid')} {money(r.paidAmount)}</Typography.Text>}
                  </Flex>
                </Flex>
              </List.Item>
            )} />
          {(rows.data?.length ?? 0) > 0 && (
            <Flex justify="flex-end"><Typography.Text type="secondary">{t('sales.board.total')}: {money(sumMoney(rows.data!.map((r) => r.amount)))}</Typography.Text></Flex>
          )}
        </>
      )}
      <RecordFormDialog object={spec.object} open={adding} onClose={() => setAdding(false)}
        defaults={{ contractId: contract.id, accountId: contract.accountId, currency: contract.currency }}
        onSaved={onAdded} />
    </Card>
  );
}

/** A contract's money at a glance: what was agreed, received, still due and invoiced. */
function Summary({ contract, payments, invoices }: { contract: RecordRow; payments: RecordRow[]; invoices: RecordRow[] }) {
  const { t, i18n } = useTranslation();
  const currency = String(contract.currency ?? 'CNY');
  const money = (v: unknown) => formatMoney(v, currency, i18n.language);
  const received = sumMoney(payments.map((p) => p.amount));
  const invoiced = sumMoney(invoices.filter((i) => i.status === 'issued').map((i) => i.amount));
  const amount = Number(contract.amount ?? 0);
  const due = sumMoney([contract.amount, `-${received}`]);
  const rate = amount > 0 ? Math.min(100, Math.round((Number(received) / amount) * 1000) / 10) : 0;
  const stat = (label: string, value: string, color?: string) => (
    <Col xs={12} md={6}><Statistic title={label} value={value} styles={{ content: { fontSize: 20, color } }} /></Col>
  );
  return (
    <Flex vertical gap={12}>
      <Row gutter={[16, 12]}>
        {stat(t('sales.contract.amount'), money(contract.amount))}
        {stat(t('sales.contract.received'), money(received), '#2f9e6e')}
        {stat(t('sales.contract.due'), money(Number(due) < 0 ? '0' : due), Number(due) > 0 ? '#d98a1c' : undefined)}
        {stat(t('sales.contract.invoiced'), money(invoiced))}
      </Row>
      <Flex align="center" gap={12}>
        <Typography.Text type="secondary" style={{ flex: 'none' }}>{t('sales.contract.progress')}</Typography.Text>
        <Progress percent={rate} size="small" style={{ margin: 0 }} aria-label={t('sales.contract.progress')} />
      </Flex>
    </Flex>
  );
}

export default function ContractPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const contract = useRecord('contracts', id);
  const plans = useFinanceRows(id, LISTS[0]);
  const payments = useFinanceRows(id, LISTS[1]);
  const invoices = useFinanceRows(id, LISTS[2]);
  const all = [plans, payments, invoices];
  if (contract.isPending) return <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>;
  if (!contract.data) return <Result status="warning" title={t('sales.loadFailed')} subTitle={errorMessage(contract.error)} />;
  const c = contract.data;
  const refresh = () => { void contract.refetch(); all.forEach((q) => void q.refetch()); };
  return (
    <Flex vertical gap={16}>
      <Link to={`/contracts/${c.id}`}><ArrowLeftOutlined /> {t('sales.contract.backToRecord')}</Link>
      <Card styles={{ body: { padding: isMobile ? 14 : 20 } }}>
        <Flex vertical gap={16}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <span>
              <Tag color="purple" bordered={false}>{t('sales.contract.title')}</Tag>
              {c.number != null && <Tag bordered={false}>{String(c.number)}</Tag>}
              <StatusTag object="contracts" value={c.status} />
            </span>
            <Typography.Title level={isMobile ? 4 : 3} style={{ margin: 0, overflowWrap: 'anywhere' }}>{c.name || '—'}</Typography.Title>
            {c.accountId != null && <Typography.Text type="secondary">{t('sales.account')}: <RecordLink object="accounts" id={c.accountId} /></Typography.Text>}
          </Flex>
          {payments.data && invoices.data ? <Summary contract={c} payments={payments.data} invoices={invoices.data} /> : <Skeleton active paragraph={{ rows: 1 }} />}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        {LISTS.map((spec, i) => <Col key={spec.object} xs={24} lg={8}><FinanceList contract={c} spec={spec} rows={all[i]} onAdded={refresh} /></Col>)}
      </Row>
    </Flex>
  );
}
