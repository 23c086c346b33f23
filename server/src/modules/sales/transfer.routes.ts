import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { AnyRecord, errorResponses } from '../../api/schemas.js';
import { runRecords } from '../../records/run.js';
import { addTeamMember, listTeam, removeTeamMember } from './team-members.service.js';
import { MAX_TRANSFER, transferMany, transferRecord } from './transfer.service.js';
import { Text, Uuid } from './sales-schemas.js';

const Obj = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' });
const RecParams = Type.Object({ object: Obj, id: Type.String({ maxLength: 64 }) });
const TransferOpts = { withRelated: Type.Optional(Type.Boolean()), reason: Type.Optional(Text(500)) };
const TeamOut = Type.Object({
  ownerId: Type.Union([Type.String(), Type.Null()]),
  members: Type.Array(Type.Object({
    userId: Type.String(), access: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]),
    addedBy: Type.Union([Type.String(), Type.Null()]), addedAt: Type.Union([Type.String(), Type.Null()]),
  })),
});

/** Ownership transfer, single and mass, for any object; sales teams on accounts and opportunities. */
export function transferRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: transfer and teams'];
  app.post('/api/v1/:object/:id/transfer', {
    schema: {
      tags, summary: 'Give a record a new owner (needs transfer rights over its current owner); accounts can take their contacts and opportunities along',
      params: RecParams, body: Type.Object({ ownerId: Uuid, ...TransferOpts }, { additionalProperties: false }), response: { 200: AnyRecord, ...errorResponses },
    },
  }, async (req) => {
    const { object, id } = req.params as { object: string; id: string };
    const b = req.body as { ownerId: string; withRelated?: boolean; reason?: string };
    return runRecords(deps.db, req.auth, (ctx) => transferRecord(ctx, object, id, b.ownerId, b));
  });

  app.post('/api/v1/:object/transfer', {
    schema: {
      tags, summary: `Give up to ${MAX_TRANSFER} records one new owner, all or none (failures reported by index)`,
      params: Type.Object({ object: Obj }),
      body: Type.Object({ ids: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: MAX_TRANSFER }), ownerId: Uuid, ...TransferOpts }, { additionalProperties: false }),
      response: { 200: Type.Object({ data: Type.Array(AnyRecord) }), ...errorResponses },
    },
  }, async (req) => {
    const { object } = req.params as { object: string };
    const b = req.body as { ids: string[]; ownerId: string; withRelated?: boolean; reason?: string };
    return runRecords(deps.db, req.auth, async (ctx) => ({ data: await transferMany(ctx, object, b.ids, b.ownerId, b) }));
  });

  app.get('/api/v1/:object/:id/team', { schema: { tags, summary: 'The record\'s owner and sales team (accounts, opportunities)', params: RecParams, response: { 200: TeamOut, ...errorResponses } } },
    async (req) => {
      const { object, id } = req.params as { object: string; id: string };
      return runRecords(deps.db, req.auth, (ctx) => listTeam(ctx, object, id));
    });

  app.post('/api/v1/:object/:id/team', {
    schema: {
      tags, summary: 'Add or change a team member with read or edit access and an optional expiry (owner or their managers)', params: RecParams,
      body: Type.Object({ userId: Uuid, access: Type.Union([Type.Literal('read'), Type.Literal('edit')]), expiresAt: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' })) }, { additionalProperties: false }),
      response: { 200: TeamOut, ...errorResponses },
    },
  }, async (req) => {
    const { object, id } = req.params as { object: string; id: string };
    return runRecords(deps.db, req.auth, (ctx) => addTeamMember(ctx, object, id, req.body as any));
  });

  app.delete('/api/v1/:object/:id/team/:userId', {
    schema: { tags, summary: 'Remove a team member', params: Type.Object({ object: Obj, id: Type.String({ maxLength: 64 }), userId: Uuid }), response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    const { object, id, userId } = req.params as { object: string; id: string; userId: string };
    await runRecords(deps.db, req.auth, (ctx) => removeTeamMember(ctx, object, id, userId));
    return reply.status(204).send();
  });
}
