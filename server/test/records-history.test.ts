import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv, type TestWorkspace } from './helpers.js';

/**
 * "Every write adds field-level history rows and an outbox event in the same transaction", on every write
 * path: create, patch, delete, restore, purge and the three bulk operations. "The same transaction" is
 * checked with xmin, the id of the transaction that wrote a row: the record, its history rows and its event
 * carry the same one. A refused bulk call leaves neither history nor events.
 */
describe.skipIf(SKIP)('history and outbox on every write path', () => {
  let env: TestEnv;
  let ws: TestWorkspace;
  beforeAll(async () => {
    env = await startTestApp();
    ws = await newWorkspace(env);
  });
  afterAll(async () => { await env?.close(); });

  const rows = async (text: string, values: unknown[]) => (await env.db.executeSql(text, values)).rows;
  /** History rows of one record for one operation: field, old and new value, transaction. */
  const history = (id: string, op: string) => rows(`select field, old_value, new_value, tx_id, xmin::text as xid
    from record_history where workspace_id = $1 and record_id = $2 and op = $3 order by field`, [ws.workspaceId, id, op]);
  const events = (id: string, event: string) => rows(`select payload, xmin::text as xid from outbox_events
    where workspace_id = $1 and record_id = $2 and event = $3`, [ws.workspaceId, id, event]);
  const rowXid = async (id: string) => (await rows('select xmin::text as xid from accounts where workspace_id = $1 and id = $2', [ws.workspaceId, id]))[0]?.xid;
  const totals = async () => (await rows(`select (select count(*)::int from record_history where workspace_id = $1) as history,
    (select count(*)::int from outbox_events where workspace_id = $1) as events`, [ws.workspaceId]))[0];

  it('create and patch: one history row per changed field and one event, in the write\'s transaction', async () => {
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'History Co', level: 'B' })).json();
    const [created] = await history(acc.id, 'create');
    expect(created.field).toBe('*');
    expect(created.new_value).toMatchObject({ name: 'History Co', level: 'B' });
    const [createdEvent] = await events(acc.id, 'accounts.created');
    expect([created.xid, createdEvent.xid]).toEqual([await rowXid(acc.id), await rowXid(acc.id)]);

    const res = await ws.admin.patch(`/api/v1/accounts/${acc.id}`, { name: 'History Co 2', level: 'A', description: null });
    expect(res.statusCode, res.body).toBe(200);
    const changed = await history(acc.id, 'update');
    expect(changed.map((h) => [h.field, h.old_value, h.new_value])).toEqual([['level', 'B', 'A'], ['name', 'History Co', 'History Co 2']]);
    const [updated] = await events(acc.id, 'accounts.updated');
    const xid = await rowXid(acc.id);
    expect(new Set([...changed.map((h) => h.xid), updated.xid])).toEqual(new Set([xid]));
    expect(xid).not.toBe(created.xid);
    expect(updated.payload.changes).toHaveLength(2);
  });

  it('bulk create, update and delete: every record gets its rows and its event, all in the call\'s one transaction', async () => {
    const made = await ws.admin.post('/api/v1/accounts/bulk', { op: 'create', records: [{ name: 'bulk-h-0' }, { name: 'bulk-h-1' }, { name: 'bulk-h-2' }] });
    expect(made.statusCode, made.body).toBe(200);
    const ids: string[] = made.json().data.map((r: { id: string }) => r.id);
    const createXids = new Set<string>();
    for (const id of ids) {
      const h = await history(id, 'create');
      const e = await events(id, 'accounts.created');
      expect([h.length, e.length], id).toEqual([1, 1]);
      for (const x of [h[0].xid, e[0].xid, await rowXid(id)]) createXids.add(x);
    }
    expect(createXids.size).toBe(1);

    const upd = await ws.admin.post('/api/v1/accounts/bulk', { op: 'update', records: [{ id: ids[0], level: 'A' }, { id: ids[1], level: 'B', name: 'bulk-h-1b' }, { id: ids[2], name: 'bulk-h-2' }] });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((await history(ids[0], 'update')).map((h) => h.field)).toEqual(['level']);
    expect((await history(ids[1], 'update')).map((h) => [h.field, h.old_value, h.new_value])).toEqual([['level', null, 'B'], ['name', 'bulk-h-1', 'bulk-h-1b']]);
    // An update that changes nothing writes nothing.
    expect(await history(ids[2], 'update')).toEqual([]);
    expect(await events(ids[2], 'accounts.updated')).toEqual([]);
    const updXids = new Set<string>();
    for (const id of ids.slice(0, 2)) {
      expect(await events(id, 'accounts.updated')).toHaveLength(1);
      for (const x of [...(await history(id, 'update')).map((h) => h.xid), (await events(id, 'accounts.updated'))[0].xid, await rowXid(id)]) updXids.add(x);
    }
    expect(updXids.size).toBe(1);

    const before = await totals();
    const refused = await ws.admin.post('/api/v1/accounts/bulk', { op: 'update', records: [{ id: ids[0], level: 'B' }, { id: ids[1], level: 'nope' }] });
    expect(refused.statusCode).toBe(422);
    const refusedDelete = await ws.admin.post('/api/v1/accounts/bulk', { op: 'delete', records: [{ id: ids[0] }, { id: '0190a5b0-0000-7000-8000-000000000000' }] });
    expect(refusedDelete.statusCode).toBe(422);
    expect(await totals()).toEqual(before);

    const del = await ws.admin.post('/api/v1/accounts/bulk', { op: 'delete', records: ids.map((id) => ({ id })) });
    expect(del.statusCode, del.body).toBe(200);
    const delXids = new Set<string>();
    for (const id of ids) {
      const h = await history(id, 'delete');
      const e = await events(id, 'accounts.deleted');
      expect([h.length, e.length], id).toEqual([1, 1]);
      for (const x of [h[0].xid, e[0].xid, await rowXid(id)]) delXids.add(x);
    }
    expect(delXids.size).toBe(1);
    expect(await totals()).toEqual({ history: before.history + 3, events: before.events + 3 });
  });

  it('restore and purge: a history row and an event each, with the write', async () => {
    const acc = (await ws.admin.post('/api/v1/accounts', { name: 'Bin Co' })).json();
    expect((await ws.admin.delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(204);
    expect((await ws.admin.post(`/api/v1/accounts/${acc.id}/restore`)).statusCode).toBe(200);
    const [restored] = await history(acc.id, 'restore');
    expect([restored.xid, (await events(acc.id, 'accounts.restored'))[0].xid]).toEqual([await rowXid(acc.id), await rowXid(acc.id)]);
    expect((await ws.admin.delete(`/api/v1/accounts/${acc.id}`)).statusCode).toBe(204);
    expect((await ws.admin.post(`/api/v1/accounts/${acc.id}/purge`)).statusCode).toBe(204);
    const [purged] = await history(acc.id, 'purge');
    const [purgedEvent] = await events(acc.id, 'accounts.purged');
    expect(purged.xid).toBe(purgedEvent.xid);
    expect(await rowXid(acc.id)).toBeUndefined();
    // History outlives the purge: the record's whole story is still there.
    const ops = await rows('select op from record_history where workspace_id = $1 and record_id = $2 order by at, id', [ws.workspaceId, acc.id]);
    expect(ops.map((r) => r.op)).toEqual(['create', 'delete', 'restore', 'delete', 'purge']);
  });
});
