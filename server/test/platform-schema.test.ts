import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openTestDatabase, SKIP } from './helpers.js';

/** Small tables every node keeps whole (Citus reference tables); the rules below do not apply to them. */
const REFERENCE_TABLES = ['workspaces', 'login_directory'];

/**
 * Citus's rules for tables distributed by workspace_id, checked on the live catalogue of one schema: every
 * table with a workspace_id column has it first, not null, first in its primary key, every unique
 * constraint, every index (expression and partial ones included) and both sides of every foreign key
 * (a reference table may be the target), and has row-level security on with a tenant_isolation policy.
 * Returns one line per broken rule.
 */
export async function citusViolations(db: Database, schema: string): Promise<string[]> {
  const q = async (text: string) => (await db.executeSql(text, [schema, REFERENCE_TABLES])).rows;
  const tables = `select c.oid, c.relname, a.attnum as ws, a.attnotnull as notnull, c.relrowsecurity as rls
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
    where n.nspname = $1 and c.relkind in ('r', 'p') and not (c.relname = any($2::text[]))`;
  const out: string[] = [];
  for (const r of await q(`with t as (${tables}) select t.relname,
      (select min(attnum) from pg_attribute where attrelid = t.oid and attnum > 0 and not attisdropped) = t.ws as first, t.notnull
    from t`)) {
    if (!r.first) out.push(`${r.relname}: workspace_id is not the first column`);
    if (!r.notnull) out.push(`${r.relname}: workspace_id may be null`);
  }
  for (const r of await q(`with t as (${tables}) select t.relname from t
      where not exists (select 1 from pg_constraint k where k.conrelid = t.oid and k.contype = 'p' and k.conkey[1] = t.ws)`)) {
    out.push(`${r.relname}: primary key missing or not led by workspace_id`);
  }
  for (const r of await q(`with t as (${tables}) select t.relname, k.conname, k.contype from t
      join pg_constraint k on k.conrelid = t.oid and k.contype in ('u', 'x') where k.conkey[1] is distinct from t.ws`)) {
    out.push(`${r.relname}: ${r.contype === 'u' ? 'unique' : 'exclusion'} constraint ${r.conname} not led by workspace_id`);
  }
  for (const r of await q(`with t as (${tables}) select t.relname, i.relname as idx from t
      join pg_index x on x.indrelid = t.oid join pg_class i on i.oid = x.indexrelid where x.indkey[0] <> t.ws`)) {
    out.push(`${r.relname}: index ${r.idx} not led by workspace_id`);
  }
  // Both sides of a foreign key: the referencing columns start with workspace_id, and so do the referenced
  // ones unless the target is a reference table.
  for (const r of await q(`with t as (${tables}) select t.relname, k.conname, k.conkey[1] = t.ws as local_ok,
      f.relname as target, f.relname = any($2::text[]) as to_reference,
      fa.attname = 'workspace_id' as remote_ok
    from t join pg_constraint k on k.conrelid = t.oid and k.contype = 'f'
    join pg_class f on f.oid = k.confrelid
    join pg_attribute fa on fa.attrelid = k.confrelid and fa.attnum = k.confkey[1]`)) {
    if (!r.local_ok) out.push(`${r.relname}: foreign key ${r.conname} not led by workspace_id`);
    if (!r.to_reference && !r.remote_ok) out.push(`${r.relname}: foreign key ${r.conname} does not reference ${r.target}.workspace_id first`);
  }
  for (const r of await q(`with t as (${tables}) select t.relname, t.rls,
      exists (select 1 from pg_policy p where p.polrelid = t.oid and p.polname = 'tenant_isolation') as policy from t`)) {
    if (!r.rls) out.push(`${r.relname}: row-level security is off`);
    if (!r.policy) out.push(`${r.relname}: no tenant_isolation policy`);
  }
  return out.sort();
}

describe.skipIf(SKIP)('schema: Citus distribution rules and row-level security', () => {
  let db: Database;
  let schema: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    schema = (await db.executeSql('select current_schema() as s')).rows[0].s;
  });
  afterAll(async () => { await db?.close(); });

  it('holds for every tenant table of the migrated schema', async () => {
    const tables = (await db.executeSql(`select table_name from information_schema.columns
      where table_schema = $1 and column_name = 'workspace_id'`, [schema])).rows.map((r) => r.table_name);
    // The check must have something to check: the platform's own tables are there.
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'users', 'record_history', 'outbox_events', 'custom_records']));
    expect(await citusViolations(db, schema)).toEqual([]);
  });

  it('reports each broken rule of a table a later migration might add', async () => {
    const s = `rapport_schema_check_${process.pid}_${Date.now().toString(36)}`;
    await db.executeSql(`create schema ${s};
      create table ${s}.parents (workspace_id uuid not null, id uuid not null, primary key (workspace_id, id));
      alter table ${s}.parents enable row level security;
      create policy tenant_isolation on ${s}.parents using (workspace_id = current_setting('app.workspace_id', true)::uuid);
      create table ${s}.loose (id uuid not null, workspace_id uuid, parent_id uuid, code text, name text,
        primary key (id, workspace_id),
        unique (code, workspace_id),
        foreign key (parent_id, workspace_id) references ${s}.loose (id, workspace_id));
      create index loose_name_idx on ${s}.loose (name, workspace_id);
      create index loose_lower_idx on ${s}.loose (lower(name));
      create index loose_partial_idx on ${s}.loose (code) where name is not null;
      create table ${s}.children (workspace_id uuid not null, id uuid not null, parent_id uuid,
        primary key (workspace_id, id));
      create unique index children_parent_key on ${s}.children (parent_id, workspace_id);
      alter table ${s}.children add constraint children_parent_fk foreign key (workspace_id, parent_id)
        references ${s}.children (parent_id, workspace_id);
      alter table ${s}.children enable row level security;
      create table ${s}.bare (workspace_id uuid, note text);`);
    try {
      expect(await citusViolations(db, s)).toEqual([
        'children: foreign key children_parent_fk does not reference children.workspace_id first',
        'children: index children_parent_key not led by workspace_id',
        'children: no tenant_isolation policy',
        'loose: foreign key loose_parent_id_workspace_id_fkey not led by workspace_id',
        'loose: foreign key loose_parent_id_workspace_id_fkey does not reference loose.workspace_id first',
        'loose: index loose_code_workspace_id_key not led by workspace_id',
        'loose: index loose_lower_idx not led by workspace_id',
        'loose: index loose_name_idx not led by workspace_id',
        'loose: index loose_partial_idx not led by workspace_id',
        'loose: index loose_pkey not led by workspace_id',
        'loose: no tenant_isolation policy',
        'loose: primary key missing or not led by workspace_id',
        'loose: row-level security is off',
        'loose: unique constraint loose_code_workspace_id_key not led by workspace_id',
        'loose: workspace_id is not the first column',
        'bare: workspace_id may be null',
        'bare: primary key missing or not led by workspace_id',
        'bare: row-level security is off',
        'bare: no tenant_isolation policy',
      ].sort());
    } finally {
      await db.executeSql(`drop schema ${s} cascade`);
    }
  });

  it('treats a foreign key to a reference table as allowed, and nothing else', async () => {
    const s = `rapport_schema_ref_${process.pid}_${Date.now().toString(36)}`;
    await db.executeSql(`create schema ${s};
      create table ${s}.workspaces (id uuid primary key);
      create table ${s}.notes (workspace_id uuid not null references ${s}.workspaces (id), id uuid not null,
        primary key (workspace_id, id));
      alter table ${s}.notes enable row level security;
      create policy tenant_isolation on ${s}.notes using (true);`);
    try {
      expect(await citusViolations(db, s)).toEqual([]);
    } finally {
      await db.executeSql(`drop schema ${s} cascade`);
    }
  });
});
