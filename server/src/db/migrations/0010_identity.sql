-- Identity and access.

-- The TOTP time step last accepted, so a code cannot be replayed within its validity window.
alter table users add column mfa_last_step bigint;

-- Creating a user claims the e-mail in the installation-wide directory in the same tenant transaction as the
-- user row, so the two never disagree. rapport_app may only see and touch its own workspace's entries; the
-- primary key still rejects an address taken in any workspace. Sign-in reads the directory as the owner.
alter table login_directory enable row level security;
do $$ begin
  if not exists (select 1 from pg_policies where schemaname = current_schema() and tablename = 'login_directory' and policyname = 'tenant_isolation') then
    create policy tenant_isolation on login_directory to rapport_app
      using (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)
      with check (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);
  end if;
end $$;
grant select, insert, delete on login_directory to rapport_app;

-- Listing a user's API keys.
create index api_keys_user_idx on api_keys (workspace_id, user_id);
