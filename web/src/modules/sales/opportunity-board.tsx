import { useMemo, useState } from 'react';
import { App, Card, Empty, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import { DndContext, PointerSensor, TouchSensor, KeyboardSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { useIsMobile } from '../../ui/use-is-mobile';
import { localize } from '../../ui/localized-text';
import { isConflict, patchRecord, storeRecord } from '../records/record-mutations';
import { fetchList, recordKeys, useObjectMeta, type RecordRow } from '../records/records-api';
import { BoardColumn } from './board-column';
import { formatMoneyTotals } from '../../ui/money-format';
import { sumByCurrency, weighted } from './quote-totals';
import { usePipelines, type Stage } from './sales-api';

const FIELDS = 'name,accountId,amount,currency,stage,pipelineId,version,ownerId';
const MAX_PAGES = 5;

async function loadBoard(pipelineId: string | null, signal: AbortSignal): Promise<RecordRow[]> {
  const out: RecordRow[] = [];
  let cursor: string | undefined;
  const filter = pipelineId ? { field: 'pipelineId', op: 'eq', value: pipelineId } : null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetchList('opportunities', { filter, fields: FIELDS, limit: 200, cursor, sort: '-amount' }, signal);
    out.push(...page.data);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** Stages from the pipelines API, or from the stage field's options when that API is not there. */
function useStages(pipelineId: string | null) {
  const pipelines = usePipelines();
  const meta = useObjectMeta('opportunities');
  return useMemo(() => {
    const list = pipelines.data ?? null;
    if (list && list.length) {
      const p = list.find((x) => x.id === pipelineId) ?? list.find((x) => x.isDefault) ?? list[0];
      return { pipelines: list, pipeline: p, stages: [...p.stages].sort((a, b) => a.position - b.position), loading: false };
    }
    const field = meta.data?.fields.find((f) => f.apiName === 'stage');
    const stages: Stage[] = (field?.options?.options ?? []).map((o, i) => ({ key: o.value, label: o.label, probability: 0, kind: 'open', position: i }));
    return { pipelines: [], pipeline: null, stages, loading: pipelines.isPending || (list === null && meta.isPending) };
  }, [pipelines.data, pipelines.isPending, meta.data, meta.isPending, pipelineId]);
}

export default function OpportunityBoard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const isMobile = useIsMobile();
  const { pipelines, pipeline, stages, loading } = useStages(pipelineId);
  const boardKey = [...recordKeys.all('opportunities'), 'board', pipeline?.id ?? null] as const;
  const rows = useQuery({ queryKey: boardKey, queryFn: ({ signal }) => loadBoard(pipeline?.id ?? null, signal), enabled: !loading });
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }), useSensor(KeyboardSensor));

  const byStage = useMemo(() => {
    const m = new Map<string, RecordRow[]>(stages.map((s) => [s.key, []]));
    for (const r of rows.data ?? []) m.get(String(r.stage))?.push(r);
    return m;
  }, [rows.data, stages]);

  const move = async (e: DragEndEvent) => {
    const id = String(e.active.id);
    const to = e.over ? String(e.over.id) : null;
    const row = rows.data?.find((r) => r.id === id);
    if (!row || !to || row.stage === to) return;
    const before = rows.data!;
    const apply = (list: RecordRow[]) => qc.setQueryData(boardKey, list);
    apply(before.map((r) => (r.id === id ? { ...r, stage: to } : r)));
    try {
      const saved = await patchRecord('opportunities', id, { stage: to }, row.version);
      storeRecord(qc, 'opportunities', saved);
      apply((qc.getQueryData<RecordRow[]>(boardKey) ?? before).map((r) => (r.id === id ? { ...r, ...saved } : r)));
      const label = localize(stages.find((s) => s.key === to)?.label, i18n.language, to);
      message.success(t('sales.board.moved', { name: row.name ?? '', stage: label }));
    } catch (err) {
      apply(before);
      message.error(isConflict(err) ? t('sales.board.conflict') : errorMessage(err), 5);
      if (isConflict(err)) void qc.invalidateQueries({ queryKey: boardKey });
    }
  };

  const all = rows.data ?? [];
  const open = all.filter((r) => stages.find((s) => s.key === r.stage)?.kind === 'open');
  const currency = String(all[0]?.currency ?? 'CNY');
  const probability = (r: RecordRow) => stages.find((s) => s.key === r.stage)?.probability ?? 0;
  const openTotal = formatMoneyTotals(sumByCurrency(open, (r) => r.amount, (r) => r.currency), i18n.language);
  const weightedTotal = formatMoneyTotals(sumByCurrency(open, (r) => weighted(r.amount, probability(r)), (r) => r.currency), i18n.language);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={12}>
        <Flex vertical gap={2}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('sales.board.title')}</Typography.Title>
          <Typography.Text type="secondary">
            {t('sales.board.summary', { count: open.length, amount: openTotal, weighted: weightedTotal })}
          </Typography.Text>
        </Flex>
        {pipelines.length > 1 && (isMobile || pipelines.length > 3 ? (
          // A phone (or many pipelines) gets a picker: a row of tabs would run off the side of the screen.
          <Select value={pipeline?.id} onChange={(v: string) => setPipelineId(v)} style={{ minWidth: 200, maxWidth: '100%' }}
            aria-label={t('sales.board.pipeline')}
            options={pipelines.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
        ) : (
          <Segmented value={pipeline?.id} onChange={(v) => setPipelineId(String(v))}
            options={pipelines.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} />
        ))}
      </Flex>
      {loading || rows.isPending ? <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
        : rows.error ? <Card><Empty description={errorMessage(rows.error)} /></Card>
        : stages.length === 0 ? <Card><Empty description={t('sales.board.noStages')} /></Card>
        : (
          <DndContext sensors={sensors} onDragEnd={(e) => void move(e)}>
            <div className="rp-board" style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 12, scrollSnapType: 'x proximity' }}>
              {stages.map((s) => <BoardColumn key={s.key} stage={s} rows={byStage.get(s.key) ?? []} currency={currency} />)}
            </div>
          </DndContext>
        )}
    </Flex>
  );
}
