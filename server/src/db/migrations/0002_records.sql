-- Standard record tables. Common columns first; standard fields are real columns, custom fields live in custom.
create table accounts (
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
  phone text, email text, website text, industry text, level text, source text,
  tags text[] not null default '{}', address jsonb, credit_code text, deal_status text not null default 'none',
  last_contact_at timestamptz, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id)
);
create index accounts_list_idx on accounts (workspace_id, created_at desc, id desc);
create index accounts_owner_idx on accounts (workspace_id, owner_id);
create index accounts_name_idx on accounts (workspace_id, name);
create table contacts (
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
  account_id uuid, title text, phone text, mobile text, email text, wechat text, gender text,
  birthday date, is_primary boolean not null default false, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id)
);
create index contacts_list_idx on contacts (workspace_id, created_at desc, id desc);
create index contacts_owner_idx on contacts (workspace_id, owner_id);
create index contacts_name_idx on contacts (workspace_id, name);
create index contacts_account_id_idx on contacts (workspace_id, account_id);
create table leads (
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
  company text, title text, phone text, mobile text, email text, source text, status text not null default 'new',
  industry text, region text, address jsonb, lost_reason text, converted_at timestamptz, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id)
);
create index leads_list_idx on leads (workspace_id, created_at desc, id desc);
create index leads_owner_idx on leads (workspace_id, owner_id);
create index leads_name_idx on leads (workspace_id, name);
create table opportunities (
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
  account_id uuid, contact_id uuid, stage text not null default 'qualification', amount numeric(18,2),
  currency char(3) not null default 'CNY', probability integer, expected_close_date date, lost_reason text,
  description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id),
  foreign key (workspace_id, contact_id) references contacts(workspace_id, id) on delete set null (contact_id)
);
create index opportunities_list_idx on opportunities (workspace_id, created_at desc, id desc);
create index opportunities_owner_idx on opportunities (workspace_id, owner_id);
create index opportunities_name_idx on opportunities (workspace_id, name);
create index opportunities_account_id_idx on opportunities (workspace_id, account_id);
create index opportunities_contact_id_idx on opportunities (workspace_id, contact_id);
create table activities (
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
  type text not null default 'note', account_id uuid, contact_id uuid, lead_id uuid, opportunity_id uuid,
  content text, occurred_at timestamptz not null default now(), next_contact_at timestamptz,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id),
  foreign key (workspace_id, contact_id) references contacts(workspace_id, id) on delete set null (contact_id),
  foreign key (workspace_id, lead_id) references leads(workspace_id, id) on delete set null (lead_id),
  foreign key (workspace_id, opportunity_id) references opportunities(workspace_id, id) on delete set null (opportunity_id)
);
create index activities_list_idx on activities (workspace_id, created_at desc, id desc);
create index activities_owner_idx on activities (workspace_id, owner_id);
create index activities_name_idx on activities (workspace_id, name);
create index activities_account_id_idx on activities (workspace_id, account_id);
create index activities_contact_id_idx on activities (workspace_id, contact_id);
create index activities_lead_id_idx on activities (workspace_id, lead_id);
create index activities_opportunity_id_idx on activities (workspace_id, opportunity_id);
create table tasks (
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
  due_at timestamptz, status text not null default 'open', priority text not null default 'normal',
  account_id uuid, contact_id uuid, opportunity_id uuid, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id),
  foreign key (workspace_id, contact_id) references contacts(workspace_id, id) on delete set null (contact_id),
  foreign key (workspace_id, opportunity_id) references opportunities(workspace_id, id) on delete set null (opportunity_id)
);
create index tasks_list_idx on tasks (workspace_id, created_at desc, id desc);
create index tasks_owner_idx on tasks (workspace_id, owner_id);
create index tasks_name_idx on tasks (workspace_id, name);
create index tasks_account_id_idx on tasks (workspace_id, account_id);
create index tasks_contact_id_idx on tasks (workspace_id, contact_id);
create index tasks_opportunity_id_idx on tasks (workspace_id, opportunity_id);
