-- Sales core: pipelines and stages, public pools with reclaim rules, owner-change log, lead assignment rules
-- and web forms, and the extra columns of accounts, leads, opportunities and follow-ups.

-- Pipelines are settings, not records: a pipeline picks stages from the opportunity stage field's options
-- and gives each its win probability and kind (open, won, lost).
create table sales_pipelines (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  department_ids uuid[] not null default '{}',
  is_default boolean not null default false,
  position integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create unique index sales_pipelines_default_uq on sales_pipelines (workspace_id) where is_default;

create table sales_stages (
  workspace_id uuid not null,
  pipeline_id uuid not null,
  key text not null,
  probability integer not null check (probability between 0 and 100),
  kind text not null check (kind in ('open', 'won', 'lost')),
  position integer not null,
  primary key (workspace_id, pipeline_id, key),
  foreign key (workspace_id, pipeline_id) references sales_pipelines(workspace_id, id) on delete cascade
);

create table sales_pools (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  department_ids uuid[] not null default '{}',
  admin_ids uuid[] not null default '{}',
  -- [{ "level": "A" | null, "noFollowUpDays": n, "noOpportunityDays": n, "noDealDays": n }]
  rules jsonb not null default '[]'::jsonb,
  warn_days integer not null default 0,
  claim_daily_cap integer,
  cooldown_days integer not null default 0,
  skip_with_deals boolean not null default false,
  position integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);

alter table accounts add column pool_id uuid;
alter table accounts add column locked boolean not null default false;
alter table accounts add column locked_at timestamptz;
alter table accounts add column owner_since timestamptz;
alter table accounts add column last_deal_at timestamptz;
alter table accounts add foreign key (workspace_id, pool_id) references sales_pools(workspace_id, id);
create index accounts_pool_idx on accounts (workspace_id, pool_id) where owner_id is null;
create index accounts_locked_idx on accounts (workspace_id, owner_id) where locked;

-- Every claim, release, assignment, reclaim and transfer of a customer: who, when, from whom, to whom, why.
create table account_owner_log (
  workspace_id uuid not null,
  id uuid not null,
  account_id uuid not null,
  action text not null,
  from_owner_id uuid,
  to_owner_id uuid,
  pool_id uuid,
  reason text,
  actor_id uuid,
  at timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete cascade
);
create index account_owner_log_account_idx on account_owner_log (workspace_id, account_id, at desc);
create index account_owner_log_claims_idx on account_owner_log (workspace_id, to_owner_id, action, at);

-- One warning per account, owner and reclaim date, so the nightly job warns once.
create table sales_reclaim_warnings (
  workspace_id uuid not null,
  account_id uuid not null,
  owner_id uuid not null,
  reclaim_at timestamptz not null,
  warned_at timestamptz not null,
  primary key (workspace_id, account_id, owner_id, reclaim_at),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete cascade
);

create table sales_settings (
  workspace_id uuid not null references workspaces(id),
  max_owned_accounts integer,
  max_locked_accounts integer,
  updated_at timestamptz not null default now(),
  primary key (workspace_id)
);

create table sales_rep_limits (
  workspace_id uuid not null,
  user_id uuid not null,
  max_owned_accounts integer,
  max_locked_accounts integer,
  primary key (workspace_id, user_id),
  foreign key (workspace_id, user_id) references users(workspace_id, id) on delete cascade
);

create table sales_lead_rules (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  position integer not null default 0,
  active boolean not null default true,
  regions text[] not null default '{}',
  industries text[] not null default '{}',
  sources text[] not null default '{}',
  department_id uuid,
  user_ids uuid[] not null default '{}',
  last_user_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, department_id) references departments(workspace_id, id)
);

create table sales_lead_forms (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  key text not null,
  default_owner_id uuid not null,
  default_source text,
  active boolean not null default true,
  submissions integer not null default 0,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, key),
  foreign key (workspace_id, default_owner_id) references users(workspace_id, id)
);

alter table leads add column converted_account_id uuid;
alter table leads add column converted_contact_id uuid;
alter table leads add column converted_opportunity_id uuid;
alter table leads add column lost_reason_type text;
alter table leads add column lead_form_id uuid;

alter table opportunities add column pipeline_id text;
alter table opportunities add column status text not null default 'open';
alter table opportunities add column weighted_amount numeric(18,2);
alter table opportunities add column closed_at timestamptz;
alter table opportunities add column stage_entered_at timestamptz;
alter table opportunities add column lost_reason_type text;
create index opportunities_pipeline_idx on opportunities (workspace_id, pipeline_id, stage);
create index opportunities_account_created_idx on opportunities (workspace_id, account_id, created_at desc);

create table opportunity_stage_history (
  workspace_id uuid not null,
  id uuid not null,
  opportunity_id uuid not null,
  pipeline_id text,
  stage text not null,
  entered_at timestamptz not null,
  left_at timestamptz,
  entered_by uuid,
  primary key (workspace_id, id),
  foreign key (workspace_id, opportunity_id) references opportunities(workspace_id, id) on delete cascade
);
create index opportunity_stage_history_opp_idx on opportunity_stage_history (workspace_id, opportunity_id, entered_at);

-- Products on an opportunity; product_id points at the products object when there is one.
create table opportunity_products (
  workspace_id uuid not null,
  id uuid not null,
  opportunity_id uuid not null,
  position integer not null,
  product_id uuid,
  name text not null,
  quantity numeric(18,4) not null,
  unit_price numeric(18,2) not null,
  discount numeric(5,2) not null default 0,
  amount numeric(18,2) not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, opportunity_id) references opportunities(workspace_id, id) on delete cascade
);
create index opportunity_products_opp_idx on opportunity_products (workspace_id, opportunity_id, position);

alter table activities add column ends_at timestamptz;
alter table activities add column location text;
alter table activities add column next_contact_done boolean not null default false;
create index activities_next_contact_idx on activities (workspace_id, owner_id, next_contact_at) where not next_contact_done;
create index tasks_due_idx on tasks (workspace_id, owner_id, due_at) where status = 'open';
