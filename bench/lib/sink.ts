import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as COPY's text format wants it; arrays become PostgreSQL array literals. */
export type Cell = string | number | boolean | null | undefined | string[];

function escapeCopy(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function arrayLiteral(items: string[]): string {
  return `{${items.map((i) => `"${i.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** A tsvector literal of whole lexemes, like array_to_tsvector(tokens) (no positions, no weights). */
export function tsvectorLiteral(tokens: string[]): string {
  return tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}

export function copyLine(cells: Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i) out += '\t';
    if (v === null || v === undefined) out += '\\N';
    else if (Array.isArray(v)) out += escapeCopy(arrayLiteral(v));
    else if (typeof v === 'string') out += escapeCopy(v);
    else out += String(v);
  }
  return out + '\n';
}

export interface Writer {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

/** Where generated rows go: COPY FROM STDIN on PostgreSQL (one connection per open table), COPY FROM a blob on PGlite. */
export interface Sink {
  open(table: string, columns: string[]): Promise<Writer>;
  exec(sql: string, values?: unknown[]): Promise<{ rows: any[] }>;
  close(): Promise<void>;
}

// Generated rows are consistent by construction: foreign-key triggers are skipped while loading.
const SESSION = "set session_replication_role = replica; set maintenance_work_mem = '512MB'; set synchronous_commit = off";

export async function postgresSink(url: string): Promise<Sink> {
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(SESSION);
    return c;
  };
  const main = await connect();
  return {
    async open(table, columns) {
      const client = await connect();
      const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
      let failed: Error | null = null;
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', (e: Error) => { failed = e; reject(e); });
      });
      done.catch(() => {});
      return {
        async write(text) {
          if (failed) throw failed;
          if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
        },
        async end() {
          stream.end();
          await done;
          await client.end();
        },
      };
    },
    async exec(sql, values) { return main.query(sql, values as any[]); },
    async close() { await main.end(); },
  };
}

export async function pgliteSink(dataDir: string): Promise<Sink> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
  const db = await PGlite.create({ dataDir, extensions: { btree_gin } });
  await db.exec("set session_replication_role = replica; set maintenance_work_mem = '256MB'");
  return {
    async open(table, columns) {
      const sql = `copy ${table} (${columns.join(', ')}) from '/dev/blob'`;
      return {
        async write(text) { await db.query(sql, [], { blob: new Blob([text]) }); },
        async end() { /* each chunk was its own COPY */ },
      };
    },
    async exec(sql, values) {
      if (values?.length) return db.query(sql, values);
      const res = await db.exec(sql);
      return { rows: res[res.length - 1]?.rows ?? [] };
    },
    async close() { await db.close(); },
  };
}
