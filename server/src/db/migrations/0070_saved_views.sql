-- Saved list views: a person's own column/sort/filter/search choices for one object, optionally shared
-- with the whole workspace. Only the owner (or an administrator) changes or deletes one.
create table saved_views (
  workspace_id uuid not null,
  id uuid not null,
  object text not null,
  name text not null,
  owner_id uuid not null,
  shared boolean not null default false,
  definition jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id) on delete cascade,
  -- One name per person and object, so a view picker never shows two identical entries of one's own.
  constraint saved_views_owner_name_key unique (workspace_id, object, owner_id, name)
);
create index saved_views_shared_idx on saved_views (workspace_id, object, shared);
