import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CopyOutlined, DownloadOutlined, FilePdfOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useIsMobile } from '../../ui/use-is-mobile';
import { RecordLink } from '../records/fields/field-value';
import { isConflict, storeRecord } from '../records/record-mutations';
import { optionLabel } from '../records/fields/format';
import { recordKeys, useObjectMeta, useRecord, type RecordRow } from '../records/records-api';
import { formatMoney } from '../../ui/money-format';
import { QuoteLinesEditor, type EditLine } from './quote-lines-editor';
import { isDecimal, lineAmounts, quoteTotals } from './quote-totals';
import { quotePdfUrl, reviseQuote, salesKeys, saveQuoteLines, useQuoteLines } from './sales-api';

/** The server names problems `lines[2].taxRate`; the editor wants them by row key and field. */
function lineErrorsOf(err: unknown, lines: EditLine[]): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(err.fieldErrors)) {
    const m = /^lines[[./](\d+)\]?[./](\w+)$/.exec(field);
    const line = m ? lines[Number(m[1])] : undefined;
    if (m && line) out[`${line.key}.${m[2]}`] = messages[0];
  }
  return out;
}

const STATUS_COLOR: Record<string, string> = { draft: 'gold', sent: 'blue', accepted: 'green', rejected: 'red', expired: 'default' };

export default function QuotePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const quote = useRecord('quotes', id);
  const lines = useQuoteLines(id);
  if (quote.isPending || lines.isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (!quote.data || !lines.data) {
    return <Result status="warning" title={t('sales.loadFailed')} subTitle={errorMessage(quote.error ?? lines.error)} />;
  }
  return <QuoteWorkspace key={`${id}:${quote.data.version}`} quote={quote.data} initial={lines.data} />;
}

function QuoteWorkspace({ quote, initial }: { quote: RecordRow; initial: Array<Omit<EditLine, 'key'>> }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const start = useMemo(() => initial.map((l, i) => ({ ...l, key: l.id ?? `l${i}` })), [initial]);
  const [lines, setLines] = useState<EditLine[]>(start);
  const [saving, setSaving] = useState(false);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const edit = (next: EditLine[]) => { setLines(next); setLineErrors({}); };
  const [pdfKey, setPdfKey] = useState(0);
  useEffect(() => setLines(start), [start]);

  const currency = String(quote.currency ?? 'CNY');
  const draft = quote.status === 'draft' || quote.status == null;
  const meta = useObjectMeta('quotes');
  const statusField = meta.data?.fields.find((f) => f.apiName === 'status');
  const statusLabel = statusField && quote.status != null ? optionLabel(statusField, quote.status, i18n.language) : t(`sales.quote.status.${draft ? 'draft' : 'locked'}`);
  const dirty = JSON.stringify(lines.map(({ key: _k, ...l }) => l)) !== JSON.stringify(start.map(({ key: _k, ...l }) => l));
  const totals = quoteTotals(lines.map(lineAmounts));
  const invalid = lines.some((l) => (!l.name.trim() && !l.productId) || !['quantity', 'unitPrice', 'discountRate', 'taxRate'].every((k) => isDecimal(l[k as 'quantity'])));
  const money = (v: string) => formatMoney(v, currency, i18n.language);

  const save = async () => {
    setSaving(true);
    try {
      const rec = await saveQuoteLines(String(quote.id), lines, quote.version);
      storeRecord(qc, 'quotes', rec);
      await qc.invalidateQueries({ queryKey: salesKeys.quoteLines(String(quote.id)) });
      await qc.invalidateQueries({ queryKey: recordKeys.all('quotes') });
      setPdfKey((k) => k + 1);
      message.success(t('sales.quote.saved', { total: formatMoney(String(rec.total ?? totals.total), currency, i18n.language) }));
    } catch (err) {
      setLineErrors(lineErrorsOf(err, lines));
      message.error(isConflict(err) ? `${t('sales.conflict')} ${errorMessage(err)}` : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const revise = async () => {
    try {
      const rec = await reviseQuote(String(quote.id));
      message.success(t('sales.quote.revised', { revision: rec.revision ?? '' }));
      navigate(`/sales/quotes/${rec.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const row = (label: string, value: string, strong = false) => (
    <Flex justify="space-between" align="baseline" gap={24} style={strong ? { borderTop: '1px solid #e8ecf3', paddingTop: 8, marginTop: 4 } : undefined}>
      <Typography.Text type={strong ? undefined : 'secondary'} strong={strong}>{label}</Typography.Text>
      <Typography.Text strong={strong} style={strong ? { fontSize: 20 } : undefined} data-testid={strong ? 'quote-total' : undefined}>{value}</Typography.Text>
    </Flex>
  );
  const totalsCard = (
    <Card size="small" style={{ minWidth: isMobile ? '100%' : 300 }} styles={{ body: { padding: '12px 16px' } }}>
      <Flex vertical gap={6}>
        {row(t('sales.quote.subtotal'), money(totals.subtotal))}
        {row(t('sales.quote.discount'), `−${money(totals.discountAmount)}`)}
        {row(t('sales.quote.tax'), money(totals.taxAmount))}
        {row(t('sales.quote.total'), money(totals.total), true)}
      </Flex>
    </Card>
  );
  const editor = (
    <Flex vertical gap={16}>
      {!draft && <Alert type="info" showIcon title={t('sales.quote.lockedHint')} />}
      <QuoteLinesEditor lines={lines} readOnly={!draft} currency={currency} onChange={edit} errors={lineErrors} />
      <Flex justify="space-between" align="flex-end" gap={16} wrap="wrap">
        <Space wrap>
          {draft && <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty || invalid} onClick={() => void save()}>{t('common.save')}</Button>}
          {draft && dirty && <Button onClick={() => edit(start)}>{t('sales.quote.discard')}</Button>}
          {dirty && <Typography.Text type="secondary">{t('sales.quote.unsaved')}</Typography.Text>}
        </Space>
        {totalsCard}
      </Flex>
    </Flex>
  );
  const pdf = (
    <Flex vertical gap={12}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={quotePdfUrl(String(quote.id))} download>{t('sales.quote.download')}</Button>
        <Button icon={<FilePdfOutlined />} href={quotePdfUrl(String(quote.id))} target="_blank" rel="noopener">{t('sales.quote.openPdf')}</Button>
        {dirty && <Typography.Text type="warning">{t('sales.quote.pdfStale')}</Typography.Text>}
      </Space>
      <object key={pdfKey} data={`${quotePdfUrl(String(quote.id))}#view=FitH`} type="application/pdf" aria-label={t('sales.quote.pdf')}
        style={{ width: '100%', height: isMobile ? 480 : 760, border: '1px solid #e8ecf3', borderRadius: 8 }}>
        <Typography.Paragraph style={{ padding: 16 }}>{t('sales.quote.noPdfViewer')}</Typography.Paragraph>
      </object>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Link to={`/quotes/${quote.id}`}><ArrowLeftOutlined /> {t('sales.quote.backToRecord')}</Link>
      <Card styles={{ body: { padding: isMobile ? 14 : 20 } }}>
        <Flex justify="space-between" gap={12} wrap="wrap" align="flex-start">
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Space wrap size={8}>
              <Tag color="blue" bordered={false}>{t('sales.quote.title')}</Tag>
              {quote.number != null && <Tag bordered={false}>{String(quote.number)}{Number(quote.revision) > 1 ? ` · v${String(quote.revision)}` : ''}</Tag>}
              <Tag color={STATUS_COLOR[String(quote.status ?? 'draft')] ?? 'default'} bordered={false}>{statusLabel}</Tag>
            </Space>
            <Typography.Title level={isMobile ? 4 : 3} style={{ margin: 0, overflowWrap: 'anywhere' }}>{quote.name || t('detail.untitled')}</Typography.Title>
            {quote.accountId != null && <Typography.Text type="secondary">{t('sales.account')}: <RecordLink object="accounts" id={quote.accountId} /></Typography.Text>}
          </Flex>
          <Space wrap>
            {!draft && <Button icon={<CopyOutlined />} onClick={() => void revise()}>{t('sales.quote.revise')}</Button>}
          </Space>
        </Flex>
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 20 } }}>
        <Tabs items={[{ key: 'lines', label: t('sales.quote.lines'), children: editor }, { key: 'pdf', label: t('sales.quote.pdf'), children: pdf }]} />
      </Card>
    </Flex>
  );
}
