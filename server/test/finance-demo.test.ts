import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFinanceDemo } from '../src/modules/sales/index.js';
import { createUser, newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

describe.skipIf(SKIP)('finance demo data', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('seeds a consistent catalogue, quotes, contracts, payments, invoices and targets', async () => {
    const ws = await newWorkspace(env, 'Rapport 演示公司');
    const rep = await createUser(env, ws, { roleKeys: ['rep'] });
    await ws.admin.post('/api/v1/accounts', { name: '北京云杉网络科技有限公司' });
    await seedFinanceDemo(env.db, ws.workspaceId, [{ id: ws.adminId }, { id: rep.id }]);
    const count = async (object: string) => (await ws.admin.get(`/api/v1/${object}?limit=100`)).json().data as Record<string, any>[];
    expect(await count('products')).toHaveLength(6);
    const quotes = await count('quotes');
    expect(quotes.map((q) => q.status).sort()).toEqual(['accepted', 'draft', 'sent']);
    const contracts = await count('contracts');
    expect(contracts).toHaveLength(3);
    const plans = await count('paymentPlans');
    expect(plans.map((p) => p.status).sort()).toEqual(['overdue', 'paid', 'pending']);
    expect(await count('payments')).toHaveLength(2);
    expect((await count('invoices')).map((i) => i.status).sort()).toEqual(['issued', 'pending']);
    expect(await count('targets')).toHaveLength(4);
    const accepted = quotes.find((q) => q.status === 'accepted')!;
    expect(accepted.total).toBe('92220.00');
    expect((await ws.admin.get(`/api/v1/quotes/${accepted.id}/pdf`)).statusCode).toBe(200);
    const reminders = (await ws.admin.get('/api/v1/finance/reminders')).json();
    expect(reminders.contracts).toHaveLength(1);
    expect(reminders.instalments.length).toBeGreaterThanOrEqual(2);
    const period = new Date().toISOString().slice(0, 7);
    const summary = (await ws.admin.get(`/api/v1/targets/completion?period=${period}`)).json();
    expect(summary.data).toHaveLength(3);
  });
});
