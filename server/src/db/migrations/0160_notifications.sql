-- In-app notifications: reminders and alerts addressed to one user. Only the kind and its parameters are
-- stored; the text is rendered when read, in the reader's language and time zone. dedupe_key makes each
-- producer idempotent: one notification per user and key, however often the producing job runs.
create table notifications (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  user_id uuid not null,
  kind text not null,
  object text,
  record_id uuid,
  params jsonb not null default '{}'::jsonb,
  dedupe_key text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (workspace_id, id),
  unique (workspace_id, user_id, dedupe_key),
  foreign key (workspace_id, user_id) references users(workspace_id, id) on delete cascade
);
-- The inbox, newest first (ids are UUIDv7, so id order is creation order), and the unread badge.
create index notifications_inbox_idx on notifications (workspace_id, user_id, id desc);
create index notifications_unread_idx on notifications (workspace_id, user_id) where read_at is null;
create index notifications_age_idx on notifications (workspace_id, created_at);
