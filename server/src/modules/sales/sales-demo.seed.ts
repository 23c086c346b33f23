import type { Database } from '../../db/database.js';
import { runAsSystem } from '../../platform/jobs/system-context.js';
import type { RecordCtx } from '../../records/record-context.js';
import { createRecord } from '../../records/record-write.service.js';
import { changeAccountOwner } from './accounts-owner.service.js';
import { creditCodeCheckChar } from './credit-code.js';
import { createLeadRule } from './leads-assign.service.js';
import { createLeadForm } from './leads-form.service.js';
import { putOpportunityProducts } from './opportunities-products.service.js';
import { createPipeline, ensureDefaultPipeline } from './pipelines-config.service.js';
import { createPool } from './pool-config.service.js';
import { DAY_MS } from './sales-common.js';
import { putSalesSettings } from './sales-settings.service.js';
import { addTeamMember } from './team-members.service.js';

export interface SalesDemoUser { id: string; departmentId?: string | null; role?: string }
type Rec = Record<string, any>;

const code = (body: string) => body + creditCodeCheckChar(body);
const ACCOUNTS = [
  { name: '上海星辰科技有限公司', level: 'A', industry: 'it', source: 'exhibition', creditCode: code('91310115MA1K3XYW0'), phone: '021-58881234', tags: ['重点', 'SaaS'], address: { province: '上海市', city: '上海市', district: '浦东新区', street: '张江路 88 号' } },
  { name: '北京华信制造股份有限公司', level: 'A', industry: 'manufacturing', source: 'referral', creditCode: code('91110108MA01ABCDE'), phone: '010-62345678', tags: ['制造'], address: { province: '北京市', city: '北京市', district: '海淀区', street: '中关村大街 1 号' } },
  { name: '杭州云帆零售有限公司', level: 'B', industry: 'retail', source: 'web', creditCode: code('91330106MA2B0C0D1'), phone: '13905711234', tags: ['零售'], address: { province: '浙江省', city: '杭州市', district: '西湖区' } },
  { name: '深圳前海金融服务有限公司', level: 'B', industry: 'finance', source: 'ads', creditCode: code('91440300MA5ABCDEF'), phone: '0755-86651234', tags: [], address: { province: '广东省', city: '深圳市', district: '南山区' } },
  { name: 'Northwind Trading Ltd', level: 'B', industry: 'retail', source: 'web', phone: '+14155550123', email: 'info@northwind.example', tags: ['overseas'], address: { country: 'US', city: 'San Francisco' } },
  { name: '成都蜀锦教育科技有限公司', level: 'C', industry: 'education', source: 'cold_call', creditCode: code('91510100MA6C12345'), phone: '13880001234', tags: [], address: { province: '四川省', city: '成都市', district: '武侯区' } },
  { name: '武汉光谷医疗器械有限公司', level: 'C', industry: 'healthcare', source: 'other', phone: '13971234567', tags: [], address: { province: '湖北省', city: '武汉市', district: '洪山区' } },
  { name: 'Contoso Pharma GmbH', level: 'C', industry: 'healthcare', source: 'referral', phone: '+4930123456789', tags: ['overseas'], address: { country: 'DE', city: 'Berlin' } },
];
const CONTACTS = [['张伟', '总经理', '13812345678'], ['李娜', '采购经理', '13923456789'], ['王强', 'IT 主管', '13634567890'], ['赵敏', '财务总监', '13745678901'],
  ['Olivia Brown', 'Purchasing lead', '+14155550188'], ['刘洋', '校长助理', '13856789012'], ['陈静', '设备科长', '13967890123'], ['Lukas Weber', 'CTO', '+4915112345678']];
const LEADS = [
  { name: '周杰', company: '南京紫金物流有限公司', mobile: '13912345001', source: 'web', region: '江苏', industry: 'other', status: 'new' },
  { name: '吴磊', company: '苏州工业园区精密机械厂', mobile: '13912345002', source: 'exhibition', region: '江苏', industry: 'manufacturing', status: 'working' },
  { name: '郑爽', company: '天津滨海化工有限公司', phone: '022-23456789', source: 'ads', region: '北京', industry: 'manufacturing', status: 'new' },
  { name: 'Emma Wilson', company: 'Fabrikam Inc.', email: 'emma@fabrikam.example', source: 'web', region: 'US', industry: 'it', status: 'working' },
  { name: '孙丽', company: '厦门海峡贸易公司', mobile: '13912345005', source: 'cold_call', region: '福建', industry: 'retail', status: 'lost', lostReasonType: 'noNeed', lostReason: '暂无采购计划' },
  { name: '何伟', company: '重庆山城火锅连锁', mobile: '13912345006', source: 'referral', region: '重庆', industry: 'retail', status: 'new' },
];

/** Reps do the selling; without any, managers and then everyone. */
function sellers(users: SalesDemoUser[]): SalesDemoUser[] {
  const reps = users.filter((u) => u.role === 'rep');
  return reps.length ? reps : users.filter((u) => u.role !== 'admin').length ? users.filter((u) => u.role !== 'admin') : users;
}

async function settings(ctx: RecordCtx, users: SalesDemoUser[]): Promise<void> {
  const ws = ctx.auth.workspaceId;
  await putSalesSettings(ctx.trx, ws, { maxOwnedAccounts: 200, maxLockedAccounts: 20 });
  await ensureDefaultPipeline(ctx.trx, ws);
  const depts = [...new Set(users.map((u) => u.departmentId).filter((d): d is string => !!d))];
  const managers = users.filter((u) => u.role === 'manager' || u.role === 'admin').map((u) => u.id);
  await createPipeline(ctx.trx, ws, ctx.md, {
    name: '渠道销售流程 Channel pipeline', departmentIds: depts.slice(-1), position: 1,
    stages: [{ key: 'qualification', probability: 20, kind: 'open' }, { key: 'needs', probability: 35, kind: 'open' }, { key: 'proposal', probability: 50, kind: 'open' },
      { key: 'negotiation', probability: 75, kind: 'open' }, { key: 'won', probability: 100, kind: 'won' }, { key: 'lost', probability: 0, kind: 'lost' }],
  });
  await createPool(ctx.trx, ws, ctx.org, {
    name: '公海 Public pool', departmentIds: depts, adminIds: managers, warnDays: 3, claimDailyCap: 5, cooldownDays: 7, skipWithDeals: true,
    rules: [{ level: 'A', noFollowUpDays: 30, noDealDays: 180 }, { level: 'B', noFollowUpDays: 20 }, { level: null, noFollowUpDays: 15, noOpportunityDays: 60 }],
  }, new Set(['A', 'B', 'C']));
  const team = sellers(users).map((u) => u.id);
  await createLeadRule(ctx.trx, ws, ctx.org, { name: '官网线索轮流分配 Website leads round-robin', sources: ['web'], userIds: team, position: 0 });
  await createLeadRule(ctx.trx, ws, ctx.org, { name: '其余线索 Everything else', userIds: team.slice(0, 1), position: 1 });
  await createLeadForm(ctx, { name: '官网咨询表单 Website enquiry form', defaultOwnerId: managers[0] ?? team[0], defaultSource: 'web' });
}

async function customers(ctx: RecordCtx, owners: string[]): Promise<Rec[]> {
  const out: Rec[] = [];
  for (const [i, a] of ACCOUNTS.entries()) {
    const acc = await createRecord(ctx, 'accounts', { ...a, ownerId: owners[i % owners.length] });
    const [name, title, phone] = CONTACTS[i];
    await createRecord(ctx, 'contacts', { name, title, [phone.startsWith('+') ? 'phone' : 'mobile']: phone, accountId: acc.id, isPrimary: true, ownerId: acc.ownerId });
    out.push(acc);
  }
  // Two customers sit in the pool, released with a reason.
  for (const acc of out.slice(-2)) {
    const row = (await ctx.trx.selectFrom('accounts').selectAll().where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', acc.id).executeTakeFirstOrThrow());
    const pool = await ctx.trx.selectFrom('sales_pools').select('id').where('workspace_id', '=', ctx.auth.workspaceId).executeTakeFirstOrThrow();
    await changeAccountOwner(ctx, row, { ownerId: null, poolId: pool.id, action: 'release', reason: '长期未成交 No deal in sight' });
  }
  return out.slice(0, -2);
}

async function deals(ctx: RecordCtx, accounts: Rec[]): Promise<Rec[]> {
  const stages = ['qualification', 'needs', 'proposal', 'negotiation', 'won', 'lost'];
  const opps: Rec[] = [];
  for (const [i, acc] of accounts.entries()) {
    const stage = stages[i % stages.length];
    opps.push(await createRecord(ctx, 'opportunities', {
      name: `${acc.name} · ${['CRM 升级 CRM upgrade', '年度服务 Annual service', '新系统采购 New system'][i % 3]}`, accountId: acc.id, ownerId: acc.ownerId,
      stage, amount: String(50000 + i * 37500), currency: acc.name.match(/[A-Za-z]{4,}/) ? 'USD' : 'CNY',
      expectedCloseDate: new Date(ctx.now.getTime() + (15 + i * 10) * DAY_MS).toISOString().slice(0, 10),
      ...(stage === 'lost' ? { lostReasonType: 'competitor', lostReason: '对手报价更低 Lower competitor price' } : {}),
    }));
  }
  await putOpportunityProducts(ctx, opps[0].id, [{ name: 'CRM 企业版许可 Enterprise licence', quantity: 50, unitPrice: '1200.00', discount: 10 },
    { name: '实施服务 Implementation', quantity: 10, unitPrice: '1800.00' }], true);
  return opps;
}

async function followUps(ctx: RecordCtx, accounts: Rec[], users: SalesDemoUser[]): Promise<void> {
  const at = (days: number, hour = 10) => new Date(Math.floor(ctx.now.getTime() / DAY_MS) * DAY_MS + days * DAY_MS + (hour - 8) * 3_600_000).toISOString();
  for (const [i, acc] of accounts.entries()) {
    await createRecord(ctx, 'activities', {
      name: ['电话沟通需求 Call about needs', '上门拜访 On-site visit', '微信跟进 WeChat follow-up'][i % 3], type: ['call', 'visit', 'wechat'][i % 3],
      accountId: acc.id, ownerId: acc.ownerId, occurredAt: at(-(i + 1) * 3), content: '客户对方案感兴趣，需要报价。The customer is interested and wants a quote.',
      nextContactAt: at(i % 3 === 0 ? 0 : i),
    });
  }
  await createRecord(ctx, 'activities', {
    name: '方案评审会议 Proposal review meeting', type: 'meeting', accountId: accounts[0].id, ownerId: accounts[0].ownerId,
    occurredAt: at(2, 14), endsAt: at(2, 16), location: '上海市浦东新区张江路 88 号 3 楼会议室', content: '议程：演示、报价、实施计划',
  });
  for (const [i, acc] of accounts.slice(0, 4).entries()) {
    await createRecord(ctx, 'tasks', {
      name: ['准备报价单 Prepare the quote', '发送合同草案 Send the draft contract', '安排产品演示 Book a demo', '催收首付款 Chase the first payment'][i],
      accountId: acc.id, ownerId: acc.ownerId, dueAt: at(i - 1, 17), priority: i === 0 ? 'high' : 'normal', status: 'open',
    });
  }
  const other = users.find((u) => u.id !== accounts[0].ownerId && u.role !== 'admin');
  if (other) await addTeamMember(ctx, 'accounts', accounts[0].id, { userId: other.id, access: 'read' });
}

/**
 * Bilingual demo data for the sales core: caps, a second pipeline, a public pool with reclaim rules, lead
 * assignment rules and a web form, customers with contacts (two of them in the pool), leads in every status,
 * opportunities across the stages, follow-ups with next-contact dates, a meeting, tasks and a team member.
 * Everything goes through the records pipeline as the system, owned by the given users.
 */
export async function seedSalesDemo(db: Database, workspaceId: string, users: SalesDemoUser[], now = new Date()): Promise<void> {
  if (users.length === 0) return;
  await runAsSystem(db, workspaceId, async (ctx) => {
    await settings(ctx, users);
    const owners = sellers(users).map((u) => u.id);
    const accounts = await customers(ctx, owners);
    for (const [i, l] of LEADS.entries()) await createRecord(ctx, 'leads', { ...l, ownerId: owners[i % owners.length] });
    await deals(ctx, accounts);
    await followUps(ctx, accounts, users);
  }, { now });
}
