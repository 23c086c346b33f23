import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Skeleton, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { FieldValue } from '../fields/field-value';
import { isEmptyValue } from '../fields/format';
import { RecordFormDialog } from '../form/record-form-dialog';
import { resolveColumns } from '../list/list-columns';
import {
  objectPath, recordKeys, useObjectSummaries, type FieldMeta, type ListPage, type ObjectMeta, type RecordRow,
} from '../records-api';

const PREVIEW = 5;

interface Relation {
  meta: ObjectMeta;
  link: FieldMeta;
}

/** Objects with a relation field pointing at this object: contacts and opportunities of an account, … */
function useRelations(object: string): { relations: Relation[]; loading: boolean } {
  const summaries = useObjectSummaries();
  const metas = useQueries({
    queries: (summaries.data ?? []).map((s) => ({
      queryKey: ['metadata', 'objects', s.apiName],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<ObjectMeta>(`/metadata/objects/${encodeURIComponent(s.apiName)}`, { signal }),
      staleTime: 5 * 60_000,
    })),
  });
  const relations: Relation[] = [];
  for (const m of metas) {
    // Follow-ups already fill the timeline; a second list of them would only repeat it.
    if (!m.data || m.data.apiName === 'activities') continue;
    const link = m.data.fields.find((f) => f.type === 'relation' && f.options?.target === object && f.status !== 'retired');
    if (link) relations.push({ meta: m.data, link });
  }
  return { relations, loading: summaries.isPending || metas.some((m) => m.isPending) };
}

/** Where a customer's related lists sit in the tabs: the ones reps open most first, custom objects last. */
const PREFERRED = ['contacts', 'opportunities', 'quotes', 'contracts', 'paymentPlans', 'payments', 'invoices', 'tasks', 'leads'];
const rank = (r: Relation) => {
  const i = PREFERRED.indexOf(r.meta.apiName);
  return i < 0 ? PREFERRED.length : i;
};

interface PaneProps {
  id: string;
  relation: Relation;
  page: ListPage | undefined;
  onNew?: () => void;
}

function RelatedPane({ id, relation, page, onNew }: PaneProps) {
  const { t, i18n } = useTranslation();
  const { meta, link } = relation;
  const [nameField, ...rest] = resolveColumns(meta, null);
  const detail = rest.filter((f) => f.apiName !== link.apiName);
  const filter = JSON.stringify({ field: link.apiName, op: 'eq', value: id });
  const label = localize(meta.label, i18n.language, meta.apiName);
  const plural = localize(meta.pluralLabel ?? meta.label, i18n.language, meta.apiName);
  if (!page) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (page.data.length === 0) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '12px 0' }}
        description={t('detail.noRelated', { object: plural })}>
        {onNew && <Button icon={<PlusOutlined />} onClick={onNew}>{t('records.newObject', { object: label })}</Button>}
      </Empty>
    );
  }
  return (
    <>
      <List size="small" dataSource={page.data} renderItem={(row) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex vertical style={{ minWidth: 0 }}>
            <Link to={`/${meta.apiName}/${row.id}`} style={{ fontWeight: 500 }}>{nameField && <FieldValue field={nameField} record={row} />}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {detail.filter((f) => !isEmptyValue(row[f.apiName])).slice(0, 3)
                .map((f, i) => <span key={f.apiName}>{i > 0 && ' · '}<FieldValue field={f} record={row} /></span>)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )} />
      {page.nextCursor && <Link to={`/${meta.apiName}?filter=${encodeURIComponent(filter)}`}>{t('detail.viewAll')}</Link>}
    </>
  );
}

/**
 * Related records by object, one tab each with its count, so a customer with contacts, deals, quotes and
 * contracts reads as one compact card instead of a wall of boxes. Empty tabs offer to create the first record.
 */
/** What a new related record takes over from the one it is created on: a quote made on a deal gets its customer. */
const INHERITED = ['accountId', 'contactId', 'opportunityId', 'currency'];

function defaultsFor(relation: Relation, id: string, parent?: RecordRow): Record<string, unknown> {
  const out: Record<string, unknown> = { [relation.link.apiName]: id };
  for (const name of INHERITED) {
    const field = relation.meta.fields.find((f) => f.apiName === name);
    if (field && !field.readonly && !(name in out) && parent?.[name] != null && parent[name] !== '') out[name] = parent[name];
  }
  return out;
}

export function RelatedLists({ object, id, record }: { object: string; id: string; record?: RecordRow }) {
  const { t, i18n } = useTranslation();
  const { relations: found, loading } = useRelations(object);
  const sorted = [...found].sort((a, b) => rank(a) - rank(b));
  const [creating, setCreating] = useState<Relation | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const pages = useQueries({
    queries: sorted.map((r) => ({
      queryKey: recordKeys.related(object, id, r.meta.apiName),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiFetch<ListPage>(objectPath(object, id, 'related', r.meta.apiName), { query: { limit: PREVIEW }, signal }),
    })),
  });
  if (loading) return <Card size="small"><Skeleton active paragraph={{ rows: 3 }} /></Card>;

  // Links set by a process (the lead a customer was converted from) show only when something points here.
  const shown = sorted.map((r, i) => ({ r, page: pages[i] })).filter(({ r, page }) => !r.link.readonly || (page.data?.data.length ?? 0) > 0);
  const relations = shown.map((x) => x.r);
  if (relations.length === 0) return null;
  const keyOf = (r: Relation) => `${r.meta.apiName}.${r.link.apiName}`;
  const canCreate = (r: Relation) => !r.link.readonly;
  const countOf = (i: number) => {
    const p = shown[i]?.page.data;
    if (!p) return '';
    return p.nextCursor ? `${PREVIEW}+` : String(p.data.length);
  };
  // Open on the first list that has something in it.
  const firstFilled = relations.find((_r, i) => (shown[i]?.page.data?.data.length ?? 0) > 0);
  const current = active ?? (firstFilled ? keyOf(firstFilled) : keyOf(relations[0]));
  const currentRelation = relations.find((r) => keyOf(r) === current);

  return (
    <Card size="small" title={t('detail.related')} styles={{ body: { paddingTop: 0 } }}
      extra={currentRelation && canCreate(currentRelation) && (
        <Button size="small" type="text" icon={<PlusOutlined />} onClick={() => setCreating(currentRelation)}>
          {t('records.newObject', { object: localize(currentRelation.meta.label, i18n.language, currentRelation.meta.apiName) })}
        </Button>
      )}>
      <Tabs size="small" activeKey={current} onChange={setActive} items={relations.map((r, i) => ({
        key: keyOf(r),
        label: (
          <span>
            {localize(r.meta.pluralLabel ?? r.meta.label, i18n.language, r.meta.apiName)}
            <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>{countOf(i)}</Typography.Text>
          </span>
        ),
        children: <RelatedPane id={id} relation={r} page={shown[i]?.page.data} onNew={canCreate(r) ? () => setCreating(r) : undefined} />,
      }))} />
      {creating && (
        <RecordFormDialog object={creating.meta.apiName} open onClose={() => setCreating(null)}
          defaults={defaultsFor(creating, id, record)} />
      )}
    </Card>
  );
}
