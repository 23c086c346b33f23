import { sql } from 'kysely';
import type { ObjectDef } from '../../metadata/types.js';
import { tableOf } from '../../records/columns.js';
import { loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { parseBody } from '../../records/validate.js';
import { visibilitySql } from '../../records/visibility.js';
import { lex } from '../search/search-query.js';
import { queryTerms } from '../search/tokens.js';
import { dedupeKeys, KEY_REASONS, KEY_WEIGHTS, normaliseCompanyName } from './dedupe-keys.js';

export interface Candidate { id: string; name: string; score: number; reasons: string[] }

const MAX = 20;

/** Dice coefficient of the character bigrams of two strings (1 = same). */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => { const out = new Map<string, number>(); for (let i = 0; i + 1 < s.length; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1); return out; };
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + b.length - 1);
}

/** The row the record would have: the stored one (when editing) with the body's values over it. */
async function candidateRow(ctx: RecordCtx, obj: ObjectDef, body: unknown, excludeId?: string): Promise<Record<string, any>> {
  const base = excludeId ? await loadRow(ctx, obj, excludeId, 'read') : {};
  const { values } = await parseBody(ctx, obj, body, 'update', '', { references: false });
  return { ...base, ...values.columns, custom: { ...(base.custom ?? {}), ...values.custom } };
}

/** Accounts whose names, without legal forms, contain the same words: "星辰科技" finds 上海星辰科技有限公司. */
async function similarNames(ctx: RecordCtx, obj: ObjectDef, name: string, excludeId?: string): Promise<Candidate[]> {
  const base = normaliseCompanyName(name);
  const terms = queryTerms(base);
  if (terms.length === 0 || base.length < 2) return [];
  const q = terms.map((t) => lex(t.text, t.prefix)).join(' & ');
  const rows = await sql<{ id: string; name: string }>`select t.id, t.name from search_index s join ${sql.table(tableOf(obj))} t
    on t.workspace_id = s.workspace_id and t.id = s.record_id where s.workspace_id = ${ctx.auth.workspaceId}::uuid and s.object = ${obj.apiName}
    and s.tokens @@ ${q}::tsquery and t.deleted_at is null and t.id <> ${excludeId ?? '00000000-0000-0000-0000-000000000000'}::uuid
    and ${visibilitySql(ctx, obj, 'read')} limit 200`.execute(ctx.trx);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, score: Math.round(similarity(base, normaliseCompanyName(r.name)) * 0.9 * 1000) / 1000, reasons: ['similarName'] }))
    .filter((c) => c.score >= 0.6);
}

/**
 * Likely duplicates of a record being created or edited, among those the caller may read: same
 * normalised company name or credit code (accounts), same phone, e-mail, or name in the same account
 * (contacts, leads), and for accounts similar names. Best first; the caller decides what to do.
 */
export async function checkDuplicates(ctx: RecordCtx, object: string, body: unknown, excludeId?: string): Promise<Candidate[]> {
  const obj = objectOf(ctx, object);
  const row = await candidateRow(ctx, obj, body, excludeId);
  const keys = dedupeKeys(obj, row);
  const found = new Map<string, Candidate>();
  if (keys.length) {
    const rows = await sql<{ id: string; name: string; dedupe: string[] }>`select t.id, t.name, s.dedupe from search_index s
      join ${sql.table(tableOf(obj))} t on t.workspace_id = s.workspace_id and t.id = s.record_id ${obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``}
      where s.workspace_id = ${ctx.auth.workspaceId}::uuid and s.object = ${obj.apiName} and cardinality(s.dedupe) > 0 and s.dedupe && ${keys}::text[]
      and t.deleted_at is null and t.id <> ${excludeId ?? '00000000-0000-0000-0000-000000000000'}::uuid
      and ${visibilitySql(ctx, obj, 'read')} limit ${MAX * 5}`.execute(ctx.trx);
    for (const r of rows.rows) {
      const shared = r.dedupe.filter((k) => keys.includes(k)).map((k) => k.split(':')[0]);
      const score = Math.max(...shared.map((k) => KEY_WEIGHTS[k] ?? 0.5));
      found.set(r.id, { id: r.id, name: r.name, score, reasons: [...new Set(shared.map((k) => KEY_REASONS[k] ?? k))] });
    }
  }
  if (obj.apiName === 'accounts' && typeof row.name === 'string') {
    for (const c of await similarNames(ctx, obj, row.name, excludeId)) if (!found.has(c.id)) found.set(c.id, c);
  }
  return [...found.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, MAX);
}
