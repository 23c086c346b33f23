-- Data as release 0.1.0 (migrations 0001–0003) wrote it: one workspace with its org, roles, metadata, a custom
-- field and a custom object, records of every standard object, history, outbox, an idempotency key, an audit
-- row, a webhook and its delivery. Written against that release's schema only; platform-upgrade.test.ts
-- replaces {{PASSWORD_HASH}} with an Argon2 hash of the test password.
insert into workspaces (id, name, locale, time_zone, currency, settings, metadata_version, created_at) values
  ('01900000-0000-7000-8000-000000000001', '升级测试公司 Upgrade Co', 'zh-CN', 'Asia/Shanghai', 'CNY', '{"recycleBinDays": 45}', 3, '2026-01-05T08:00:00Z');
insert into login_directory (email, workspace_id, user_id) values
  ('admin@upgrade.example', '01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000011'),
  ('rep@upgrade.example', '01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000012');

insert into departments (workspace_id, id, name, parent_id, position) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000021', '升级测试公司', null, 0),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000022', '华东销售部', '01900000-0000-7000-8000-000000000021', 1);
insert into users (workspace_id, id, email, name, password_hash, locale, time_zone, department_id, manager_id, status, is_admin, password_changed_at) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000011', 'admin@upgrade.example', '管理员', '{{PASSWORD_HASH}}', 'zh-CN', 'Asia/Shanghai', '01900000-0000-7000-8000-000000000021', null, 'active', true, '2026-01-05T08:00:00Z'),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000012', 'rep@upgrade.example', '李娜', '{{PASSWORD_HASH}}', 'zh-CN', 'Asia/Shanghai', '01900000-0000-7000-8000-000000000022', '01900000-0000-7000-8000-000000000011', 'active', false, '2026-01-05T08:00:00Z');
update departments set head_id = '01900000-0000-7000-8000-000000000011' where id = '01900000-0000-7000-8000-000000000021';
insert into roles (workspace_id, id, name, description, permissions, field_permissions, can_unmask, is_system) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000031', '系统管理员 Administrator', 'Everything, everywhere',
   '{"*": {"create": "all", "read": "all", "update": "all", "delete": "all", "export": "all", "import": "all", "transfer": "all"}}', '{}', true, true),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000032', '销售代表 Sales rep', 'Their own records',
   '{"*": {"create": "own", "read": "own", "update": "own", "delete": "own", "export": "none", "import": "own", "transfer": "none"}}',
   '{"accounts": {"creditCode": "hidden"}}', false, true);
insert into user_roles (workspace_id, user_id, role_id) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000031'),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000032');
insert into api_keys (workspace_id, id, name, user_id, token_hash, prefix, scopes) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000041', 'ERP sync', '01900000-0000-7000-8000-000000000011',
   'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778', 'rpk_0190', '["read"]');

-- Metadata: the accounts object (its standard fields are re-synced from code at start-up) with a custom
-- field, and a custom object with one field.
insert into objects (workspace_id, id, api_name, label, plural_label, is_custom, table_name) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000051', 'accounts', '{"zh-CN": "客户", "en-US": "Account"}', '{"zh-CN": "客户", "en-US": "Accounts"}', false, 'accounts'),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000052', 'projects', '{"zh-CN": "项目", "en-US": "Project"}', '{"zh-CN": "项目", "en-US": "Projects"}', true, 'custom_records');
insert into fields (workspace_id, id, object_id, api_name, label, type, column_name, is_custom, required, filterable, options, position) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000061', '01900000-0000-7000-8000-000000000051', 'score', '{"zh-CN": "评分", "en-US": "Score"}', 'number', null, true, false, true, '{"scale": 0}', 100),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000062', '01900000-0000-7000-8000-000000000052', 'name', '{"zh-CN": "名称", "en-US": "Name"}', 'text', 'name', false, true, true, '{}', 1),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000063', '01900000-0000-7000-8000-000000000052', 'budget', '{"zh-CN": "预算", "en-US": "Budget"}', 'currency', null, true, false, true, '{}', 2);
insert into custom_records (workspace_id, object_id, id, name, owner_id, created_by, custom) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000052', '01900000-0000-7000-8000-000000000071', '数据中台二期', '01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000011', '{"budget": "1200000.00"}');

-- Records of every standard object, linked the way users link them.
insert into accounts (workspace_id, id, name, owner_id, created_by, created_at, updated_at, version, custom, phone, email, website, industry, level, source, tags, address, credit_code, deal_status, description) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000101', '上海星辰科技有限公司', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000011', '2026-01-06T02:00:00Z', '2026-01-07T02:00:00Z', 2,
   '{"score": 88}', '13812341234', 'zhang@xingchen.example', 'https://xingchen.example/', 'it', 'A', 'referral', '{vip,华东}',
   '{"province": "上海市", "city": "上海市", "district": "浦东新区", "street": "世纪大道 100 号"}', '91310000MA1FL1234X', 'won', '老客户'),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000102', 'Northwind Traders', '01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000011', '2026-01-06T03:00:00Z', '2026-01-06T03:00:00Z', 1,
   '{}', '+14155550123', null, null, 'retail', 'B', 'web', '{}', null, null, 'none', null);
insert into accounts (workspace_id, id, name, owner_id, created_by, deleted_at, deleted_by, version) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000103', '已删除的客户', '01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000011', '2026-01-08T00:00:00Z', '01900000-0000-7000-8000-000000000011', 2);
insert into contacts (workspace_id, id, name, owner_id, created_by, account_id, title, phone, mobile, email, wechat, gender, birthday, is_primary) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000201', '张伟', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000101', 'CTO', '021-12345678', '13912345678', 'zhangwei@xingchen.example', 'zw_2026', 'male', '1985-06-01', true);
insert into leads (workspace_id, id, name, owner_id, created_by, company, title, mobile, email, source, status, industry, region) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000301', '王芳', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000012', '杭州云帆网络', '采购经理', '13700001111', 'wangfang@yunfan.example', 'exhibition', 'contacted', 'it', '浙江');
insert into opportunities (workspace_id, id, name, owner_id, created_by, account_id, contact_id, stage, amount, currency, probability, expected_close_date) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000401', '星辰 CRM 采购', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000101', '01900000-0000-7000-8000-000000000201', 'proposal', 250000.00, 'CNY', 60, '2026-03-31');
insert into activities (workspace_id, id, name, owner_id, created_by, type, account_id, contact_id, opportunity_id, content, occurred_at, next_contact_at) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000501', '电话沟通报价', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000012', 'call', '01900000-0000-7000-8000-000000000101', '01900000-0000-7000-8000-000000000201', '01900000-0000-7000-8000-000000000401', '客户希望下周看方案', '2026-01-07T06:30:00Z', '2026-01-14T02:00:00Z');
insert into tasks (workspace_id, id, name, owner_id, created_by, due_at, status, priority, account_id, opportunity_id) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000601', '准备方案', '01900000-0000-7000-8000-000000000012', '01900000-0000-7000-8000-000000000012', '2026-01-13T10:00:00Z', 'open', 'high', '01900000-0000-7000-8000-000000000101', '01900000-0000-7000-8000-000000000401');
insert into record_shares (workspace_id, object, record_id, user_id, access, created_by) values
  ('01900000-0000-7000-8000-000000000001', 'accounts', '01900000-0000-7000-8000-000000000102', '01900000-0000-7000-8000-000000000012', 'read', '01900000-0000-7000-8000-000000000011');

-- What the pipeline wrote beside the records.
insert into record_history (workspace_id, id, object, record_id, op, field, old_value, new_value, actor_id, tx_id, at) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000701', 'accounts', '01900000-0000-7000-8000-000000000101', 'create', '*', null, '{"name": "上海星辰科技有限公司"}', '01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000791', '2026-01-06T02:00:00Z'),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000702', 'accounts', '01900000-0000-7000-8000-000000000101', 'update', 'level', '"B"', '"A"', '01900000-0000-7000-8000-000000000011', '01900000-0000-7000-8000-000000000792', '2026-01-07T02:00:00Z');
insert into outbox_events (workspace_id, id, object, record_id, event, payload, actor_id, created_at, dispatched_at) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000801', 'accounts', '01900000-0000-7000-8000-000000000101', 'accounts.created', '{"record": {"name": "上海星辰科技有限公司"}}', '01900000-0000-7000-8000-000000000011', '2026-01-06T02:00:00Z', '2026-01-06T02:00:01Z'),
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000802', 'accounts', '01900000-0000-7000-8000-000000000101', 'accounts.updated', '{"changes": [{"field": "level", "old": "B", "new": "A"}]}', '01900000-0000-7000-8000-000000000011', '2026-01-07T02:00:00Z', null);
insert into idempotency_keys (workspace_id, key, user_id, request_hash, status_code, response) values
  ('01900000-0000-7000-8000-000000000001', 'erp-import-42', '01900000-0000-7000-8000-000000000011', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 201, '{"id": "01900000-0000-7000-8000-000000000102"}');
insert into audit_log (workspace_id, seq, id, at, actor_id, event, ip, detail, prev_hash, hash) values
  ('01900000-0000-7000-8000-000000000001', 1, '01900000-0000-7000-8000-000000000a01', '2026-01-05T08:00:00Z', '01900000-0000-7000-8000-000000000011', 'auth.login', '127.0.0.1',
   '{"email": "admin@upgrade.example"}', '0000000000000000000000000000000000000000000000000000000000000000', '4bc34713b266e799279025fed5a9893aded89ef40e1dd71d6758e76caf755f45');
insert into webhooks (workspace_id, id, name, url, secret, objects, events, created_by) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000901', 'ERP', 'https://erp.example/hooks/rapport', 'whsec_0123456789abcdef', '["accounts"]', '["accounts.created"]', '01900000-0000-7000-8000-000000000011');
insert into webhook_deliveries (workspace_id, id, webhook_id, event_id, event, attempt, status, response_status, duration_ms) values
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000902', '01900000-0000-7000-8000-000000000901', '01900000-0000-7000-8000-000000000801', 'accounts.created', 1, 'delivered', 200, 87);
