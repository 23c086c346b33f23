-- Platform tables. Every tenant table: workspace_id first in the primary key, every foreign key,
-- unique constraint and index (Citus row-based sharding rules). Reference tables: workspaces, login_directory.

create table workspaces (
  id uuid primary key,
  name text not null,
  locale text not null default 'zh-CN',
  time_zone text not null default 'Asia/Shanghai',
  currency char(3) not null default 'CNY',
  settings jsonb not null default '{}'::jsonb,
  metadata_version integer not null default 1,
  created_at timestamptz not null default now()
);

-- Sign-in needs to find the workspace from an e-mail address before any workspace is known.
create table login_directory (
  email text primary key,
  workspace_id uuid not null references workspaces(id),
  user_id uuid not null
);

create table departments (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  parent_id uuid,
  head_id uuid,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, parent_id) references departments(workspace_id, id)
);
create index departments_parent_idx on departments (workspace_id, parent_id);

create table users (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  email text not null,
  name text not null,
  password_hash text,
  locale text not null default 'zh-CN',
  time_zone text not null default 'Asia/Shanghai',
  department_id uuid,
  manager_id uuid,
  status text not null default 'active',
  is_admin boolean not null default false,
  mfa_secret text,
  mfa_enabled boolean not null default false,
  recovery_codes jsonb not null default '[]'::jsonb,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (workspace_id, id),
  unique (workspace_id, email),
  foreign key (workspace_id, department_id) references departments(workspace_id, id),
  foreign key (workspace_id, manager_id) references users(workspace_id, id)
);
create index users_department_idx on users (workspace_id, department_id);
create index users_manager_idx on users (workspace_id, manager_id);
alter table departments add foreign key (workspace_id, head_id) references users(workspace_id, id);

create table roles (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  description text not null default '',
  -- { "<object>": { "<action>": "none|own|subordinates|department|departmentTree|all" } }
  permissions jsonb not null default '{}'::jsonb,
  -- { "<object>": { "<field>": "hidden|readonly|editable" } }
  field_permissions jsonb not null default '{}'::jsonb,
  can_unmask boolean not null default false,
  is_system boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, name)
);

create table user_roles (
  workspace_id uuid not null,
  user_id uuid not null,
  role_id uuid not null,
  primary key (workspace_id, user_id, role_id),
  foreign key (workspace_id, user_id) references users(workspace_id, id) on delete cascade,
  foreign key (workspace_id, role_id) references roles(workspace_id, id) on delete cascade
);
create index user_roles_role_idx on user_roles (workspace_id, role_id);

create table sessions (
  workspace_id uuid not null,
  id text not null,
  user_id uuid not null,
  csrf_token text not null,
  mfa_pending boolean not null default false,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, user_id) references users(workspace_id, id) on delete cascade
);
create index sessions_user_idx on sessions (workspace_id, user_id);

create table api_keys (
  workspace_id uuid not null,
  id uuid not null,
  name text not null,
  user_id uuid not null,
  token_hash text not null,
  prefix text not null,
  scopes jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  last_used_ip text,
  revoked_at timestamptz,
  primary key (workspace_id, id),
  unique (workspace_id, token_hash),
  foreign key (workspace_id, user_id) references users(workspace_id, id) on delete cascade
);

-- Metadata: objects and fields. Standard ones are synced from code; custom ones are created at run time.
create table objects (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  api_name text not null,
  label jsonb not null,
  plural_label jsonb not null default '{}'::jsonb,
  is_custom boolean not null default false,
  table_name text not null,
  status text not null default 'active',
  options jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, api_name)
);

create table fields (
  workspace_id uuid not null,
  id uuid not null,
  object_id uuid not null,
  api_name text not null,
  label jsonb not null,
  type text not null,
  column_name text,
  is_custom boolean not null default false,
  required boolean not null default false,
  is_unique boolean not null default false,
  filterable boolean not null default true,
  sensitive boolean not null default false,
  readonly boolean not null default false,
  options jsonb not null default '{}'::jsonb,
  position integer not null default 0,
  status text not null default 'active',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, object_id, api_name),
  foreign key (workspace_id, object_id) references objects(workspace_id, id) on delete cascade
);

-- Rows of every custom object share one table.
create table custom_records (
  workspace_id uuid not null,
  object_id uuid not null,
  id uuid not null,
  name text not null,
  owner_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_by uuid,
  custom jsonb not null default '{}'::jsonb,
  primary key (workspace_id, object_id, id),
  unique (workspace_id, id),
  foreign key (workspace_id, object_id) references objects(workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id)
);
create index custom_records_list_idx on custom_records (workspace_id, object_id, created_at desc, id desc);
create index custom_records_owner_idx on custom_records (workspace_id, object_id, owner_id);

create table record_shares (
  workspace_id uuid not null,
  object text not null,
  record_id uuid not null,
  user_id uuid not null,
  access text not null default 'read',
  expires_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (workspace_id, object, record_id, user_id),
  foreign key (workspace_id, user_id) references users(workspace_id, id) on delete cascade
);
create index record_shares_user_idx on record_shares (workspace_id, user_id, object);

create table record_history (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  record_id uuid not null,
  op text not null,
  field text,
  old_value jsonb,
  new_value jsonb,
  actor_id uuid,
  tx_id uuid not null,
  at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create index record_history_record_idx on record_history (workspace_id, object, record_id, at desc);

create table outbox_events (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  record_id uuid,
  event text not null,
  payload jsonb not null,
  actor_id uuid,
  created_at timestamptz not null default now(),
  dispatched_at timestamptz,
  primary key (workspace_id, id)
);
create index outbox_pending_idx on outbox_events (workspace_id, created_at) where dispatched_at is null;

create table idempotency_keys (
  workspace_id uuid not null,
  key text not null,
  user_id uuid not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id, key)
);

create table audit_log (
  workspace_id uuid not null,
  seq bigint not null,
  id uuid not null,
  at timestamptz not null,
  actor_id uuid,
  event text not null,
  ip text,
  detail jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null,
  primary key (workspace_id, seq),
  unique (workspace_id, id)
);

create table webhooks (
  workspace_id uuid not null,
  id uuid not null,
  name text not null default '',
  url text not null,
  secret text not null,
  objects jsonb not null default '[]'::jsonb,
  events jsonb not null default '[]'::jsonb,
  active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);

create table webhook_deliveries (
  workspace_id uuid not null,
  id uuid not null,
  webhook_id uuid not null,
  event_id uuid not null,
  event text not null,
  attempt integer not null,
  status text not null,
  response_status integer,
  error text,
  duration_ms integer,
  created_at timestamptz not null default now(),
  next_attempt_at timestamptz,
  primary key (workspace_id, id),
  foreign key (workspace_id, webhook_id) references webhooks(workspace_id, id) on delete cascade
);
create index webhook_deliveries_hook_idx on webhook_deliveries (workspace_id, webhook_id, created_at desc);
