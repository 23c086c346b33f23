-- Products, price books, quotes, contracts, payment plans, payments, invoices, sales targets.
-- Record tables carry the common record columns of 0002_records.sql; money is numeric with a currency code.
create table product_categories (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  owner_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_by uuid,
  custom jsonb not null default '{}'::jsonb,
  parent_id uuid, position integer, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, parent_id) references product_categories(workspace_id, id) on delete set null (parent_id)
);
create index product_categories_list_idx on product_categories (workspace_id, created_at desc, id desc);
create index product_categories_owner_idx on product_categories (workspace_id, owner_id);
create index product_categories_name_idx on product_categories (workspace_id, name);
create index product_categories_parent_id_idx on product_categories (workspace_id, parent_id);

create table products (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  owner_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_by uuid,
  custom jsonb not null default '{}'::jsonb,
  code text, category_id uuid, unit text, spec text, price numeric(18,2), currency char(3) not null default 'CNY',
  cost numeric(18,2), is_listed boolean not null default true, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, category_id) references product_categories(workspace_id, id) on delete set null (category_id)
);
create index products_list_idx on products (workspace_id, created_at desc, id desc);
create index products_owner_idx on products (workspace_id, owner_id);
create index products_name_idx on products (workspace_id, name);
create index products_category_id_idx on products (workspace_id, category_id);
create index products_code_idx on products (workspace_id, code);

create table price_books (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  owner_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_by uuid,
  custom jsonb not null default '{}'::jsonb,
  currency char(3) not null default 'CNY', is_active boolean not null default true, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id)
);
create index price_books_list_idx on price_books (workspace_id, created_at desc, id desc);
create index price_books_owner_idx on price_books (workspace_id, owner_id);
create index price_books_name_idx on price_books (workspace_id, name);

-- One price per product and price book; written through PUT /api/v1/priceBooks/{id}/entries.
create table price_book_entries (
  workspace_id uuid not null,
  price_book_id uuid not null,
  product_id uuid not null,
  unit_price numeric(18,2) not null,
  primary key (workspace_id, price_book_id, product_id),
  foreign key (workspace_id, price_book_id) references price_books(workspace_id, id) on delete cascade,
  foreign key (workspace_id, product_id) references products(workspace_id, id) on delete cascade
);
create index price_book_entries_product_idx on price_book_entries (workspace_id, product_id);

create table quotes (
  workspace_id uuid not null references workspaces(id),
  id uuid not null,
  name text not null,
  owner_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  deleted_at timestamptz,
  deleted_by uuid,
  custom jsonb not null default '{}'::jsonb,
  number text, revision integer not null default 1, previous_quote_id uuid, status text not null default 'draft',
  account_id uuid, contact_id uuid, opportunity_id uuid, price_book_id uuid, currency char(3) not null default 'CNY',
  quote_date date, valid_until date,
  subtotal numeric(18,2) not null default 0, discount_amount numeric(18,2) not null default 0,
  tax_amount numeric(18,2) not null default 0, total numeric(18,2) not null default 0,
  terms text, description text,
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_id) references users(workspace_id, id),
  foreign key (workspace_id, previous_quote_id) references quotes(workspace_id, id) on delete set null (previous_quote_id),
  foreign key (workspace_id, account_id) references accounts(workspace_id, id) on delete set null (account_id),
  foreign key (workspace_id, contact_id) references contacts(workspace_id, id) on delete set null (contact_id),
  foreign key (workspace_id, opportunity_id) references opportunities(workspace_id, id) on delete set null (opportunity_id),
  foreign key (workspace_id, price_book_id) references price_books(workspace_id, id) on delete set null (price_book_id)
);
create index quotes_list_idx on quotes (workspace_id, created_at desc, id desc);
create index quotes_owner_idx on quotes (workspace_id, owner_id);
create index quotes_name_idx on quotes (workspace_id, name);
create index quotes_account_id_idx on quotes (workspace_id, account_id);
create index quotes_opportunity_id_idx on quotes (workspace_id, opportunity_id);
create index quotes_previous_quote_id_idx on quotes (workspace_id, previous_quote_id);
-- Revisions share their quote's number.
create unique index quotes_number_uq on quotes (workspace_id, number, revision);

-- Line items belong to their quote: written through PUT /api/v1/quotes/{id}/lines, amounts computed on the server.
create table quote_lines (
  workspace_id uuid not null,
  id uuid not null,
  quote_id uuid not null,
  position integer not null,
  product_id uuid,
  name text not null,
  description text,
  unit text,
  quantity numeric(18,4) not null,
  unit_price numeric(18,2) not null,
  discount_rate numeric(7,4) not null default 0,
  tax_rate numeric(7,4) not null default 0,
  subtotal numeric(18,2) not null,
  discount_amount numeric(18,2) not null,
  tax_amount numeric(18,2) not null,
  amount numeric(18,2) not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, quote_id) references quotes(workspace_id, id) on delete cascade,
  foreign key (workspace_id, product_id) references products(workspace_id, id) on delete set null (product_id)
);
create index quote_lines_quote_idx on quote_lines (workspace_id, quote_id, position);
create index quote_lines_product_idx on quote_lines (workspace_id, product_id);
