-- The close-date index of 0180 as a partial index of open opportunities. Lists by expected close date are
-- of the open pipeline; read in order, the full index first walked every won and lost opportunity (their
-- close dates are the oldest) and filtered them out — 35,000 rows for one page of a manager's list.
drop index if exists opportunities_close_date_idx;
create index if not exists opportunities_open_close_date_idx on opportunities (workspace_id, expected_close_date, id) where status = 'open';

-- The forecast report (GET /api/v1/sales/forecast): open and won opportunities by expected close date, with
-- every column the report and the visibility predicate read, so that a manager's six months are an index-only
-- scan instead of a visit to the heap page of each of tens of thousands of opportunities.
create index if not exists opportunities_forecast_idx on opportunities (workspace_id, expected_close_date)
  include (status, currency, owner_id, id, deleted_at, pipeline_id, amount, weighted_amount) where status in ('open', 'won');
