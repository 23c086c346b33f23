import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localize } from '../../ui/localized-text';
import { useIsMobile } from '../../ui/use-is-mobile';
import { useRecordName } from '../records/fields/ref-names';
import type { RecordRow } from '../records/records-api';
import { formatMoney, formatMoneyTotals } from '../../ui/money-format';
import { sumByCurrency, weighted } from './quote-totals';
import type { Stage } from './sales-api';

const KIND_COLOR: Record<string, string> = { won: '#16a34a', lost: '#9ca3af', open: '#2b5fd9' };

function AccountName({ id }: { id: unknown }) {
  const name = useRecordName('accounts', id);
  return <>{name.data ?? '—'}</>;
}

function OpportunityCard({ row, currency }: { row: RecordRow; currency: string }) {
  const { i18n } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: row.id });
  const style = {
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    zIndex: isDragging ? 50 : undefined, opacity: isDragging ? 0.85 : 1, cursor: 'grab', touchAction: 'manipulation',
    boxShadow: isDragging ? '0 8px 24px rgba(15,23,42,.18)' : undefined,
  } as const;
  return (
    <div ref={setNodeRef} style={style} {...listeners} {...attributes}>
      <Card size="small" hoverable styles={{ body: { padding: 10 } }}>
        <Flex vertical gap={2}>
          <Link to={`/opportunities/${row.id}`} onClick={(e) => isDragging && e.preventDefault()}
            style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{row.name || '—'}</Link>
          {row.accountId != null && <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}><AccountName id={row.accountId} /></Typography.Text>}
          <Typography.Text strong>{formatMoney(row.amount, String(row.currency ?? currency), i18n.language)}</Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}

export function BoardColumn({ stage, rows, currency }: { stage: Stage; rows: RecordRow[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const { setNodeRef, isOver } = useDroppable({ id: stage.key });
  const total = formatMoneyTotals(sumByCurrency(rows, (r) => r.amount, (r) => r.currency, currency), i18n.language);
  const w = formatMoneyTotals(sumByCurrency(rows, (r) => weighted(r.amount, stage.probability), (r) => r.currency, currency), i18n.language);
  return (
    <section ref={setNodeRef} aria-label={localize(stage.label, i18n.language, stage.key)} data-stage={stage.key} style={{
      flex: `0 0 ${isMobile ? 280 : 260}px`, background: isOver ? '#dfe8fb' : '#e9edf4', borderRadius: 10, padding: 10,
      borderTop: `3px solid ${KIND_COLOR[stage.kind] ?? KIND_COLOR.open}`, scrollSnapAlign: 'start',
      // Columns reach down the window, so there is always somewhere to drop a card.
      minHeight: isMobile ? 360 : 'calc(100vh - 230px)',
      transition: 'background .15s',
    }}>
      <Flex vertical gap={4} style={{ marginBottom: 10 }}>
        <Flex justify="space-between" align="center">
          <Typography.Text strong>{localize(stage.label, i18n.language, stage.key)}</Typography.Text>
          <Tag bordered={false}>{rows.length}</Tag>
        </Flex>
        <Typography.Text style={{ fontSize: 12 }}>{t('sales.board.total')}: {total}</Typography.Text>
        <Flex align="center" gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('sales.board.weighted')}: {w}
          </Typography.Text>
          <Progress percent={stage.probability} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{stage.probability}%</Typography.Text>
        </Flex>
      </Flex>
      <Flex vertical gap={8}>
        {rows.map((r) => <OpportunityCard key={r.id} row={r} currency={currency} />)}
        {rows.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center', padding: 16 }}>{t('sales.board.dropHere')}</Typography.Text>}
      </Flex>
    </section>
  );
}
