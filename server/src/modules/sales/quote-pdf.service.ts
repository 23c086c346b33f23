import { loadRow } from '../../records/record-read.service.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { visibleRow } from './finance-checks.js';
import { readLines } from './quote-lines.service.js';
import { renderQuotePdf, type QuoteDoc } from './quote-pdf.layout.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : undefined);

/** A logo in workspace settings as a data: URL (PNG or JPEG, at most 1 MB). */
function logoOf(v: unknown): Buffer | undefined {
  const m = typeof v === 'string' ? /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=]+)$/.exec(v) : null;
  if (!m || m[2].length > 1_400_000) return undefined;
  return Buffer.from(m[2], 'base64');
}

/**
 * Company header from the workspace (name, and from settings: companyName, address, phone, email, website,
 * taxNumber, logo); customer and contact only as far as the caller may read them.
 */
async function quoteDoc(ctx: RecordCtx, id: string): Promise<QuoteDoc> {
  const q = await loadRow(ctx, objectOf(ctx, 'quotes'), id, 'read');
  const ws = await ctx.trx.selectFrom('workspaces').select(['name', 'settings']).where('id', '=', ctx.auth.workspaceId).executeTakeFirstOrThrow();
  const s = (ws.settings ?? {}) as Record<string, unknown>;
  const account = await visibleRow(ctx, 'accounts', q.account_id);
  const contact = await visibleRow(ctx, 'contacts', q.contact_id);
  const rep = q.owner_id ? await ctx.trx.selectFrom('users').select(['name', 'email']).where('workspace_id', '=', ctx.auth.workspaceId)
    .where('id', '=', q.owner_id).executeTakeFirst() : undefined;
  return {
    locale: ctx.auth.locale,
    company: { name: str(s.companyName) ?? ws.name, address: str(s.address), phone: str(s.phone), email: str(s.email), website: str(s.website), taxNumber: str(s.taxNumber), logo: logoOf(s.logo) },
    quote: {
      number: q.number, revision: q.revision, name: q.name, quoteDate: q.quote_date, validUntil: q.valid_until, currency: q.currency,
      subtotal: String(q.subtotal), discountAmount: String(q.discount_amount), taxAmount: String(q.tax_amount), total: String(q.total),
      terms: q.terms, description: q.description,
    },
    account: account?.name ?? null,
    contact: contact?.name ?? null,
    rep: rep ? { name: rep.name, email: rep.email } : null,
    lines: await readLines(ctx, id),
  };
}

/** Data is read inside the caller's transaction; the PDF is laid out after it, outside any lock. */
export async function quotePdfData(ctx: RecordCtx, id: string): Promise<QuoteDoc> {
  return quoteDoc(ctx, id);
}

export { renderQuotePdf };
