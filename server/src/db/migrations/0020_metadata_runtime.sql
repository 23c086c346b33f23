-- Run-time metadata: administrators' edits of standard objects and fields are kept apart from the
-- code-declared values, so the start-up sync can keep refreshing those without losing the edits.
alter table objects add column overrides jsonb not null default '{}'::jsonb;
alter table fields add column overrides jsonb not null default '{}'::jsonb;

-- Auto-number sequences: one row per field and reset period ('' when the sequence never resets). The row
-- lock taken by the upsert serialises concurrent creates, and a rolled-back create gives its number back.
create table metadata_counters (
  workspace_id uuid not null,
  field_id uuid not null,
  period text not null default '',
  value bigint not null default 0,
  updated_at timestamptz not null default now(),
  primary key (workspace_id, field_id, period),
  foreign key (workspace_id, field_id) references fields(workspace_id, id) on delete cascade
);

-- Typed values of custom fields, used alike by list queries and by the expression indexes of filterable and
-- unique fields (server/src/metadata/custom-sql.ts). Three reasons for wrappers instead of plain casts:
-- * under row-level security the planner only uses an index for a condition whose functions are LEAKPROOF
--   (->> and the text casts are not), so with plain casts no custom-field index would ever be used;
-- * text→date/timestamptz casts are only STABLE and cannot appear in an index;
-- * the same jsonb key may hold another type in another workspace: these never raise, they return null
--   for anything that is not the canonical form the records pipeline stores.
-- plpgsql keeps them from being inlined (an inlined body would lose the LEAKPROOF mark); calls between them
-- are schema-qualified because index builds run with a locked-down search_path. Only a superuser
-- may declare LEAKPROOF; elsewhere they are created without it (queries work, custom indexes go unused).
create or replace function rapport_cf_valid_date(v text) returns boolean
  language plpgsql immutable strict parallel safe as $b$
declare d date;
begin
  if v !~ '^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' then return false; end if;
  d := make_date(substr(v, 1, 4)::int, substr(v, 6, 2)::int, 1);
  return substr(v, 9, 2)::int <= extract(day from (d + interval '1 month' - interval '1 day'))::int;
end $b$;

do $do$
declare lp text := case when (select rolsuper from pg_roles where rolname = current_user) then 'leakproof' else '' end;
begin
  execute format($f$create or replace function rapport_cf_text(c jsonb, k text) returns text
    language plpgsql immutable strict parallel safe %1$s as $b$ begin return c ->> k; end $b$$f$, lp);
  execute format($f$create or replace function rapport_cf_numeric(c jsonb, k text) returns numeric
    language plpgsql immutable strict parallel safe %1$s as $b$
    declare v text := c ->> k;
    begin
      if length(v) <= 60 and v ~ '^-?[0-9]+(\.[0-9]+)?$' then return v::numeric; end if;
      return null;
    end $b$$f$, lp);
  -- Filter indexes of numeric fields hold float8: numeric comparisons are not LEAKPROOF, float8 ones are.
  -- numeric→float8 never reorders values, so a float8 range narrows the rows and the exact numeric
  -- condition is checked beside it (custom-sql.ts indexHint).
  execute format($f$create or replace function rapport_cf_float8(c jsonb, k text) returns float8
    language plpgsql immutable strict parallel safe %1$s as $b$
    declare v text := c ->> k;
    begin
      if length(v) <= 60 and v ~ '^-?[0-9]+(\.[0-9]+)?$' then return v::float8; end if;
      return null;
    end $b$$f$, lp);
  execute format($f$create or replace function rapport_cf_boolean(c jsonb, k text) returns boolean
    language plpgsql immutable strict parallel safe %1$s as $b$
    declare v text := c ->> k;
    begin
      if v in ('true', 'false') then return v::boolean; end if;
      return null;
    end $b$$f$, lp);
  execute format($f$create or replace function rapport_cf_uuid(c jsonb, k text) returns uuid
    language plpgsql immutable strict parallel safe %1$s as $b$
    declare v text := c ->> k;
    begin
      if v ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then return v::uuid; end if;
      return null;
    end $b$$f$, lp);
  execute format($f$create or replace function rapport_cf_date(c jsonb, k text) returns date
    language plpgsql immutable strict parallel safe %1$s as $b$
    declare v text := c ->> k;
    begin
      if v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and %2$I.rapport_cf_valid_date(v) then return v::date; end if;
      return null;
    end $b$$f$, lp, current_schema());
  execute format($f$create or replace function rapport_cf_timestamptz(c jsonb, k text) returns timestamptz
    language plpgsql immutable strict parallel safe %1$s as $b$
    declare v text := c ->> k;
    begin
      if v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$'
        and %2$I.rapport_cf_valid_date(v) then return v::timestamptz; end if;
      return null;
    end $b$$f$, lp, current_schema());
end $do$;
