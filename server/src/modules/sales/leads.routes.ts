import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { AnyRecord, errorResponses } from '../../api/schemas.js';
import { withIdempotency } from '../../api/idempotency.js';
import { objectOf } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';
import { updateRecord } from '../../records/record-write.service.js';
import { runRecords } from '../../records/run.js';
import { convertLead, findMatches } from './lead-convert.service.js';
import { createLeadRule, deleteLeadRule, listLeadRules, NoRuleError, pickLeadOwner, updateLeadRule, type LeadRuleInput } from './leads-assign.service.js';
import { createLeadForm, listLeadForms, updateLeadForm, type LeadFormInput } from './leads-form.service.js';
import { assertAdmin } from './sales-common.js';
import { Data, IdParams, Loose, NullableText, NullableUuid, Text, Uuid } from './sales-schemas.js';

const Match = Type.Object({ id: Type.String(), name: Type.String(), ownerId: Type.Union([Type.String(), Type.Null()]), matchedOn: Type.Array(Type.String()) });
const HiddenMatch = Type.Object({
  object: Type.Union([Type.Literal('accounts'), Type.Literal('contacts')]),
  ownerName: Type.Union([Type.String(), Type.Null()], { description: 'null: the record has no owner (it is in a public pool)' }),
});
const Names = Type.Array(Text(100, 1), { maxItems: 200 });
const RuleBody = Type.Object({
  name: Text(100, 1), position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), active: Type.Optional(Type.Boolean()),
  regions: Type.Optional(Names), industries: Type.Optional(Names), sources: Type.Optional(Names),
  departmentId: Type.Optional(NullableUuid), userIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
}, { additionalProperties: false });
const RuleOut = Type.Object({
  id: Type.String(), name: Type.String(), position: Type.Integer(), active: Type.Boolean(), regions: Type.Array(Type.String()),
  industries: Type.Array(Type.String()), sources: Type.Array(Type.String()), departmentId: Type.Union([Type.String(), Type.Null()]),
  userIds: Type.Array(Type.String()), lastUserId: Type.Union([Type.String(), Type.Null()]), createdAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const FormBody = Type.Object({
  name: Text(100, 1), defaultOwnerId: Uuid, defaultSource: Type.Optional(NullableText(40, 1)), active: Type.Optional(Type.Boolean()),
  regenerateKey: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const FormOut = Type.Object({
  id: Type.String(), name: Type.String(), key: Type.String(), defaultOwnerId: Type.String(), defaultSource: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(), submissions: Type.Integer(), createdAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const ConvertBody = Type.Object({
  accountId: Type.Optional(Uuid), account: Type.Optional(Loose), contactId: Type.Optional(Uuid), contact: Type.Optional(Loose),
  opportunity: Type.Optional(Type.Union([Loose, Type.Null()])), ownerId: Type.Optional(Uuid), ignoreDuplicates: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const ConvertOut = Type.Object({ accountId: Type.String(), contactId: Type.String(), opportunityId: Type.Union([Type.String(), Type.Null()]) });

/** Lead conversion and assignment, assignment rules and web forms (the public submit route is in leads-public.routes.ts). */
export function leadsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: leads'];
  app.post('/api/v1/leads/:id/convert', {
    schema: {
      tags, summary: 'Convert a lead into an account, a contact and optionally an opportunity, in one transaction (409 offers existing matches)',
      params: IdParams, body: ConvertBody, response: { 200: ConvertOut, ...errorResponses },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const res = await runRecords(deps.db, req.auth, (ctx) => withIdempotency(ctx, req, 200, () => convertLead(ctx, id, req.body as any)));
    if (res.replayed) reply.header('Idempotent-Replayed', 'true');
    return reply.status(res.status).send(res.body);
  });

  app.get('/api/v1/leads/:id/matches', {
    schema: {
      tags, summary: 'Existing accounts and contacts with the same name, phone or e-mail as the lead; those the caller cannot read only as "exists, owned by …"',
      params: IdParams, response: { 200: Type.Object({ accounts: Type.Array(Match), contacts: Type.Array(Match), hidden: Type.Array(HiddenMatch) }), ...errorResponses },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return runRecords(deps.db, req.auth, async (ctx) => findMatches(ctx, await loadRow(ctx, objectOf(ctx, 'leads'), id, 'read')));
  });

  app.post('/api/v1/leads/:id/assign', {
    schema: {
      tags, summary: 'Give the lead to a named owner, or to the next one its assignment rule picks (a transfer: needs transfer rights)',
      params: IdParams, body: Type.Object({ ownerId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: AnyRecord, ...errorResponses },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const { ownerId } = req.body as { ownerId?: string };
    return runRecords(deps.db, req.auth, async (ctx) => {
      const lead = await loadRow(ctx, objectOf(ctx, 'leads'), id, 'update');
      const owner = ownerId ?? await pickLeadOwner(ctx, lead);
      if (!owner) throw new NoRuleError();
      return updateRecord(ctx, 'leads', id, { ownerId: owner });
    });
  });

  app.get('/api/v1/sales/lead-rules', { schema: { tags, summary: 'Lead assignment rules, first match wins (administrators)', response: { 200: Data(RuleOut), ...errorResponses } } },
    async (req) => {
      assertAdmin(req.auth);
      return runRecords(deps.db, req.auth, async (ctx) => ({ data: await listLeadRules(ctx.trx, ctx.auth.workspaceId) }));
    });

  app.post('/api/v1/sales/lead-rules', { schema: { tags, summary: 'Add an assignment rule (administrators)', body: RuleBody, response: { 201: RuleOut, ...errorResponses } } },
    async (req, reply) => {
      assertAdmin(req.auth);
      const rule = await runRecords(deps.db, req.auth, (ctx) => createLeadRule(ctx.trx, ctx.auth.workspaceId, ctx.org, req.body as LeadRuleInput));
      return reply.status(201).send(rule);
    });

  app.patch('/api/v1/sales/lead-rules/:id', {
    schema: { tags, summary: 'Change an assignment rule (administrators)', params: IdParams, body: Type.Partial(RuleBody, { additionalProperties: false }), response: { 200: RuleOut, ...errorResponses } },
  }, async (req) => {
    assertAdmin(req.auth);
    const { id } = req.params as { id: string };
    return runRecords(deps.db, req.auth, (ctx) => updateLeadRule(ctx.trx, ctx.auth.workspaceId, ctx.org, id, req.body as LeadRuleInput));
  });

  app.delete('/api/v1/sales/lead-rules/:id', { schema: { tags, summary: 'Remove an assignment rule (administrators)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      assertAdmin(req.auth);
      await runRecords(deps.db, req.auth, (ctx) => deleteLeadRule(ctx.trx, ctx.auth.workspaceId, (req.params as { id: string }).id));
      return reply.status(204).send();
    });

  app.get('/api/v1/sales/lead-forms', { schema: { tags, summary: 'Web lead forms and their public keys (administrators)', response: { 200: Data(FormOut), ...errorResponses } } },
    async (req) => {
      assertAdmin(req.auth);
      return { data: await runRecords(deps.db, req.auth, (ctx) => listLeadForms(ctx.trx, ctx.auth.workspaceId)) };
    });

  app.post('/api/v1/sales/lead-forms', { schema: { tags, summary: 'Create a web lead form (administrators)', body: FormBody, response: { 201: FormOut, ...errorResponses } } },
    async (req, reply) => {
      assertAdmin(req.auth);
      const form = await runRecords(deps.db, req.auth, (ctx) => createLeadForm(ctx, req.body as LeadFormInput));
      return reply.status(201).send(form);
    });

  app.patch('/api/v1/sales/lead-forms/:id', {
    schema: { tags, summary: 'Change a web lead form or issue it a new key (administrators)', params: IdParams, body: Type.Partial(FormBody, { additionalProperties: false }), response: { 200: FormOut, ...errorResponses } },
  }, async (req) => {
    assertAdmin(req.auth);
    const { id } = req.params as { id: string };
    return runRecords(deps.db, req.auth, (ctx) => updateLeadForm(ctx, id, req.body as LeadFormInput));
  });
}
