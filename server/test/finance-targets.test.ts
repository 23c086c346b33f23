import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { create, signedContract } from './finance-fixtures.js';

describe.skipIf(SKIP)('sales targets', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('computes completion per company, department and rep, month and year, from contracts and payments the caller can see', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    const dept = await admin.post('/api/v1/departments', { name: '华东区', parentId: ws.rootDepartmentId });
    expect(dept.statusCode, dept.body).toBe(201);
    const east = dept.json().id as string;
    const rep1 = await createUser(env, ws, { roleKeys: ['rep'], departmentId: east, name: '王芳' });
    const rep2 = await createUser(env, ws, { roleKeys: ['rep'], name: 'Tom' });

    const c1 = await signedContract(rep1.client, '3000.00', { signDate: '2026-11-05' });
    await signedContract(rep2.client, '5000.00', { signDate: '2026-11-20', status: 'active' });
    await signedContract(admin, '2000.00', { signDate: '2026-10-30' });
    await create(rep1.client, 'contracts', { name: 'draft', amount: '1000.00', signDate: '2026-11-10' });
    await signedContract(rep1.client, '7000.00', { signDate: '2026-11-11', currency: 'USD' });
    const voided = await signedContract(rep2.client, '9000.00', { signDate: '2026-11-12' });
    expect((await rep2.client.patch(`/api/v1/contracts/${voided.id}`, { status: 'void' })).statusCode).toBe(200);
    await create(rep1.client, 'payments', { name: '回款', contractId: c1.id, amount: '1000.00', receivedDate: '2026-11-15' });
    await create(rep1.client, 'payments', { name: '回款 12 月', contractId: c1.id, amount: '500.00', receivedDate: '2026-12-01' });

    const company = await create(admin, 'targets', { name: '2026 年 11 月 公司合同额', scope: 'company', metric: 'contractAmount', year: 2026, month: 11, amount: '20000', ownerId: rep1.id });
    const department = await create(admin, 'targets', { name: '华东区 11 月', scope: 'department', departmentId: east, metric: 'contractAmount', year: 2026, month: 11, amount: '5000' });
    const rep = await create(admin, 'targets', { name: '王芳 11 月回款', scope: 'user', userId: rep1.id, metric: 'paymentAmount', year: 2026, month: 11, amount: '2000' });
    const year = await create(admin, 'targets', { name: '2026 年度', scope: 'company', metric: 'contractAmount', periodType: 'year', year: 2026, amount: '100000' });
    expect(year.month).toBeNull();

    const c = async (id: string, client = admin) => {
      const res = await client.get(`/api/v1/targets/${id}/completion`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect(await c(company.id)).toMatchObject({ period: '2026-11', from: '2026-11-01', to: '2026-12-01', target: '20000.00', actual: '8000.00', remaining: '12000.00', rate: '40.00' });
    expect(await c(department.id)).toMatchObject({ actual: '3000.00', rate: '60.00' });
    expect(await c(rep.id)).toMatchObject({ metric: 'paymentAmount', actual: '1000.00', rate: '50.00' });
    expect(await c(year.id)).toMatchObject({ period: '2026', actual: '10000.00', rate: '10.00' });
    // The rep reads the company target (they own it) but counts only the contracts they can see.
    expect(await c(company.id, rep1.client)).toMatchObject({ actual: '3000.00', rate: '15.00' });
    expect((await rep1.client.get(`/api/v1/targets/${department.id}/completion`)).statusCode).toBe(404);

    const summary = await admin.get('/api/v1/targets/completion?period=2026-11');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().data.map((d: any) => [d.name, d.actual]).sort()).toEqual([['2026 年 11 月 公司合同额', '8000.00'], ['华东区 11 月', '3000.00'], ['王芳 11 月回款', '1000.00']]);
    expect((await admin.get('/api/v1/targets/completion?period=2026-11&scope=department')).json().data).toHaveLength(1);
    expect((await admin.get('/api/v1/targets/completion?period=2026')).json().data.map((d: any) => d.targetId)).toEqual([year.id]);
    expect((await rep1.client.get('/api/v1/targets/completion?period=2026-11')).json().data.map((d: any) => d.actual)).toEqual(['3000.00']);
    expect((await rep2.client.get('/api/v1/targets/completion?period=2026-11')).json().data).toEqual([]);
  });

  it('refuses inconsistent or duplicate targets and bad periods, in the caller\'s language', async () => {
    const ws = await newWorkspace(env);
    const { admin } = ws;
    await create(admin, 'targets', { name: 'a', scope: 'company', year: 2026, month: 1, amount: '1' });
    admin.lang = 'zh-CN';
    const dup = await admin.post('/api/v1/targets', { name: 'b', scope: 'company', year: 2026, month: 1, amount: '2' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0].message).toBe('该对象在此期间已有相同指标的业绩目标。');
    const noDept = await admin.post('/api/v1/targets', { name: 'c', scope: 'department', year: 2026, month: 1, amount: '1' });
    expect(noDept.json().errors[0]).toMatchObject({ field: 'departmentId', code: 'field.required' });
    const noMonth = await admin.post('/api/v1/targets', { name: 'd', scope: 'company', periodType: 'month', year: 2026, amount: '1' });
    expect(noMonth.json().errors[0]).toMatchObject({ field: 'month', code: 'field.required' });
    const badMonth = await admin.post('/api/v1/targets', { name: 'e', year: 2026, month: 13, amount: '1' });
    expect(badMonth.json().errors[0]).toMatchObject({ field: 'month', code: 'field.max' });
    const period = await admin.get('/api/v1/targets/completion?period=2026-13');
    expect(period.statusCode).toBe(400);
    expect(period.json().title).toBe('期间“2026-13”无效，请使用 2026-11（月）或 2026（年）的格式。');
    expect((await admin.get('/api/v1/targets/completion')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/targets/completion?period=2026-11&userId=nope')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/targets?limit=10')).json().data).toHaveLength(1);
  });
});
