import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Skeleton, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage } from '../../app/api';
import { formatMoney } from '../../ui/money-format';
import { useIsMobile } from '../../ui/use-is-mobile';
import { recordKeys, type RecordRow } from '../records/records-api';
import { ProductPicker } from './product-picker';
import { isDecimal, lineAmounts, sumMoney } from './quote-totals';

interface Line { key: string; productId: string | null; name: string; quantity: string; unitPrice: string; discount: string }
interface StoredLine { id: string; productId: string | null; name: string; quantity: string; unitPrice: string; discount: string; amount: string }

let seq = 0;
const blank = (): Line => ({ key: `n${++seq}`, productId: null, name: '', quantity: '1', unitPrice: '0', discount: '0' });
const amountOf = (l: Pick<Line, 'quantity' | 'unitPrice' | 'discount'>) =>
  lineAmounts({ quantity: l.quantity, unitPrice: l.unitPrice, discountRate: l.discount, taxRate: 0 }).amount;

/** What the deal is made of: products with quantity, price and discount; saving sets the deal's amount to their total. */
export function OpportunityProductsCard({ opportunity }: { opportunity: RecordRow }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const id = opportunity.id;
  const key = ['opportunity-products', id];
  const stored = useQuery({ queryKey: key, queryFn: ({ signal }) => apiFetch<{ data: StoredLine[] }>(`/opportunities/${encodeURIComponent(id)}/products`, { signal }).then((r) => r.data) });
  const [lines, setLines] = useState<Line[] | null>(null);
  const [busy, setBusy] = useState(false);
  const currency = String(opportunity.currency ?? 'CNY');
  const money = (v: unknown) => formatMoney(v, currency, i18n.language);
  const editing = lines !== null;
  const set = (k: string, patch: Partial<Line>) => setLines((ls) => ls!.map((l) => (l.key === k ? { ...l, ...patch } : l)));
  const valid = !!lines?.every((l) => (l.name.trim() || l.productId) && ['quantity', 'unitPrice', 'discount'].every((f) => isDecimal(l[f as 'quantity'])));

  const save = async () => {
    setBusy(true);
    try {
      await apiFetch(`/opportunities/${encodeURIComponent(id)}/products`, {
        method: 'PUT', body: { lines: lines!.map((l) => ({ productId: l.productId, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount })), syncAmount: true },
      });
      message.success(t('sales.products.saved'));
      setLines(null);
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: recordKeys.one('opportunities', id) });
      void qc.invalidateQueries({ queryKey: recordKeys.timeline('opportunities', id) });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rows: Array<Line | StoredLine> = lines ?? stored.data ?? [];
  const total = sumMoney(rows.map((l) => ('amount' in l && !editing ? l.amount : amountOf(l))));
  const num = (l: Line, f: 'quantity' | 'unitPrice' | 'discount', label: string) => (
    <Input value={l[f]} inputMode="decimal" aria-label={label} status={isDecimal(l[f]) ? undefined : 'error'} suffix={f === 'discount' ? '%' : undefined}
      styles={{ input: { textAlign: 'right' } }} onChange={(e) => set(l.key, { [f]: e.target.value.replace(/[^\d.-]/g, '') })} />
  );

  return (
    <Card size="small" title={<span>{t('sales.products.title')} <Typography.Text type="secondary">· {rows.length}</Typography.Text></span>}
      extra={editing ? (
        <Flex gap={8}>
          <Button size="small" onClick={() => setLines(null)}>{t('common.cancel')}</Button>
          <Button size="small" type="primary" loading={busy} disabled={!valid} onClick={() => void save()}>{t('common.save')}</Button>
        </Flex>
      ) : (
        <Button size="small" type="text" icon={<EditOutlined />} disabled={!stored.data}
          onClick={() => setLines((stored.data ?? []).map((l) => ({ key: l.id, productId: l.productId, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount })))}>
          {t('common.edit')}
        </Button>
      )}>
      {stored.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : rows.length === 0 && !editing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sales.products.empty')} style={{ margin: '8px 0' }}>
          <Button icon={<PlusOutlined />} onClick={() => setLines([blank()])}>{t('sales.products.add')}</Button>
        </Empty>
      ) : (
        <Flex vertical gap={8}>
          <Table<Line | StoredLine> size="small" rowKey={(l) => ('key' in l ? l.key : l.id)} pagination={false} dataSource={rows} scroll={{ x: editing ? 640 : undefined }}
            columns={[
              { title: t('sales.quote.product'), render: (_v, l) => (editing ? (
                <Flex vertical gap={4} style={{ minWidth: 180 }}>
                  <ProductPicker value={l.productId} label={l.name} size="small"
                    onPick={(p) => set((l as Line).key, p ? { productId: p.id, name: String(p.name ?? ''), unitPrice: p.price != null ? String(p.price) : l.unitPrice } : { productId: null })} />
                  <Input size="small" value={l.name} aria-label={t('sales.quote.lineName')} placeholder={t('sales.quote.lineName')} onChange={(e) => set((l as Line).key, { name: e.target.value })} />
                </Flex>
              ) : l.name) },
              { title: t('sales.quote.quantity'), align: 'right', width: editing ? 90 : undefined, render: (_v, l) => (editing ? num(l as Line, 'quantity', t('sales.quote.quantity')) : l.quantity) },
              ...(isMobile && !editing ? [] : [
                { title: t('sales.quote.unitPrice'), align: 'right' as const, width: editing ? 120 : undefined, render: (_v: unknown, l: Line | StoredLine) => (editing ? num(l as Line, 'unitPrice', t('sales.quote.unitPrice')) : money(l.unitPrice)) },
                { title: t('sales.quote.discountRate'), align: 'right' as const, width: editing ? 90 : undefined, render: (_v: unknown, l: Line | StoredLine) => (editing ? num(l as Line, 'discount', t('sales.quote.discountRate')) : `${Number(l.discount)}%`) },
              ]),
              { title: t('sales.quote.amount'), align: 'right', render: (_v, l) => <strong>{money(editing ? amountOf(l) : (l as StoredLine).amount)}</strong> },
              ...(editing ? [{ title: '', width: 40, render: (_v: unknown, l: Line | StoredLine) => (
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => setLines((ls) => ls!.filter((x) => x.key !== (l as Line).key))} />
              ) }] : []),
            ]} />
          <Flex justify="space-between" align="center">
            {editing ? <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setLines((ls) => [...ls!, blank()])}>{t('sales.products.add')}</Button> : <span />}
            <Typography.Text>{t('sales.quote.total')}: <strong>{money(total)}</strong></Typography.Text>
          </Flex>
          {editing && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.products.syncHint')}</Typography.Text>}
        </Flex>
      )}
    </Card>
  );
}
