import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { AnyRecord, ListQuery, ListResponse, errorResponses } from '../../api/schemas.js';
import { listParams } from '../../api/records.routes.js';
import { notFound } from '../../platform/errors.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { listRecords } from '../../records/record-read.service.js';
import { runRecords } from '../../records/run.js';
import { assignAccount, claimAccount, ownerLog, releaseAccount, setAccountLock } from './pool-actions.service.js';
import { createPool, deletePool, isPoolAdmin, isPoolMember, listPools, loadPool, updatePool, type PoolInput } from './pool-config.service.js';
import { assertAdmin } from './sales-common.js';
import { Data, IdParams, NullableInt, NullableText, Text, Uuid } from './sales-schemas.js';

const Rule = Type.Object({
  level: NullableText(40, 1), noFollowUpDays: Type.Optional(NullableInt(1, 3650)),
  noOpportunityDays: Type.Optional(NullableInt(1, 3650)), noDealDays: Type.Optional(NullableInt(1, 3650)),
}, { additionalProperties: false });
const PoolBody = Type.Object({
  name: Text(100, 1), departmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })), adminIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
  rules: Type.Optional(Type.Array(Rule, { maxItems: 50 })), warnDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  claimDailyCap: Type.Optional(NullableInt(0, 100000)), cooldownDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  skipWithDeals: Type.Optional(Type.Boolean()), position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const PoolOut = Type.Object({
  id: Type.String(), name: Type.String(), departmentIds: Type.Array(Type.String()), adminIds: Type.Array(Type.String()),
  rules: Type.Array(Type.Object({}, { additionalProperties: true })), warnDays: Type.Integer(), claimDailyCap: Type.Union([Type.Integer(), Type.Null()]),
  cooldownDays: Type.Integer(), skipWithDeals: Type.Boolean(), position: Type.Integer(), active: Type.Boolean(),
  createdAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const LogOut = Type.Object({
  id: Type.String(), action: Type.String(), fromOwnerId: Type.Union([Type.String(), Type.Null()]), toOwnerId: Type.Union([Type.String(), Type.Null()]),
  poolId: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]), actorId: Type.Union([Type.String(), Type.Null()]), at: Type.String(),
});

function levels(ctx: RecordCtx): Set<string> {
  const f = objectOf(ctx, 'accounts').fields.find((x) => x.apiName === 'level');
  return new Set((f?.options?.options ?? []).map((o: { value: string }) => o.value));
}

/** Public pools (settings and browsing) and the customer actions claim, release, assign, lock and unlock. */
export function poolRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: public pool'];
  app.get('/api/v1/sales/pools', { schema: { tags, summary: 'Pools: all for administrators, else the ones the caller belongs to or administers', response: { 200: Data(PoolOut), ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => {
      const all = await listPools(ctx.trx, ctx.auth.workspaceId);
      return { data: ctx.auth.access.isAdmin ? all : all.filter((p) => isPoolMember(p, ctx.org, ctx.auth.userId) || isPoolAdmin(p, ctx.auth.userId, false)) };
    }));

  app.post('/api/v1/sales/pools', { schema: { tags, summary: 'Create a pool with member departments, admins and reclaim rules (administrators)', body: PoolBody, response: { 201: PoolOut, ...errorResponses } } },
    async (req, reply) => {
      assertAdmin(req.auth);
      const pool = await runRecords(deps.db, req.auth, (ctx) => createPool(ctx.trx, ctx.auth.workspaceId, ctx.org, req.body as PoolInput, levels(ctx)));
      return reply.status(201).send(pool);
    });

  app.get('/api/v1/sales/pools/:id', { schema: { tags, summary: 'One pool', params: IdParams, response: { 200: PoolOut, ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => {
      const pool = await loadPool(ctx.trx, ctx.auth.workspaceId, (req.params as { id: string }).id);
      if (!isPoolAdmin(pool, ctx.auth.userId, ctx.auth.access.isAdmin) && !isPoolMember(pool, ctx.org, ctx.auth.userId)) throw notFound();
      return pool;
    }));

  app.patch('/api/v1/sales/pools/:id', { schema: { tags, summary: 'Change a pool (administrators)', params: IdParams, body: Type.Partial(PoolBody, { additionalProperties: false }), response: { 200: PoolOut, ...errorResponses } } },
    async (req) => {
      assertAdmin(req.auth);
      return runRecords(deps.db, req.auth, (ctx) => updatePool(ctx.trx, ctx.auth.workspaceId, ctx.org, (req.params as { id: string }).id, req.body as PoolInput, levels(ctx)));
    });

  app.delete('/api/v1/sales/pools/:id', { schema: { tags, summary: 'Delete an empty pool (administrators)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      assertAdmin(req.auth);
      await runRecords(deps.db, req.auth, (ctx) => deletePool(ctx.trx, ctx.auth.workspaceId, (req.params as { id: string }).id));
      return reply.status(204).send();
    });

  app.get('/api/v1/sales/pools/:id/accounts', {
    schema: { tags, summary: 'Customers in a pool, contact details masked (same list parameters as /api/v1/accounts)', params: IdParams, querystring: ListQuery, response: { 200: ListResponse, ...errorResponses } },
  }, async (req) => runRecords(deps.db, req.auth, async (ctx) => {
    const pool = await loadPool(ctx.trx, ctx.auth.workspaceId, (req.params as { id: string }).id);
    if (!isPoolAdmin(pool, ctx.auth.userId, ctx.auth.access.isAdmin) && !isPoolMember(pool, ctx.org, ctx.auth.userId)) throw notFound();
    const p = listParams(req.query as any);
    const inPool = { and: [{ field: 'poolId', op: 'eq', value: pool.id }, { field: 'ownerId', op: 'isNull' }] };
    return listRecords(ctx, 'accounts', { ...p, filter: p.filter ? { and: [inPool, p.filter] } : inPool });
  }));

  const action = (path: string, summary: string, body: ReturnType<typeof Type.Object> | null, fn: (ctx: RecordCtx, id: string, b: any) => Promise<unknown>) =>
    app.post(`/api/v1/accounts/:id/${path}`, { schema: { tags, summary, params: IdParams, ...(body ? { body } : {}), response: { 200: AnyRecord, ...errorResponses } } },
      async (req) => runRecords(deps.db, req.auth, (ctx) => fn(ctx, (req.params as { id: string }).id, req.body ?? {})));

  action('claim', 'Claim a pool customer (daily cap, cooldown for the previous owner, owned-customer cap)', null, (ctx, id) => claimAccount(ctx, id));
  action('release', 'Release a customer back to its pool, with a reason', Type.Object({ reason: Text(500, 1), poolId: Type.Optional(Uuid) }, { additionalProperties: false }),
    (ctx, id, b) => releaseAccount(ctx, id, b.reason.trim(), b.poolId));
  action('assign', 'Assign a pool customer to a rep (pool administrators)', Type.Object({ ownerId: Uuid }, { additionalProperties: false }),
    (ctx, id, b) => assignAccount(ctx, id, b.ownerId));
  action('lock', 'Lock a customer against reclaim (locked-customer cap)', null, (ctx, id) => setAccountLock(ctx, id, true));
  action('unlock', 'Unlock a customer', null, (ctx, id) => setAccountLock(ctx, id, false));

  app.get('/api/v1/accounts/:id/owner-log', { schema: { tags, summary: 'Claims, releases, assignments, reclaims and transfers of a customer', params: IdParams, response: { 200: Data(LogOut), ...errorResponses } } },
    async (req) => runRecords(deps.db, req.auth, async (ctx) => ({ data: await ownerLog(ctx, (req.params as { id: string }).id) })));
}
