-- The per-workspace search index (docs/decisions/0003-search-index.md). One row per record of any object,
-- written by the records pipeline's hooks in the same transaction as the record. Tokens are made in
-- application code (CJK unigrams and bigrams, pinyin, words, phone digits, e-mail parts) and stored as a
-- tsvector built with array_to_tsvector, so PostgreSQL never re-tokenises them.
-- btree_gin lets the GIN indexes lead with workspace_id like every other index (Citus rules), so one
-- workspace's search never walks another's postings. It is a trusted extension (PostgreSQL 13+).
create extension if not exists btree_gin;

create table search_index (
  workspace_id uuid not null,
  object text not null,
  record_id uuid not null,
  -- The record's display name, for ranking and for showing results without reading the record's table.
  name text not null default '',
  -- Exact forms of the name: folded text, full pinyin, pinyin initials, company name without its suffix.
  keys text[] not null default '{}',
  tokens tsvector not null,
  -- Blocking keys of the duplicate finder: normalised company name, credit code, phone digits, e-mail.
  dedupe text[] not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (workspace_id, object, record_id)
);
create index search_index_tokens_idx on search_index using gin (workspace_id, tokens);
-- Most records (follow-ups, tasks…) have no duplicate keys: they stay out of this index.
create index search_index_dedupe_idx on search_index using gin (workspace_id, dedupe) where cardinality(dedupe) > 0;
