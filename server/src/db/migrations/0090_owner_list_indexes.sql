-- Owner-scoped list index (docs/performance.md). The visibility predicate of a rep or a manager is
-- "owner_id = any(...) or id = any(shared ids) or <pool rule>", which PostgreSQL answers with a BitmapOr of
-- one index per branch. With created_at in the owner index, the owner branch also narrows by the list's
-- date filter and default order, so a manager's "new this month" page reads the matching rows only.
-- The index replaces (workspace_id, owner_id), of which it is a superset.
create index if not exists accounts_owner_created_idx on accounts (workspace_id, owner_id, created_at desc, id desc);
create index if not exists contacts_owner_created_idx on contacts (workspace_id, owner_id, created_at desc, id desc);
create index if not exists leads_owner_created_idx on leads (workspace_id, owner_id, created_at desc, id desc);
create index if not exists opportunities_owner_created_idx on opportunities (workspace_id, owner_id, created_at desc, id desc);
create index if not exists activities_owner_created_idx on activities (workspace_id, owner_id, created_at desc, id desc);
create index if not exists tasks_owner_created_idx on tasks (workspace_id, owner_id, created_at desc, id desc);
drop index if exists accounts_owner_idx;
drop index if exists contacts_owner_idx;
drop index if exists leads_owner_idx;
drop index if exists opportunities_owner_idx;
drop index if exists activities_owner_idx;
drop index if exists tasks_owner_idx;
