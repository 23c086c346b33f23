-- Contracts, payment plans (回款计划), payments (回款), invoices (发票), sales targets (业绩目标), numbering rules.
create table contracts (
  workspace_id uuid not null references workspaces(id),
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
  number text, status text not null default 'draft', account_id uuid, contact_id uuid, opportunity_id uuid, quote_id uuid,
  amount numeric(18,2), currency char(3) not null default 'CNY', sign_date date, start_date date, end_date date,
  remind_days integer, customer_signer text, company_signer_id uuid, terms text, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, company_signer_id) references users(workspace_id, id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id),
  foreign key (workspace_id, contact_id) references contacts(workspace_id, id) on delete set null (contact_id),
  foreign key (workspace_id, opportunity_id) references opportunities(workspace_id, id) on delete set null (opportunity_id),
  foreign key (workspace_id, quote_id) references quotes(workspace_id, id) on delete set null (quote_id)
);
create index contracts_list_idx on contracts (workspace_id, created_at desc, id desc);
create index contracts_owner_idx on contracts (workspace_id, owner_id);
create index contracts_name_idx on contracts (workspace_id, name);
create index contracts_account_id_idx on contracts (workspace_id, account_id);
create index contracts_opportunity_id_idx on contracts (workspace_id, opportunity_id);
create index contracts_quote_id_idx on contracts (workspace_id, quote_id);
create index contracts_sign_date_idx on contracts (workspace_id, sign_date);
create index contracts_end_date_idx on contracts (workspace_id, end_date) where deleted_at is null;
create unique index contracts_number_uq on contracts (workspace_id, number);

-- One row per instalment; status and paid_amount are derived from the payments recorded against it.
create table payment_plans (
  workspace_id uuid not null references workspaces(id),
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
  contract_id uuid not null, instalment integer, due_date date not null, amount numeric(18,2) not null,
  currency char(3) not null default 'CNY', remind_days integer, paid_amount numeric(18,2) not null default 0,
  status text not null default 'pending', description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, contract_id) references contracts(workspace_id, id) on delete cascade
);
create index payment_plans_list_idx on payment_plans (workspace_id, created_at desc, id desc);
create index payment_plans_owner_idx on payment_plans (workspace_id, owner_id);
create index payment_plans_name_idx on payment_plans (workspace_id, name);
create index payment_plans_contract_id_idx on payment_plans (workspace_id, contract_id);
create index payment_plans_due_idx on payment_plans (workspace_id, due_date) where deleted_at is null and status <> 'paid';

create table payments (
  workspace_id uuid not null references workspaces(id),
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
  contract_id uuid not null, payment_plan_id uuid, account_id uuid, amount numeric(18,2) not null,
  currency char(3) not null default 'CNY', received_date date not null, method text, reference text, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, contract_id) references contracts(workspace_id, id) on delete cascade,
  foreign key (workspace_id, payment_plan_id) references payment_plans(workspace_id, id) on delete set null (payment_plan_id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id)
);
create index payments_list_idx on payments (workspace_id, created_at desc, id desc);
create index payments_owner_idx on payments (workspace_id, owner_id);
create index payments_name_idx on payments (workspace_id, name);
create index payments_contract_id_idx on payments (workspace_id, contract_id);
create index payments_payment_plan_id_idx on payments (workspace_id, payment_plan_id);
create index payments_received_date_idx on payments (workspace_id, received_date);

create table invoices (
  workspace_id uuid not null references workspaces(id),
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
  number text, status text not null default 'draft', invoice_type text not null default 'vatNormal',
  title_type text not null default 'company', title text, tax_number text, bank_name text, bank_account text,
  registered_address text, registered_phone text, contract_id uuid, account_id uuid, amount numeric(18,2) not null,
  currency char(3) not null default 'CNY', tax_rate numeric(7,4), issue_date date, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, contract_id) references contracts(workspace_id, id) on delete set null (contract_id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id)
);
create index invoices_list_idx on invoices (workspace_id, created_at desc, id desc);
create index invoices_owner_idx on invoices (workspace_id, owner_id);
create index invoices_name_idx on invoices (workspace_id, name);
create index invoices_contract_id_idx on invoices (workspace_id, contract_id);
create index invoices_account_id_idx on invoices (workspace_id, account_id);
create unique index invoices_number_uq on invoices (workspace_id, number);

create table targets (
  workspace_id uuid not null references workspaces(id),
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
  scope text not null default 'company', department_id uuid, user_id uuid, metric text not null default 'contractAmount',
  period_type text not null default 'month', year integer not null, month integer, amount numeric(18,2) not null,
  currency char(3) not null default 'CNY', description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, department_id) references departments(workspace_id, id),
  foreign key (workspace_id, user_id) references users(workspace_id, id)
);
create index targets_list_idx on targets (workspace_id, created_at desc, id desc);
create index targets_owner_idx on targets (workspace_id, owner_id);
create index targets_name_idx on targets (workspace_id, name);
create index targets_period_idx on targets (workspace_id, year, month);

create table numbering_rules (
  workspace_id uuid not null references workspaces(id),
  object text not null,
  prefix text not null,
  date_format text not null default 'YYYYMMDD',
  separator text not null default '-',
  seq_digits integer not null default 4,
  reset text not null default 'daily',
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (workspace_id, object)
);

-- The last number handed out per object and period; the upsert's row lock serialises concurrent creators.
create table numbering_counters (
  workspace_id uuid not null references workspaces(id),
  object text not null,
  period text not null,
  value bigint not null,
  primary key (workspace_id, object, period)
);
