import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { withTenant } from '../../db/tenant.js';
import type { AuthContext } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { DATE_FORMATS, formatNumber, localDay, NUMBERED_OBJECTS, RESETS, type NumberingRule } from './numbering-format.js';
import { getRule, isNumbered, parseRule, putRule } from './numbering-rules.service.js';
import { workspaceTimeZone } from './finance-time.js';

const lit = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const RuleOut = Type.Object({
  object: Type.String(), prefix: Type.String(), dateFormat: Type.String(), separator: Type.String(), seqDigits: Type.Integer(),
  reset: Type.String(), example: Type.String({ description: 'what the next number would look like today' }),
});
const RuleIn = Type.Object({
  prefix: Type.String({ maxLength: 100 }), dateFormat: lit(DATE_FORMATS), separator: Type.String({ maxLength: 20 }),
  seqDigits: Type.Integer(), reset: lit(RESETS),
});
const Params = Type.Object({ object: Type.String({ maxLength: 40 }) });

function admin(auth: AuthContext | null): AuthContext {
  if (!auth) throw new AppError(401, 'error.unauthenticated');
  if (!auth.access.isAdmin) throw forbidden();
  return auth;
}

function objectParam(object: string) {
  if (!isNumbered(object)) throw new AppError(404, 'finance.numbering.unknownObject', { object, objects: NUMBERED_OBJECTS.join(', ') });
  return object;
}

const out = (object: string, r: NumberingRule, day: string) => ({ object, ...r, example: formatNumber(r, day, 1) });

/** Administrators set how contracts, quotes and invoices are numbered: prefix + date + sequence, reset daily/monthly/yearly. */
export function numberingRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['finance', 'settings'];
  app.get('/api/v1/numbering-rules', {
    schema: { tags, summary: 'Numbering rules of contracts, quotes and invoices (administrators)', response: { 200: Type.Object({ data: Type.Array(RuleOut) }), ...errorResponses } },
  }, async (req) => {
    const auth = admin(req.auth);
    return withTenant(deps.db, auth.workspaceId, async (trx) => {
      const day = localDay(new Date(), await workspaceTimeZone(trx, auth.workspaceId));
      const data = [];
      for (const o of NUMBERED_OBJECTS) data.push(out(o, await getRule(trx, auth.workspaceId, o), day));
      return { data };
    });
  });

  app.get('/api/v1/numbering-rules/:object', {
    schema: { tags, summary: 'The numbering rule of one object (administrators)', params: Params, response: { 200: RuleOut, ...errorResponses } },
  }, async (req) => {
    const auth = admin(req.auth);
    const object = objectParam((req.params as { object: string }).object);
    return withTenant(deps.db, auth.workspaceId, async (trx) =>
      out(object, await getRule(trx, auth.workspaceId, object), localDay(new Date(), await workspaceTimeZone(trx, auth.workspaceId))));
  });

  app.put('/api/v1/numbering-rules/:object', {
    schema: { tags, summary: 'Set the numbering rule of one object (administrators; audited)', params: Params, body: RuleIn, response: { 200: RuleOut, ...errorResponses } },
  }, async (req) => {
    const auth = admin(req.auth);
    const object = objectParam((req.params as { object: string }).object);
    const rule = parseRule(req.body as Record<string, unknown>);
    return withTenant(deps.db, auth.workspaceId, async (trx) => {
      await putRule(trx, auth.workspaceId, object, rule, auth.userId);
      await recordAudit(trx, { workspaceId: auth.workspaceId, actorId: auth.userId, event: 'numbering.updated', ip: req.ip, detail: { object, rule } });
      return out(object, rule, localDay(new Date(), await workspaceTimeZone(trx, auth.workspaceId)));
    });
  });
}
