-- Duplicate finder results and merges. A merge keeps what it changed so that it can be undone while the
-- merged-away records are still in the recycle bin.
create table duplicate_scans (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  status text not null default 'queued',
  groups integer not null default 0,
  error text,
  created_by uuid,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (workspace_id, id)
);

create table duplicate_groups (
  workspace_id uuid not null,
  id uuid not null,
  scan_id uuid not null,
  object text not null,
  record_ids uuid[] not null,
  score numeric(4,3) not null,
  reasons jsonb not null default '[]'::jsonb,
  status text not null default 'open',
  created_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, scan_id) references duplicate_scans(workspace_id, id) on delete cascade
);
create index duplicate_groups_list_idx on duplicate_groups (workspace_id, object, status, score desc);

create table record_merges (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  survivor_id uuid not null,
  merged_ids uuid[] not null,
  -- field → the value the survivor had before the merge wrote the chosen one
  survivor_before jsonb not null default '{}'::jsonb,
  survivor_after jsonb not null default '{}'::jsonb,
  created_by uuid,
  created_at timestamptz not null default now(),
  undone_at timestamptz,
  undone_by uuid,
  primary key (workspace_id, id)
);
create index record_merges_survivor_idx on record_merges (workspace_id, object, survivor_id);

-- What a merge moved: relation values of related records, history rows, shares.
create table record_merge_moves (
  workspace_id uuid not null,
  merge_id uuid not null,
  seq integer not null,
  kind text not null,
  object text not null,
  record_id uuid not null,
  field text,
  old_value text,
  primary key (workspace_id, merge_id, seq),
  foreign key (workspace_id, merge_id) references record_merges(workspace_id, id) on delete cascade
);
