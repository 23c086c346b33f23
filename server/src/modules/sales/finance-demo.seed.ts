import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { RecordCtx } from '../../records/record-context.js';
import { applyUpdate, createRecord } from '../../records/record-write.service.js';
import { objectOf } from '../../records/record-context.js';
import { runAsSystem } from '../../platform/jobs/system-context.js';
import { addDays, isoDay } from './finance-time.js';
import { replaceEntries } from './products-price-books.service.js';
import { replaceLines } from './quote-lines.service.js';

type Rec = Record<string, any>;
const PRODUCTS = [
  ['软件', 'CRM 企业版许可 Enterprise licence', 'CRM-ENT', '用户', '1200.00'],
  ['软件', 'CRM 专业版许可 Professional licence', 'CRM-PRO', '用户', '680.00'],
  ['服务', '实施服务 Implementation', 'SVC-IMP', '天', '1800.00'],
  ['服务', '培训 Training', 'SVC-TRN', '次', '3000.00'],
  ['硬件', '考勤终端 Attendance terminal', 'HW-ATT', '台', '2600.00'],
  ['硬件', '旧款门禁 Legacy door controller', 'HW-OLD', '台', '900.00'],
] as const;

async function catalogue(ctx: RecordCtx): Promise<Rec[]> {
  const cats = new Map<string, string>();
  for (const [zh, en] of [['软件', 'Software'], ['服务', 'Services'], ['硬件', 'Hardware']]) {
    cats.set(zh, (await createRecord(ctx, 'productCategories', { name: `${zh} ${en}` })).id as string);
  }
  const products: Rec[] = [];
  for (const [cat, name, code, unit, price] of PRODUCTS) {
    products.push(await createRecord(ctx, 'products', { name, code, unit, price, categoryId: cats.get(cat), isListed: code !== 'HW-OLD' }));
  }
  const book = await createRecord(ctx, 'priceBooks', { name: '2026 渠道价格表 Channel prices', currency: 'CNY', isActive: true });
  await replaceEntries(ctx, book.id as string, { entries: products.slice(0, 4).map((p) => ({ productId: p.id, unitPrice: (Number(p.price) * 0.9).toFixed(2) })) });
  return products;
}

async function firstRows(ctx: RecordCtx, table: 'accounts' | 'opportunities', n: number): Promise<Rec[]> {
  const cols = table === 'opportunities' ? sql`id, name, account_id` : sql`id, name, null as account_id`;
  const r = await sql<Rec>`select ${cols} from ${sql.table(table)} where workspace_id = ${ctx.auth.workspaceId}::uuid
    and deleted_at is null order by created_at, id limit ${n}`.execute(ctx.trx);
  return r.rows;
}

async function quote(ctx: RecordCtx, body: Rec, lines: Rec[], status?: string): Promise<Rec> {
  const q = await createRecord(ctx, 'quotes', body);
  let rec: Rec = await replaceLines(ctx, q.id as string, { lines });
  if (status) {
    const row = (await sql<Rec>`select * from quotes where workspace_id = ${ctx.auth.workspaceId}::uuid and id = ${q.id}::uuid`.execute(ctx.trx)).rows[0];
    rec = await applyUpdate(ctx, objectOf(ctx, 'quotes'), row, { columns: { status }, custom: {}, byField: { status } });
  }
  return rec;
}

interface Seed { ctx: RecordCtx; today: string; owner: (i: number) => string; products: Rec[]; accounts: Rec[]; opps: Rec[] }
const TERMS = '付款方式：合同签订后 7 日内支付 50%，验收后支付余款。Payment: 50% within 7 days of signing, balance on acceptance.';

async function quotes(s: Seed): Promise<Rec> {
  const { ctx, today, owner, products: p } = s;
  const acc = (i: number) => (s.accounts[i] ? { accountId: s.accounts[i].id } : {});
  const opp = s.opps[0] ? { opportunityId: s.opps[0].id, ...(s.opps[0].account_id ? { accountId: s.opps[0].account_id } : {}) } : {};
  const accepted = await quote(ctx, { name: 'CRM 企业版 50 用户报价 Enterprise, 50 seats', ownerId: owner(0), ...acc(0), ...opp, validUntil: addDays(today, 30), terms: TERMS }, [
    { productId: p[0].id, quantity: 50, discountRate: 10, taxRate: 6 }, { productId: p[2].id, quantity: 15, taxRate: 6 }, { productId: p[3].id, quantity: 2, taxRate: 6 },
  ], 'accepted');
  await quote(ctx, { name: '专业版升级方案 Professional upgrade', ownerId: owner(1), ...acc(1), validUntil: addDays(today, 14) }, [
    { productId: p[1].id, quantity: 20, discountRate: 5, taxRate: 6 }, { productId: p[4].id, quantity: 4, taxRate: 13 },
  ], 'sent');
  await quote(ctx, { name: '考勤终端采购 Terminals', ownerId: owner(2), ...acc(2) }, [{ productId: p[4].id, quantity: 10, taxRate: 13 }]);
  return accepted;
}

async function contracts(s: Seed, accepted: Rec): Promise<[Rec, Rec]> {
  const { ctx, today, owner } = s;
  const acc = (i: number) => (s.accounts[i] ? { accountId: s.accounts[i].id } : {});
  const c1 = await createRecord(ctx, 'contracts', { name: 'CRM 企业版年度合同 Enterprise annual contract', ownerId: owner(0), quoteId: accepted.id, status: 'active',
    signDate: addDays(today, -20), startDate: addDays(today, -20), endDate: addDays(today, 345), customerSigner: '李娜', companySignerId: owner(0), terms: TERMS });
  const c2 = await createRecord(ctx, 'contracts', { name: '实施服务合同 Implementation services', ownerId: owner(1), ...acc(1), amount: '86000.00', status: 'active',
    signDate: addDays(today, -340), startDate: addDays(today, -340), endDate: addDays(today, 25), remindDays: 30 });
  await createRecord(ctx, 'contracts', { name: '考勤终端采购合同 Terminal purchase', ownerId: owner(2), ...acc(2), amount: '29380.00', status: 'pendingApproval', startDate: today, endDate: addDays(today, 365) });
  return [c1, c2];
}

/** Instalments in every state: one paid, one coming up, one overdue and partly paid. */
async function payments(s: Seed, c1: Rec, c2: Rec): Promise<void> {
  const { ctx, today, owner } = s;
  const half = (Number(c1.amount) / 2).toFixed(2);
  const rest = (Number(c1.amount) - Number(half)).toFixed(2);
  const p1 = await createRecord(ctx, 'paymentPlans', { name: '第一期 首付款 First instalment', ownerId: owner(0), contractId: c1.id, dueDate: addDays(today, -13), amount: half });
  await createRecord(ctx, 'paymentPlans', { name: '第二期 验收款 On acceptance', ownerId: owner(0), contractId: c1.id, dueDate: addDays(today, 5), amount: rest, remindDays: 10 });
  const p3 = await createRecord(ctx, 'paymentPlans', { name: '尾款 Final payment', ownerId: owner(1), contractId: c2.id, dueDate: addDays(today, -3), amount: '86000.00' });
  await createRecord(ctx, 'payments', { name: '首付款到账 First payment', ownerId: owner(0), contractId: c1.id, paymentPlanId: p1.id, amount: half, receivedDate: addDays(today, -14), method: 'bankTransfer', reference: 'CMB20261109001' });
  await createRecord(ctx, 'payments', { name: '尾款部分到账 Part payment', ownerId: owner(1), contractId: c2.id, paymentPlanId: p3.id, amount: '30000.00', receivedDate: addDays(today, -1), method: 'acceptance' });
  await createRecord(ctx, 'invoices', { name: '首期款发票 First instalment invoice', ownerId: owner(0), contractId: c1.id, amount: half, status: 'issued', invoiceType: 'vatSpecial',
    title: s.accounts[0]?.name ?? '北京云杉网络科技有限公司', taxNumber: '91110108MA01ABCD2X', bankName: '招商银行北京分行', bankAccount: '110908765432101',
    registeredAddress: '北京市海淀区中关村大街 1 号', registeredPhone: '010-88886666', taxRate: '6' });
  await createRecord(ctx, 'invoices', { name: '尾款发票申请 Final invoice request', ownerId: owner(1), contractId: c2.id, amount: '30000.00', status: 'pending', invoiceType: 'vatNormal', title: '上海青禾贸易有限公司', taxNumber: '91310115MA1H7ABC3Y' });
}

async function targets(s: Seed, users: { id: string }[]): Promise<void> {
  const [y, m] = [Number(s.today.slice(0, 4)), Number(s.today.slice(5, 7))];
  await createRecord(s.ctx, 'targets', { name: `${y} 年度合同额 Annual contract target`, scope: 'company', metric: 'contractAmount', periodType: 'year', year: y, amount: '3000000' });
  await createRecord(s.ctx, 'targets', { name: `${y}-${m} 公司回款 Company payments`, scope: 'company', metric: 'paymentAmount', periodType: 'month', year: y, month: m, amount: '200000' });
  for (const [i, u] of users.entries()) {
    await createRecord(s.ctx, 'targets', { name: `${y}-${m} 个人合同额 Rep contract target #${i + 1}`, ownerId: u.id, scope: 'user', userId: u.id, metric: 'contractAmount', periodType: 'month', year: y, month: m, amount: '100000' });
  }
}

/**
 * Bilingual demo data for the finance side: a product catalogue and price book, quotes with lines, contracts
 * in several states with payment plans, payments and invoices, and this month's and year's targets. Links to
 * the demo accounts and opportunities when the sales demo seeded them first. users[0] acts; records are
 * spread over the users as owners.
 */
export async function seedFinanceDemo(db: Database, workspaceId: string, users: { id: string }[], now = new Date()): Promise<void> {
  if (users.length === 0) return;
  await runAsSystem(db, workspaceId, async (ctx) => {
    const s: Seed = {
      ctx, today: isoDay(now, ctx.auth.timeZone), owner: (i) => users[i % users.length].id, products: await catalogue(ctx),
      accounts: await firstRows(ctx, 'accounts', 3), opps: await firstRows(ctx, 'opportunities', 1),
    };
    const [c1, c2] = await contracts(s, await quotes(s));
    await payments(s, c1, c2);
    await targets(s, users);
  }, { now, actorId: users[0].id });
}
