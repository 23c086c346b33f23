import { Button, Card, Flex, Input, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../ui/use-is-mobile';
import type { RecordRow } from '../records/records-api';
import { ProductPicker } from './product-picker';
import { formatMoney } from '../../ui/money-format';
import { isDecimal, lineAmounts, type LineAmounts } from './quote-totals';
import type { QuoteLine } from './sales-api';

export type EditLine = QuoteLine & { key: string };

interface EditorProps {
  lines: EditLine[];
  readOnly: boolean;
  currency: string;
  onChange: (lines: EditLine[]) => void;
  /** The server's objections by `${line key}.${field}`, shown under the field they concern. */
  errors?: Record<string, string>;
}

function FieldError({ text }: { text?: string }) {
  return text ? <Typography.Text type="danger" role="alert" style={{ fontSize: 12, display: 'block', lineHeight: 1.4 }}>{text}</Typography.Text> : null;
}

let seq = 0;
export const newLine = (): EditLine => ({
  key: `new-${++seq}`, productId: null, name: '', quantity: '1', unitPrice: '0', discountRate: '0', taxRate: '13',
});

/** Picking a product fills in its name, unit, price and tax rate; the person can still change them. */
function fromProduct(line: EditLine, p: RecordRow | null): EditLine {
  if (!p) return { ...line, productId: null };
  return {
    ...line, productId: p.id, name: String(p.name ?? ''), unit: (p.unit as string | null) ?? line.unit ?? null,
    unitPrice: p.price != null ? String(p.price) : line.unitPrice,
    taxRate: p.taxRate != null ? String(p.taxRate) : line.taxRate,
  };
}

type NumKey = 'quantity' | 'unitPrice' | 'discountRate' | 'taxRate';

function NumInput({ line, k, readOnly, onSet, label, error }: { line: EditLine; k: NumKey; readOnly: boolean; onSet: (v: string) => void; label: string; error?: string }) {
  const bad = !isDecimal(line[k]) || !!error;
  return (
    <>
    <Input value={line[k]} disabled={readOnly} inputMode="decimal" status={bad ? 'error' : undefined} aria-label={label}
      suffix={k === 'discountRate' || k === 'taxRate' ? '%' : undefined} styles={{ input: { textAlign: 'right' } }}
      onChange={(e) => onSet(e.target.value.replace(/[^\d.-]/g, ''))} />
    <FieldError text={error} />
    </>
  );
}

export function QuoteLinesEditor({ lines, readOnly, currency, onChange, errors = {} }: EditorProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const set = (key: string, patch: Partial<EditLine> | ((l: EditLine) => EditLine)) =>
    onChange(lines.map((l) => (l.key === key ? (typeof patch === 'function' ? patch(l) : { ...l, ...patch }) : l)));
  const remove = (key: string) => onChange(lines.filter((l) => l.key !== key));
  const money = (v: string) => formatMoney(v, currency, i18n.language);
  const add = !readOnly && (
    <Button icon={<PlusOutlined />} onClick={() => onChange([...lines, newLine()])} block={isMobile} type="dashed">
      {t('sales.quote.addLine')}
    </Button>
  );
  // A sent quote reads as a document, not as a form of greyed-out boxes.
  const num = (l: EditLine, k: NumKey) => (readOnly
    ? <div style={{ textAlign: 'right' }}>{k === 'unitPrice' ? money(l[k]) : l[k]}{k === 'discountRate' || k === 'taxRate' ? '%' : ''}</div>
    : <NumInput line={l} k={k} readOnly={readOnly} label={t(`sales.quote.${k}`)} onSet={(v) => set(l.key, { [k]: v })} error={errors[`${l.key}.${k}`]} />
  );
  const product = (l: EditLine) => (readOnly ? (
    <Flex vertical>
      <Typography.Text>{l.name}</Typography.Text>
      {(l.unit || l.description) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[l.unit, l.description].filter(Boolean).join(' · ')}</Typography.Text>}
    </Flex>
  ) : (
    <Flex vertical gap={4}>
      <ProductPicker value={l.productId} label={l.name} onPick={(p) => set(l.key, (x) => fromProduct(x, p))} />
      <Input value={l.name} disabled={readOnly} placeholder={t('sales.quote.lineName')} aria-label={t('sales.quote.lineName')}
        status={(!l.name.trim() && !l.productId) || errors[`${l.key}.name`] ? 'error' : undefined} onChange={(e) => set(l.key, { name: e.target.value })} />
      <FieldError text={errors[`${l.key}.name`] ?? errors[`${l.key}.productId`]} />
    </Flex>
  ));

  if (isMobile) {
    return (
      <Flex vertical gap={10}>
        {lines.map((l, i) => {
          const a: LineAmounts = lineAmounts(l);
          return (
            <Card key={l.key} size="small" title={`#${i + 1}`}
              extra={!readOnly && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(l.key)} />}>
              <Flex vertical gap={8}>
                {product(l)}
                <Flex gap={8}>
                  <Field label={t('sales.quote.quantity')}>{num(l, 'quantity')}</Field>
                  <Field label={t('sales.quote.unitPrice')}>{num(l, 'unitPrice')}</Field>
                </Flex>
                <Flex gap={8}>
                  <Field label={t('sales.quote.discountRate')}>{num(l, 'discountRate')}</Field>
                  <Field label={t('sales.quote.taxRate')}>{num(l, 'taxRate')}</Field>
                </Flex>
                <Flex justify="space-between"><Typography.Text type="secondary">{t('sales.quote.amount')}</Typography.Text>
                  <Typography.Text strong>{money(a.amount)}</Typography.Text></Flex>
              </Flex>
            </Card>
          );
        })}
        {add}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={12}>
      <Table<EditLine> rowKey="key" dataSource={lines} pagination={false} size="middle" scroll={{ x: readOnly ? 760 : 980 }}
        locale={{ emptyText: t('sales.quote.noLines') }}
        columns={[
          { title: '#', width: 44, render: (_v, _l, i) => i + 1 },
          { title: t('sales.quote.product'), render: (_v, l) => product(l), width: 300 },
          { title: t('sales.quote.quantity'), width: 100, align: 'right', render: (_v, l) => num(l, 'quantity') },
          { title: t('sales.quote.unitPrice'), width: 130, align: 'right', render: (_v, l) => num(l, 'unitPrice') },
          { title: t('sales.quote.discountRate'), width: 100, align: 'right', render: (_v, l) => num(l, 'discountRate') },
          { title: t('sales.quote.taxRate'), width: 100, align: 'right', render: (_v, l) => num(l, 'taxRate') },
          { title: t('sales.quote.taxAmount'), width: 110, align: 'right', render: (_v, l) => money(lineAmounts(l).taxAmount) },
          { title: t('sales.quote.amount'), width: 130, align: 'right', render: (_v, l) => <strong>{money(lineAmounts(l).amount)}</strong> },
          ...(readOnly ? [] : [{ title: '', width: 48, render: (_v: unknown, l: EditLine) => (
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(l.key)} />
          ) }]),
        ]} />
      {add && <div>{add}</div>}
    </Flex>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label}</Typography.Text>
      {children}
    </Flex>
  );
}
