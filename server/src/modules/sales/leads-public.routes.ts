import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { HONEYPOT_FIELD, submitLeadForm } from './leads-form.service.js';
import { Loose, Text } from './sales-schemas.js';

/** Submissions per minute from one address to one form; the rest get 429 with Retry-After. */
export const FORM_RATE_LIMIT = 5;
const PATH = '/api/v1/public/lead-forms/:key';

const Field = Type.Optional(Text(2000));
const SubmitBody = Type.Object({
  name: Field, company: Field, title: Field, phone: Field, mobile: Field, email: Field, region: Field, industry: Field,
  description: Type.Optional(Text(32000)), address: Type.Optional(Loose), province: Field, city: Field, district: Field, street: Field,
  [HONEYPOT_FIELD]: Type.Optional(Type.Unknown()),
}, { additionalProperties: true, description: `Lead fields; "${HONEYPOT_FIELD}" is the honeypot and must stay empty.` });

/** Flat address fields (plain HTML forms) become the address object. */
function normalise(body: Record<string, unknown>): Record<string, unknown> {
  const flat = ['province', 'city', 'district', 'street'].filter((k) => typeof body[k] === 'string' && body[k] !== '');
  if (flat.length === 0 || body.address !== undefined) return body;
  return { ...body, address: Object.fromEntries(flat.map((k) => [k, body[k]])) };
}

/**
 * The public web-form endpoint, in its own plugin scope: it accepts plain HTML form posts as well as JSON,
 * answers cross-origin requests from the sites the form is embedded in, and is rate limited per address.
 */
export function leadsPublicRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.addHook('onSend', async (_req, reply) => {
      reply.header('Access-Control-Allow-Origin', '*');
    });
    scope.options(PATH, { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.status(204)
      .header('Access-Control-Allow-Methods', 'POST, OPTIONS').header('Access-Control-Allow-Headers', 'Content-Type, Accept-Language')
      .header('Access-Control-Max-Age', '86400').send());
    scope.post(PATH, {
      config: {
        public: true,
        rateLimit: { max: FORM_RATE_LIMIT, timeWindow: 60_000, keyGenerator: (req) => `lead-form|${req.ip}|${(req.params as { key?: string }).key ?? ''}` },
      },
      schema: {
        tags: ['sales: leads'], summary: 'Submit a web lead form (public; JSON or form-encoded; honeypot and rate limit against spam)', security: [],
        params: Type.Object({ key: Text(100) }), body: SubmitBody,
        response: { 202: Type.Object({ accepted: Type.Literal(true) }), ...errorResponses, 429: { $ref: 'Problem#' } },
      },
    }, async (req, reply) => {
      await submitLeadForm(deps.db, (req.params as { key: string }).key, normalise(req.body as Record<string, unknown>));
      return reply.status(202).send({ accepted: true as const });
    });
  });
}
