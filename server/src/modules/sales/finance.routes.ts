import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { AnyRecord, errorResponses } from '../../api/schemas.js';
import { AppError } from '../../platform/errors.js';
import { runRecords } from '../../records/run.js';
import { loadRow } from '../../records/record-read.service.js';
import { objectOf } from '../../records/record-context.js';
import { visibleReminders } from './finance-reminders.service.js';
import { numberingRoutes } from './numbering-rules.routes.js';
import { listEntries, replaceEntries, MAX_ENTRIES } from './products-price-books.service.js';
import { MAX_LINES } from './quote-lines.parse.js';
import { readLines, replaceLines } from './quote-lines.service.js';
import { quotePdfData, renderQuotePdf } from './quote-pdf.service.js';
import { reviseQuote } from './quote-revise.service.js';
import { targetRoutes } from './targets-completion.routes.js';

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Num = Type.Union([Type.String({ maxLength: 40 }), Type.Number()]);
const NullableText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

const LineIn = Type.Object({
  productId: NullableText(64), name: NullableText(1000), description: NullableText(8000), unit: NullableText(100),
  quantity: Type.Optional(Type.Union([Num, Type.Null()])), unitPrice: Type.Optional(Type.Union([Num, Type.Null()])),
  discountRate: Type.Optional(Type.Union([Num, Type.Null()])), taxRate: Type.Optional(Type.Union([Num, Type.Null()])),
}, { additionalProperties: true, description: 'Amounts are computed on the server; unitPrice defaults to the price book or the product price.' });
const LineOut = Type.Object({
  id: Type.String(), position: Type.Integer(), productId: Type.Union([Type.String(), Type.Null()]), name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]), unit: Type.Union([Type.String(), Type.Null()]), quantity: Type.String(),
  unitPrice: Type.String(), discountRate: Type.String(), taxRate: Type.String(), subtotal: Type.String(),
  discountAmount: Type.String(), taxAmount: Type.String(), amount: Type.String(),
});
const EntryOut = Type.Object({ productId: Type.String(), productName: Type.String(), productCode: Type.Union([Type.String(), Type.Null()]), unitPrice: Type.String() });
const Reminders = Type.Object({
  today: Type.String(),
  contracts: Type.Array(Type.Object({}, { additionalProperties: true })),
  instalments: Type.Array(Type.Object({}, { additionalProperties: true })),
});

function ifMatch(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (!h) return undefined;
  const v = Number(String(h).replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(v)) throw new AppError(400, 'error.badRequest', { detail: 'If-Match must be the record version' });
  return v;
}

/** Products, price books, quotes, contracts, payment plans, payments, invoices, targets, numbering. */
export function financeRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['finance'];
  app.get('/api/v1/quotes/:id/lines', {
    schema: { tags, summary: 'The quote\'s line items, in order', params: IdParams, response: { 200: Type.Object({ data: Type.Array(LineOut) }), ...errorResponses } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return runRecords(deps.db, req.auth, async (ctx) => {
      await loadRow(ctx, objectOf(ctx, 'quotes'), id, 'read');
      return { data: await readLines(ctx, id) };
    });
  });

  app.put('/api/v1/quotes/:id/lines', {
    schema: {
      tags, summary: `Replace a draft quote's line items (at most ${MAX_LINES}); totals are recomputed on the server (If-Match: version)`,
      params: IdParams, body: Type.Object({ lines: Type.Array(LineIn, { maxItems: MAX_LINES }) }),
      response: { 200: AnyRecord, ...errorResponses },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const rec = await runRecords(deps.db, req.auth, (ctx) => replaceLines(ctx, id, req.body, ifMatch(req)));
    reply.header('ETag', `"${rec.version}"`);
    return rec;
  });

  app.post('/api/v1/quotes/:id/revise', {
    schema: { tags, summary: 'New revision of a quote: same number, next revision, lines copied; the old one is superseded', params: IdParams, response: { 201: AnyRecord, ...errorResponses } },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    return reply.status(201).send(await runRecords(deps.db, req.auth, (ctx) => reviseQuote(ctx, id)));
  });

  app.get('/api/v1/quotes/:id/pdf', {
    schema: { tags, summary: 'The quote as a PDF (A4, company header, Chinese and English)', params: IdParams, response: { 200: Type.String({ format: 'binary' }), ...errorResponses } },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const data = await runRecords(deps.db, req.auth, (ctx) => quotePdfData(ctx, id));
    const pdf = await renderQuotePdf(data);
    const file = `${data.quote.number}${data.quote.revision > 1 ? `-v${data.quote.revision}` : ''}.pdf`;
    return reply.type('application/pdf')
      .header('Content-Disposition', `inline; filename="${file.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`)
      .send(pdf);
  });

  app.get('/api/v1/priceBooks/:id/entries', {
    schema: { tags, summary: 'The price book\'s prices', params: IdParams, response: { 200: Type.Object({ data: Type.Array(EntryOut) }), ...errorResponses } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return runRecords(deps.db, req.auth, async (ctx) => ({ data: await listEntries(ctx, id) }));
  });

  app.put('/api/v1/priceBooks/:id/entries', {
    schema: {
      tags, summary: `Replace the price book's prices (at most ${MAX_ENTRIES}, one per product)`, params: IdParams,
      body: Type.Object({ entries: Type.Array(Type.Object({ productId: Type.String({ maxLength: 64 }), unitPrice: Num }), { maxItems: MAX_ENTRIES }) }),
      response: { 200: Type.Object({ data: Type.Array(EntryOut) }), ...errorResponses },
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    return runRecords(deps.db, req.auth, (ctx) => replaceEntries(ctx, id, req.body));
  });

  app.get('/api/v1/finance/reminders', {
    schema: {
      tags, summary: 'Contracts expiring and instalments due (or overdue) that the caller can see',
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, description: 'window in days; default each record\'s remindDays' })) }),
      response: { 200: Reminders, ...errorResponses },
    },
  }, async (req) => {
    const { days } = req.query as { days?: number };
    return runRecords(deps.db, req.auth, (ctx) => visibleReminders(ctx, days));
  });

  targetRoutes(app, deps);
  numberingRoutes(app, deps);
}
