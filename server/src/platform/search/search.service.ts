import { sql, type RawBuilder } from 'kysely';
import type { ObjectDef } from '../../metadata/types.js';
import { tableOf } from '../../records/columns.js';
import type { RecordCtx } from '../../records/record-context.js';
import { visibilitySql } from '../../records/visibility.js';
import { scopeFor } from '../access.js';
import { AppError } from '../errors.js';
import { lex, matchSql } from './search-query.js';
import { KEY } from './search-index.js';

export interface SearchHit {
  object: string;
  objectLabel: string;
  id: string;
  name: string;
  /**
   * 'exact' name (or its pinyin, initials, company name without suffix), 'prefix' of one, 'name' when the
   * words occur in the name, 'other' when another field matched.
   */
  match: 'exact' | 'prefix' | 'name' | 'other';
}

const MATCH = ['exact', 'prefix', 'name', 'other'] as const;

/**
 * One object's best hits in four tiers — exact name key (0), prefix of a key (1), all words in the name (2),
 * matched through another field (3).
 *
 * Two shapes, the same hits and order (docs/performance.md). A viewer who reads only their own or their
 * reports' records sees few of the matches: one lookup of the GIN index computes each row's tier, and the
 * object's best `limit` rows come back — a tier-per-lookup query would walk those matches four times, none
 * of them stopping early. A viewer who reads a department or more meets visible matches at once: each tier
 * is its own lookup that stops after `limit` visible rows, so a prefix matching 20,000 names costs no more
 * than one matching fifty.
 */
function objectQuery(ctx: RecordCtx, obj: ObjectDef, q: string, limit: number): RawBuilder<unknown> | null {
  const m = matchSql(ctx, obj, q);
  if (!m) return null;
  const custom = obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``;
  const exact = sql`${lex(`${KEY}${m.exact}`, false)}::tsquery`;
  const prefix = sql`${lex(`${KEY}${m.exact}`, true)}::tsquery`;
  const name = sql`${m.nameOnly}::tsquery`;
  const from = sql`from search_index s join ${sql.table(tableOf(obj))} t on t.workspace_id = s.workspace_id and t.id = s.record_id ${custom}
    where s.workspace_id = ${ctx.auth.workspaceId}::uuid and s.object = ${obj.apiName}`;
  const visible = sql`t.deleted_at is null and ${visibilitySql(ctx, obj, 'read')}`;
  if (NARROW.has(scopeFor(ctx.auth.access, obj.apiName, 'read'))) {
    // exact ⊂ prefix, and every hit of `name` also satisfies `m.where`: this is the union of the four tiers.
    const rank = sql`(case when s.tokens @@ ${exact} then 0 when s.tokens @@ ${prefix} then 1 when s.tokens @@ ${name} then 2 else 3 end)`;
    return sql`(select ${obj.apiName}::text as object, t.id, s.name, ${rank}::int as rank ${from}
      and (s.tokens @@ (${prefix} || ${name}) or ${m.where}) and ${visible}
      order by 4, char_length(s.name), s.name, t.id limit ${limit})`;
  }
  const tier = (rank: number, cond: RawBuilder<boolean>) => sql`(select ${obj.apiName}::text as object, t.id, s.name, ${rank}::int as rank
    ${from} and ${cond} and ${visible} limit ${limit})`;
  const tiers = [
    tier(0, sql<boolean>`s.tokens @@ ${exact}`),
    tier(1, sql<boolean>`s.tokens @@ ${prefix} and not s.tokens @@ ${exact}`),
    tier(2, sql<boolean>`s.tokens @@ ${name} and not s.tokens @@ ${prefix}`),
    tier(3, sql<boolean>`${m.where} and not s.tokens @@ (${name} || ${prefix})`),
  ];
  return sql`(${sql.join(tiers, sql` union all `)})`;
}

/** Read scopes under which a viewer sees a small part of a workspace's records. */
const NARROW = new Set(['own', 'subordinates']);

/** Searchable objects: the ones asked for (all by default) that the viewer may read. */
function searchObjects(ctx: RecordCtx, objects?: string[]): ObjectDef[] {
  const all = [...ctx.md.objects.values()].filter((o) => o.status === 'active');
  if (objects?.length) {
    const unknown = objects.find((n) => !ctx.md.objects.has(n));
    if (unknown) throw new AppError(400, 'error.unknownObject', { object: unknown });
  }
  return all.filter((o) => (!objects?.length || objects.includes(o.apiName)) && scopeFor(ctx.auth.access, o.apiName, 'read') !== 'none');
}

/** GET /search: every readable object's hits through the one visibility predicate, best first. */
export async function globalSearch(ctx: RecordCtx, q: string, objects?: string[], limit = 20): Promise<SearchHit[]> {
  const parts = searchObjects(ctx, objects).map((o) => objectQuery(ctx, o, q, limit)).filter((p) => p !== null);
  if (parts.length === 0) return [];
  // Each tier is "any `limit` matching rows": the planner, misjudging how rare a prefix is, would walk the
  // workspace's rows in key order hoping to meet matches early. Searches go through the GIN index.
  // Parallel workers cost more to start than the 60-odd small lookups of a search save (docs/performance.md).
  // One statement, one round trip.
  await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true)`.execute(ctx.trx);
  const rows = await sql<{ object: string; id: string; name: string; rank: number }>`select * from (${sql.join(parts, sql` union all `)}) x
    order by rank, char_length(name), name, id limit ${limit}`.execute(ctx.trx);
  return rows.rows.map((r) => ({
    object: r.object, objectLabel: ctx.md.objects.get(r.object)?.label[ctx.auth.locale] ?? r.object,
    id: r.id, name: r.name, match: MATCH[r.rank] ?? 'other',
  }));
}

/** The `q` of every list: the record's row in the index matches (replaces the plain name match). */
export function listSearchSql(ctx: RecordCtx, obj: ObjectDef, q: string): RawBuilder<boolean> {
  const m = matchSql(ctx, obj, q, 's', 't');
  if (!m) return sql<boolean>`true`;
  return sql<boolean>`exists (select 1 from search_index s where s.workspace_id = t.workspace_id
    and s.object = ${obj.apiName} and s.record_id = t.id and ${m.where})`;
}
