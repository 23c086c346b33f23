import { sql } from 'kysely';
import type { Trx } from '../db/tenant.js';

type Row = Record<string, unknown>;

/** jsonb columns of each table, looked up once: their values travel as nested JSON rather than JSON text. */
const jsonbColumns = new Map<string, Set<string>>();

async function jsonbOf(trx: Trx, table: string): Promise<Set<string>> {
  let cols = jsonbColumns.get(table);
  if (!cols) {
    const res = await sql<{ name: string }>`select a.attname as name from pg_attribute a where a.attrelid = ${table}::regclass
      and a.attnum > 0 and not a.attisdropped and a.atttypid = 'jsonb'::regtype`.execute(trx);
    cols = new Set(res.rows.map((r) => r.name));
    jsonbColumns.set(table, cols);
  }
  return cols;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b || (a === null && b === null);
}

/** More column sets than this in one batch (very sparse rows): one VALUES list with DEFAULTs does better. */
const MAX_GROUPS = 12;
// PostgreSQL takes at most 65535 parameters per statement.
const MAX_PARAMS = 60_000;

/** The classic multi-row INSERT, in slices under the parameter limit; missing columns take their defaults. */
async function insertValues(trx: Trx, table: string, rows: Row[], returning: boolean): Promise<Row[]> {
  const width = Math.max(...rows.map((r) => Object.keys(r).length));
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const q = trx.insertInto(table as any).values(rows.slice(i, i + per) as any);
    if (returning) out.push(...await q.returningAll().execute() as Row[]);
    else await q.execute();
  }
  return out;
}

/**
 * Inserts many rows with one statement per set of columns, the rows travelling as a single JSON parameter
 * expanded by jsonb_populate_recordset over the table's row type: no per-value parameters to encode and
 * parse, which made the classic VALUES list the slowest part of an import. A column a row leaves out takes
 * its default, as in a single-row insert (rows setting different columns go in different statements).
 */
export async function insertRows(trx: Trx, table: string, rows: Row[], returning: boolean): Promise<Row[]> {
  if (rows.length === 0) return [];
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`);
  const groups = new Map<string, { cols: string[]; rows: Row[] }>();
  for (const row of rows) {
    const cols = Object.keys(row).filter((k) => row[k] !== undefined).sort();
    const key = cols.join(',');
    const g = groups.get(key);
    if (g) g.rows.push(row);
    else groups.set(key, { cols, rows: [row] });
  }
  if (groups.size > MAX_GROUPS) return insertValues(trx, table, rows, returning);
  const jsonb = await jsonbOf(trx, table);
  const out: Row[] = [];
  for (const g of groups.values()) {
    // Values every row shares (workspace, creator, times) travel once.
    const same = g.rows.length > 1 ? g.cols.filter((c) => g.rows.every((r) => sameValue(r[c], g.rows[0][c]))) : [];
    const own = g.cols.filter((c) => !same.includes(c));
    const asJson = (r: Row, cols: string[]) => {
      const o: Row = {};
      for (const c of cols) o[c] = jsonb.has(c) && typeof r[c] === 'string' ? JSON.parse(r[c] as string) : r[c];
      return o;
    };
    const t = sql.table(table);
    const pick = sql.join([...own.map((c) => sql.ref(`r.${c}`)), ...same.map((c) => sql.ref(`k.${c}`))]);
    const consts = same.length ? sql`, jsonb_populate_record(null::${t}, ${JSON.stringify(asJson(g.rows[0], same))}::jsonb) k` : sql``;
    const res = await sql<Row>`insert into ${t} (${sql.join([...own, ...same].map((c) => sql.ref(c)))}) select ${pick}
      from jsonb_populate_recordset(null::${t}, ${JSON.stringify(g.rows.map((r) => asJson(r, own)))}::jsonb) r ${consts}
      ${returning ? sql`returning *` : sql``}`.execute(trx);
    if (returning) out.push(...res.rows);
  }
  return out;
}
