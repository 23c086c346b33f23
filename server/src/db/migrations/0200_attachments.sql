-- Files attached to any record (附件). The bytes live in the row, so app nodes stay stateless, a backup of
-- the database is a backup of everything, and Citus keeps a record's files on the shard of its workspace.
-- A removed attachment keeps its row (name, size, hash, who removed it, when) as the trail of what was
-- there, but its bytes are dropped at once: storage is freed and an erasure request is honoured.
create table attachments (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  object text not null,
  record_id uuid not null,
  file_name text not null,
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null,
  data bytea,
  created_by uuid,
  created_at timestamptz not null default now(),
  deleted_by uuid,
  deleted_at timestamptz,
  primary key (workspace_id, id),
  constraint attachments_data_kept check (deleted_at is not null or data is not null),
  foreign key (workspace_id, created_by) references users(workspace_id, id),
  foreign key (workspace_id, deleted_by) references users(workspace_id, id)
);
-- A record's live attachments, newest first (ids are UUIDv7, so id order is upload order).
create index attachments_record_idx on attachments (workspace_id, object, record_id, id desc) where deleted_at is null;
-- Purging a record drops its attachments whatever their state.
create index attachments_purge_idx on attachments (workspace_id, record_id);
