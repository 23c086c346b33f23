import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markOverdue, financeReminders } from '../src/modules/sales/index.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, get, patch, signedContract, utcDay } from './finance-fixtures.js';

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

describe.skipIf(SKIP)('contracts, payment plans, payments and invoices', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('walks the contract lifecycle and refuses other moves in the caller\'s language', async () => {
    const { admin } = await newWorkspace(env);
    const c = await create(admin, 'contracts', { name: '华东区年度框架合同', amount: '120000.00', startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(c).toMatchObject({ status: 'draft', number: `HT-${today()}-0001`, signDate: null });
    expect((await create(admin, 'contracts', { name: 'second' })).number).toBe(`HT-${today()}-0002`);
    const pending = await patch(admin, 'contracts', c.id, { status: 'pendingApproval' });
    const signed = await patch(admin, 'contracts', c.id, { status: 'signed', version: pending.version });
    expect(signed.signDate).toBe(utcDay());
    admin.lang = 'zh-CN';
    const back = await admin.patch(`/api/v1/contracts/${c.id}`, { status: 'draft' });
    expect(back.statusCode).toBe(409);
    expect(back.json().title).toBe('状态不能从“已签订”改为“草稿”。');
    const amount = await admin.patch(`/api/v1/contracts/${c.id}`, { amount: '1.00' });
    expect(amount.statusCode).toBe(422);
    expect(amount.json().errors[0]).toMatchObject({ field: 'amount', code: 'finance.contract.locked', message: '合同签订后不能再修改此字段。' });
    admin.lang = 'en-US';
    await patch(admin, 'contracts', c.id, { status: 'active' });
    await patch(admin, 'contracts', c.id, { status: 'terminated' });
    expect((await admin.patch(`/api/v1/contracts/${c.id}`, { status: 'active' })).statusCode).toBe(409);
    const v = await create(admin, 'contracts', { name: 'to void' });
    expect((await patch(admin, 'contracts', v.id, { status: 'void' })).status).toBe('void');
    expect((await admin.post('/api/v1/contracts', { name: 'x', status: 'expired' })).statusCode).toBe(422);
    const dates = await admin.post('/api/v1/contracts', { name: 'x', startDate: '2026-05-01', endDate: '2026-04-30' });
    expect(dates.json().errors[0]).toMatchObject({ field: 'endDate', code: 'finance.contract.endBeforeStart' });
    const noAmount = await admin.post('/api/v1/contracts', { name: 'x', status: 'signed' });
    expect(noAmount.json().errors[0]).toMatchObject({ field: 'amount', code: 'finance.contract.amountRequired' });
    expect((await admin.get('/api/v1/contracts?limit=100')).json().data).toHaveLength(3);
  });

  it('until approval flows arrive, only a role that may edit the status moves a contract through its lifecycle', async () => {
    const ws = await newWorkspace(env);
    const role = await ws.admin.post('/api/v1/roles', {
      name: 'Contract clerk', permissions: { contracts: { read: 'own', create: 'own', update: 'own' } }, fieldPermissions: { contracts: { status: 'readonly' } },
    });
    expect(role.statusCode, role.body).toBe(201);
    const clerk = await createUser(env, ws, { roleIds: [role.json().id] });
    const c = await create(clerk.client, 'contracts', { name: '采购合同', amount: '800.00' });
    expect(c.status).toBe('draft');
    clerk.client.lang = 'zh-CN';
    const move = await clerk.client.patch(`/api/v1/contracts/${c.id}`, { status: 'pendingApproval' });
    expect(move.statusCode, move.body).toBe(422);
    expect(move.json().errors[0]).toMatchObject({ field: 'status', code: 'field.forbidden', message: '您无权修改此字段。' });
    const signedUp = await clerk.client.post('/api/v1/contracts', { name: 'self-signed', amount: '1', status: 'signed' });
    expect(signedUp.json().errors[0]).toMatchObject({ field: 'status', code: 'field.forbidden' });
    expect((await patch(clerk.client, 'contracts', c.id, { name: '采购合同（修订）' })).status).toBe('draft');
    await patch(ws.admin, 'contracts', c.id, { status: 'pendingApproval' });
    expect(await patch(ws.admin, 'contracts', c.id, { status: 'signed' })).toMatchObject({ status: 'signed', signDate: utcDay() });
    expect((await clerk.client.get('/api/v1/contracts?limit=10')).json().data.map((r: any) => r.status)).toEqual(['signed']);
  });

  it('links a contract to its quote and opportunity, taking amount and account from the quote', async () => {
    const { admin } = await newWorkspace(env);
    const account = await create(admin, 'accounts', { name: '杭州青禾贸易有限公司' });
    const opp = await create(admin, 'opportunities', { name: 'Qinghe ERP', accountId: account.id });
    const quote = await create(admin, 'quotes', { name: 'Q', accountId: account.id, opportunityId: opp.id });
    await admin.request('PUT', `/api/v1/quotes/${quote.id}/lines`, { lines: [{ name: 'ERP', quantity: 3, unitPrice: 100, discountRate: 10, taxRate: 13 }] });
    const c = await create(admin, 'contracts', { name: 'From quote', quoteId: quote.id });
    expect(c).toMatchObject({ amount: '305.10', currency: 'CNY', accountId: account.id, opportunityId: opp.id, quoteId: quote.id });
    const related = await admin.get(`/api/v1/quotes/${quote.id}/related/contracts`);
    expect(related.json().data.map((r: any) => r.id)).toEqual([c.id]);
  });

  it('derives instalment status from payments: pending → partial → paid, and overdue after the due date', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const draft = await create(admin, 'contracts', { name: 'Draft', amount: '100' });
    const c = await signedContract(admin, '10000.00');
    const due = utcDay(10);
    const p1 = await create(admin, 'paymentPlans', { name: '第一期 首付款', contractId: c.id, dueDate: due, amount: '4000.00' });
    expect(p1).toMatchObject({ status: 'pending', paidAmount: '0.00', instalment: 1, currency: 'CNY' });
    const p2 = await create(admin, 'paymentPlans', { name: '第二期 尾款', contractId: c.id, dueDate: utcDay(40), amount: '6000.00', remindDays: 45 });
    expect(p2.instalment).toBe(2);
    const over = await admin.post('/api/v1/paymentPlans', { name: 'too much', contractId: c.id, dueDate: due, amount: '0.01' });
    expect(over.json().errors[0]).toMatchObject({ field: 'amount', code: 'finance.plan.exceedsContract', params: { amount: '10000.00', planned: '10000.01' } });

    const pay1 = await create(admin, 'payments', { name: '首付款 1', contractId: c.id, paymentPlanId: p1.id, amount: '1500.00', receivedDate: utcDay(), method: 'bankTransfer' });
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'partial', paidAmount: '1500.00' });
    const pay2 = await create(admin, 'payments', { name: '首付款 2', contractId: c.id, paymentPlanId: p1.id, amount: '2500.00', receivedDate: utcDay() });
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'paid', paidAmount: '4000.00' });
    await patch(admin, 'payments', pay2.id, { amount: '2000.00' });
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'partial', paidAmount: '3500.00' });

    // The day after the due date, the nightly job marks the unpaid rest overdue; a full payment clears it.
    const later = new Date(Date.now() + 11 * 86_400_000);
    expect(await markOverdue(env.db, ws.workspaceId, later)).toEqual({ plans: 1, contracts: 0 });
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'overdue', paidAmount: '3500.00' });
    expect(await get(admin, 'paymentPlans', p2.id)).toMatchObject({ status: 'pending' });
    expect(await markOverdue(env.db, ws.workspaceId, later)).toEqual({ plans: 0, contracts: 0 });
    await patch(admin, 'paymentPlans', p1.id, { dueDate: '2020-01-01' });
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'overdue' });
    await patch(admin, 'payments', pay2.id, { amount: '2500.00' });
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'paid' });
    expect((await admin.delete(`/api/v1/payments/${pay1.id}`)).statusCode).toBe(204);
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'overdue', paidAmount: '2500.00' });
    expect((await admin.post(`/api/v1/payments/${pay1.id}/restore`)).statusCode).toBe(200);
    expect(await get(admin, 'paymentPlans', p1.id)).toMatchObject({ status: 'paid', paidAmount: '4000.00' });
    const hist = await admin.get(`/api/v1/paymentPlans/${p1.id}/timeline`);
    // The job ran with a clock 11 days ahead, so its history row sorts first; compare the changes, not their order.
    const changes = hist.json().data.filter((h: any) => h.field === 'status').map((h: any) => h.newValue);
    expect(changes.sort()).toEqual(['overdue', 'overdue', 'paid', 'paid', 'paid', 'partial', 'partial']);

    const readonly = await admin.patch(`/api/v1/paymentPlans/${p1.id}`, { status: 'paid' });
    expect(readonly.statusCode).toBe(422);
    const onDraft = await admin.post('/api/v1/payments', { name: 'x', contractId: draft.id, amount: '1', receivedDate: utcDay() });
    expect(onDraft.json().errors[0].code).toBe('finance.payment.contractNotSigned');
    const other = await signedContract(admin, '50');
    const wrongPlan = await admin.post('/api/v1/payments', { name: 'x', contractId: other.id, paymentPlanId: p2.id, amount: '1', receivedDate: utcDay() });
    expect(wrongPlan.json().errors[0].code).toBe('finance.payment.planContract');
    const tooMuch = await admin.post('/api/v1/payments', { name: 'x', contractId: other.id, amount: '50.01', receivedDate: utcDay() });
    expect(tooMuch.json().errors[0]).toMatchObject({ code: 'finance.payment.exceedsContract', params: { amount: '50.00', received: '50.01' } });
    const usd = await admin.post('/api/v1/payments', { name: 'x', contractId: other.id, amount: '1', currency: 'USD', receivedDate: utcDay() });
    expect(usd.json().errors[0].code).toBe('finance.currency.contract');
  });

  it('lists contracts about to expire and instalments falling due, for the job and for each user', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    const mine = await signedContract(rep.client, '1000', { status: 'active', endDate: utcDay(20) });
    const theirs = await signedContract(ws.admin, '1000', { status: 'active', endDate: utcDay(5), remindDays: 3 });
    await signedContract(ws.admin, '1000', { status: 'active', endDate: utcDay(90) });
    const plan = await create(rep.client, 'paymentPlans', { name: '一期', contractId: mine.id, dueDate: utcDay(3), amount: '500' });
    await create(rep.client, 'paymentPlans', { name: '二期', contractId: mine.id, dueDate: utcDay(30), amount: '500' });

    const all = await financeReminders(env.db, ws.workspaceId, new Date());
    expect(all.contracts.map((c) => c.id)).toEqual([mine.id]);
    expect(all.instalments.map((p) => [p.id, p.daysLeft])).toEqual([[plan.id, 3]]);
    const week = await financeReminders(env.db, ws.workspaceId, new Date(), 7);
    expect(week.contracts.map((c) => [c.id, c.daysLeft])).toEqual([[theirs.id, 5]]);
    const repView = await rep.client.get('/api/v1/finance/reminders?days=30');
    expect(repView.statusCode, repView.body).toBe(200);
    expect(repView.json().contracts.map((c: any) => c.id)).toEqual([mine.id]);
    expect(repView.json().instalments).toHaveLength(2);
    expect((await ws.admin.get('/api/v1/finance/reminders?days=30')).json().contracts).toHaveLength(2);

    // Expired running contracts are closed by the same nightly job.
    const expired = await signedContract(ws.admin, '10', { status: 'active', startDate: '2025-01-01', endDate: '2025-12-31' });
    expect((await markOverdue(env.db, ws.workspaceId, new Date())).contracts).toBe(1);
    expect(await get(ws.admin, 'contracts', expired.id)).toMatchObject({ status: 'expired' });
  });

  it('records invoices with title, tax number and bank details, within the contract amount', async () => {
    const { admin } = await newWorkspace(env);
    const c = await signedContract(admin, '1000.00');
    admin.lang = 'zh-CN';
    const bad = await admin.post('/api/v1/invoices', { name: '发票', contractId: c.id, amount: '100', invoiceType: 'vatSpecial', title: '杭州青禾贸易有限公司', taxNumber: '123' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: any) => e.field).sort()).toEqual(['bankAccount', 'bankName', 'registeredAddress', 'registeredPhone', 'taxNumber']);
    expect(bad.json().errors.find((e: any) => e.field === 'taxNumber').message).toBe('纳税人识别号须为 15、17、18 或 20 位数字或大写字母。');
    const inv = await create(admin, 'invoices', {
      name: '首期发票', contractId: c.id, amount: '600.00', invoiceType: 'vatSpecial', title: '杭州青禾贸易有限公司', taxNumber: '91330106MA2H0ABC1X',
      bankName: '招商银行杭州分行', bankAccount: '571908765432101', registeredAddress: '杭州市西湖区文三路 1 号', registeredPhone: '0571-88886666', taxRate: '13',
    });
    expect(inv).toMatchObject({ status: 'draft', number: `FP-${today()}-0001`, currency: 'CNY' });
    const exceed = await admin.post('/api/v1/invoices', { name: 'x', contractId: c.id, amount: '400.01', titleType: 'individual', title: '张三' });
    expect(exceed.json().errors[0]).toMatchObject({ code: 'finance.invoice.exceedsContract', params: { invoiced: '1000.01' } });
    const issued = await patch(admin, 'invoices', inv.id, { status: 'issued' });
    expect(issued.issueDate).toBe(utcDay());
    const locked = await admin.patch(`/api/v1/invoices/${inv.id}`, { amount: '500' });
    expect(locked.json().errors[0].code).toBe('finance.invoice.locked');
    expect((await admin.patch(`/api/v1/invoices/${inv.id}`, { status: 'draft' })).statusCode).toBe(409);
    await patch(admin, 'invoices', inv.id, { status: 'void' });
    await create(admin, 'invoices', { name: 'y', contractId: c.id, amount: '1000.00', titleType: 'individual', title: '张三' });
  });

  it('masks the invoice bank account for viewers who do not own it, and keeps reps to their own records', async () => {
    const ws = await newWorkspace(env);
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    const manager = await createUser(env, ws, { roleKeys: ['manager'] });
    const c = await signedContract(ws.admin, '100');
    const inv = await create(ws.admin, 'invoices', { name: 'z', amount: '10', title: 'ACME', taxNumber: '91330106MA2H0ABC1X', bankAccount: '6222020200112233445' });
    expect((await get(manager.client, 'invoices', inv.id)).bankAccount).toBe('6******');
    expect((await get(ws.admin, 'invoices', inv.id)).bankAccount).toBe('6222020200112233445');
    expect((await rep.client.get(`/api/v1/invoices/${inv.id}`)).statusCode).toBe(404);
    expect((await rep.client.get(`/api/v1/contracts/${c.id}`)).statusCode).toBe(404);
    const onHidden = await rep.client.post('/api/v1/paymentPlans', { name: 'x', contractId: c.id, dueDate: utcDay(), amount: '1' });
    expect(onHidden.json().errors[0]).toMatchObject({ field: 'contractId', code: 'field.notFound' });
  });
});
