-- Indexes found with the benchmark (docs/performance.md, "What was changed").
--
-- Global search: every lookup of search_index by tokens names one object (one branch per object and rank
-- tier). With the object in the GIN index a branch reads only that object's postings, instead of every
-- object's matches and then dropping the other objects' rows at the heap (the follow-ups branch of a
-- search for a common name read every matching contact).
create index if not exists search_index_object_tokens_idx on search_index using gin (workspace_id, object, tokens);
drop index if exists search_index_tokens_idx;

-- The kanban board: a pipeline's opportunities, largest amount first (the board's list request), read in
-- index order and stopped after a page instead of sorting every visible opportunity of the pipeline.
create index if not exists opportunities_pipeline_amount_idx on opportunities (workspace_id, pipeline_id, amount desc nulls last, id desc);

-- The commonest sorts of the opportunity and account lists after the creation date: by expected close
-- date, and by last contact, most recent first (the same order and NULL placement as the list query).
create index if not exists opportunities_close_date_idx on opportunities (workspace_id, expected_close_date, id);
create index if not exists accounts_last_contact_idx on accounts (workspace_id, last_contact_at desc nulls last, id desc);
