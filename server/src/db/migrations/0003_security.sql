-- The application works inside tenant transactions as rapport_app, a role that is not a superuser and does
-- not own the tables, so the row-level security policies below apply on PGlite and PostgreSQL alike.
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'rapport_app') then
    create role rapport_app nologin;
  end if;
end $$;

-- Idempotent: enables RLS and grants on every tenant table. The migrator calls it after each run, so tables
-- added by later migrations are covered without repeating this in each file.
create or replace function rapport_apply_security() returns void language plpgsql as $$
declare t record;
begin
  execute format('grant usage on schema %I to rapport_app', current_schema());
  for t in
    select c.table_name from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'workspace_id'
      and tb.table_type = 'BASE TABLE' and c.table_name not in ('login_directory')
  loop
    execute format('alter table %I enable row level security', t.table_name);
    if not exists (select 1 from pg_policies where schemaname = current_schema() and tablename = t.table_name and policyname = 'tenant_isolation') then
      execute format($p$create policy tenant_isolation on %I to rapport_app
        using (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
        with check (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)$p$, t.table_name);
    end if;
    if t.table_name = 'audit_log' then
      execute format('grant select, insert on %I to rapport_app', t.table_name);
    else
      execute format('grant select, insert, update, delete on %I to rapport_app', t.table_name);
    end if;
  end loop;
  alter table workspaces enable row level security;
  if not exists (select 1 from pg_policies where schemaname = current_schema() and tablename = 'workspaces' and policyname = 'tenant_isolation') then
    create policy tenant_isolation on workspaces to rapport_app
      using (id = nullif(current_setting('app.workspace_id', true), '')::uuid);
  end if;
  execute 'grant select, update on workspaces to rapport_app';
  execute 'grant select on login_directory to rapport_app';
end $$;

create or replace function rapport_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function rapport_audit_append_only();
