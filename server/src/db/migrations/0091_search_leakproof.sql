-- Under row-level security PostgreSQL evaluates a condition before the policy only if its function is
-- LEAKPROOF; otherwise it may not be an index condition. tsvector @@ tsquery (ts_match_vq) is not marked so,
-- which kept every search off the GIN index of search_index and made it a sequential scan of the whole
-- table (3.5M rows: 2-3 s per object; docs/performance.md). The function returns a boolean of its two
-- arguments and raises no error that depends on them, so marking it leakproof reveals nothing the policy
-- hides. Only a superuser may do so: elsewhere this notes it, and the operator runs the statement once.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
  else
    raise notice 'rapport: run "alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof" as a superuser for indexed search under row-level security';
  end if;
end $$;
