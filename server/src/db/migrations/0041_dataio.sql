-- Imports: the uploaded file (in chunks, so any node can read it), the run's counters, its errors, the
-- records it wrote (for undo) and the external ids it learnt (to resolve relations of later imports).
create table imports (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  format text not null,
  status text not null default 'uploaded',
  file_name text not null default '',
  file_size bigint not null default 0,
  encoding text,
  delimiter text,
  columns jsonb not null default '[]'::jsonb,
  preview jsonb not null default '[]'::jsonb,
  mapping jsonb,
  duplicate_policy text,
  match_fields jsonb not null default '[]'::jsonb,
  options jsonb not null default '{}'::jsonb,
  processed integer not null default 0,
  created integer not null default 0,
  updated integer not null default 0,
  skipped integer not null default 0,
  failed integer not null default 0,
  error text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  undone_at timestamptz,
  undone_by uuid,
  primary key (workspace_id, id),
  foreign key (workspace_id, created_by) references users(workspace_id, id)
);
create index imports_created_idx on imports (workspace_id, created_at desc);

create table import_chunks (
  workspace_id uuid not null,
  import_id uuid not null,
  seq integer not null,
  data bytea not null,
  primary key (workspace_id, import_id, seq),
  foreign key (workspace_id, import_id) references imports(workspace_id, id) on delete cascade
);

create table import_errors (
  workspace_id uuid not null,
  import_id uuid not null,
  row_no integer not null,
  seq integer not null,
  column_name text,
  field text,
  -- 'error': the row was not imported; 'warning': it was, without this value (invalid values dropped).
  severity text not null default 'error',
  code text not null,
  params jsonb not null default '{}'::jsonb,
  value text,
  primary key (workspace_id, import_id, row_no, seq),
  foreign key (workspace_id, import_id) references imports(workspace_id, id) on delete cascade
);

-- The records each batch created: one row per batch (an array of ids) rather than one per record.
create table import_batches (
  workspace_id uuid not null,
  import_id uuid not null,
  -- the source row number the batch started at
  seq integer not null,
  created uuid[] not null,
  primary key (workspace_id, import_id, seq),
  foreign key (workspace_id, import_id) references imports(workspace_id, id) on delete cascade
);

-- Records an import updated, with the values it replaced, so that undo can put them back.
create table import_records (
  workspace_id uuid not null,
  import_id uuid not null,
  record_id uuid not null,
  op text not null,
  -- For updated records: the values the import replaced, so undo can put them back.
  before jsonb,
  primary key (workspace_id, import_id, record_id),
  foreign key (workspace_id, import_id) references imports(workspace_id, id) on delete cascade
);

create table import_templates (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  name text not null,
  columns jsonb not null default '[]'::jsonb,
  mapping jsonb not null,
  duplicate_policy text not null default 'create',
  match_fields jsonb not null default '[]'::jsonb,
  options jsonb not null default '{}'::jsonb,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, object, name)
);

create table external_ids (
  workspace_id uuid not null,
  object text not null,
  external_id text not null,
  record_id uuid not null,
  import_id uuid,
  primary key (workspace_id, object, external_id)
);
create index external_ids_record_idx on external_ids (workspace_id, object, record_id);
