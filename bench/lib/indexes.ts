import type { Sink } from './sink.js';

export const LOADED_TABLES = ['accounts', 'contacts', 'opportunities', 'activities', 'opportunity_stage_history', 'search_index'];

export interface IndexDef { name: string; def: string }

/**
 * Secondary indexes of the loaded tables (not the ones behind primary keys and unique constraints):
 * dropped before a bulk load and built once afterwards, which is several times faster than keeping
 * them up to date row by row (GIN above all).
 */
export async function secondaryIndexes(sink: Sink): Promise<IndexDef[]> {
  const res = await sink.exec(`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indrelid
    where c.relname = any($1::text[]) and c.relnamespace = current_schema()::regnamespace
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by 1`, [LOADED_TABLES]);
  return res.rows as IndexDef[];
}

export async function dropIndexes(sink: Sink, defs: IndexDef[]): Promise<void> {
  for (const d of defs) await sink.exec(`drop index if exists ${d.name}`);
}

export async function createIndexes(sink: Sink, defs: IndexDef[], log: (m: string) => void): Promise<void> {
  for (const d of defs) {
    const t0 = Date.now();
    await sink.exec(d.def.replace(/^CREATE (UNIQUE )?INDEX /, (m) => `${m}IF NOT EXISTS `));
    log(`  index ${d.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}
