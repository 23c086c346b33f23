import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import type { FieldDef } from '../metadata/types.js';
import type { AuthContext } from '../platform/access.js';
import { fieldAccess, scopeFor } from '../platform/access.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { AppError, forbidden } from '../platform/errors.js';
import { cellValue, exportFields, pageNames, peopleNames, type Names } from '../platform/dataio/export-values.js';
import { csvStream, textStream, xlsxStream, type Cell } from '../platform/dataio/export-writers.js';
import { writeVcard, type VcardVersion } from '../platform/dataio/vcard-write.js';
import { listRecords, type ListParams } from './record-read.service.js';
import { objectOf, type RecordCtx } from './record-context.js';
import { runRecords } from './run.js';

export type ExportFormat = 'csv' | 'xlsx' | 'vcf';

export interface ExportRequest {
  object: string;
  params: ListParams;
  format: ExportFormat;
  /** Fields the caller asked to see unmasked; honoured only for roles that may unmask (and audited). */
  unmask?: Set<string>;
  vcardVersion?: VcardVersion;
  /** At most this many rows; all by default. */
  max?: number;
}

const PAGE = 1000;
const VCARD_OBJECTS = new Set(['contacts', 'leads']);
const NUMERIC = new Set(['number', 'currency', 'percent']);

interface Plan { fields: FieldDef[]; header: string[]; label: string }

/** Checks before the first byte: the object, the export scope, the fields, the format. */
async function plan(db: Database, auth: AuthContext | null, req: ExportRequest): Promise<Plan> {
  return runRecords(db, auth, async (ctx) => {
    const obj = objectOf(ctx, req.object);
    if (scopeFor(ctx.auth.access, obj.apiName, 'export') === 'none') throw forbidden();
    if (req.format === 'vcf' && !VCARD_OBJECTS.has(obj.apiName)) throw new AppError(400, 'export.vcardObjects');
    const visible = (f: FieldDef) => f.apiName === 'id' || fieldAccess(ctx.auth.access, obj.apiName, f.apiName) !== 'hidden';
    const unknown = req.params.fields?.find((n) => !obj.fields.some((f) => f.apiName === n && f.status === 'active'));
    if (unknown) throw new AppError(400, 'error.badField', { field: unknown });
    const fields = exportFields(obj, visible, req.params.fields);
    return { fields, header: fields.map((f) => f.label[ctx.auth.locale] ?? f.label['en-US'] ?? f.apiName), label: obj.pluralLabel[ctx.auth.locale] ?? obj.apiName };
  });
}

/**
 * Pages of records through the list path with the export scope — the same visibility predicate, field
 * permissions and masking as every read — each page in its own short transaction so that a long export
 * never holds the database. The export is audited when it ends, however it ends.
 */
async function* pages(db: Database, auth: AuthContext | null, req: ExportRequest, p: Plan,
  render: (ctx: RecordCtx, rows: Record<string, unknown>[], names: Names) => Cell[][]): AsyncGenerator<Cell[][]> {
  let count = 0;
  let people: Names | undefined;
  let complete = false;
  type Page = { rows: Cell[][]; next: string | null };
  const fetchPage = (cursor: string | undefined, limit: number): Promise<Page> => runRecords(db, auth, async (ctx) => {
    people ??= await peopleNames(ctx);
    const list = await listRecords(ctx, req.object, { ...req.params, fields: undefined, action: 'export', limit, cursor }, { unmask: req.unmask });
    return { rows: render(ctx, list.data, await pageNames(ctx, p.fields, list.data, people)), next: list.nextCursor };
  });
  // The next page is read while this one is written out.
  let ahead: Promise<Page> | null = fetchPage(undefined, Math.min(PAGE, req.max ?? Infinity));
  try {
    while (ahead) {
      const page: Page = await ahead;
      count += page.rows.length;
      const left = (req.max ?? Infinity) - count;
      ahead = page.next && left > 0 ? fetchPage(page.next, Math.min(PAGE, left)) : null;
      ahead?.catch(() => { /* awaited on the next turn, or dropped when the reader stops */ });
      yield page.rows;
    }
    complete = true;
  } finally {
    await runRecords(db, auth, (ctx) => recordAudit(ctx.trx, {
      workspaceId: ctx.auth.workspaceId, actorId: ctx.auth.userId, event: 'records.exported', ip: ctx.auth.ip,
      detail: { object: req.object, format: req.format, rows: count, complete, filter: req.params.filter ?? null, q: req.params.q ?? null, unmask: [...(req.unmask ?? [])] },
    })).catch(() => { /* the database is gone (shutdown); nothing more to record */ });
  }
}

function tableRow(ctx: RecordCtx, p: Plan, rec: Record<string, unknown>, names: Names, xlsx: boolean): Cell[] {
  return p.fields.map((f) => {
    const v = cellValue(f, rec[f.apiName], names, ctx.auth.locale, ctx.auth.timeZone);
    return xlsx && NUMERIC.has(f.type) && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  });
}

async function* vcards(db: Database, auth: AuthContext | null, req: ExportRequest, p: Plan): AsyncGenerator<string> {
  const version = req.vcardVersion ?? '3.0';
  const accountField = p.fields.find((f) => f.apiName === 'accountId');
  for await (const rows of pages(db, auth, req, p, (_ctx, recs, names) => recs.map((r) => [writeVcard({
    id: String(r.id), name: String(r.name ?? ''), title: r.title as string, mobile: r.mobile as string, phone: r.phone as string,
    email: r.email as string, birthday: r.birthday as string, gender: r.gender as string, note: r.description as string,
    wechat: r.wechat as string, updatedAt: r.updatedAt as string,
    organization: accountField && r.accountId ? names.get(String(r.accountId)) ?? null : (r.company as string) ?? null,
  }, version)]))) {
    yield rows.map((r) => r[0]).join('');
  }
}

/** GET /{object}/export: a streamed CSV (UTF-8 with BOM), XLSX or vCard file of what the caller may export. */
export async function openExport(db: Database, auth: AuthContext | null, req: ExportRequest): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  const p = await plan(db, auth, req);
  const stamp = new Date().toISOString().slice(0, 10);
  if (req.format === 'vcf') {
    return { stream: textStream(vcards(db, auth, req, p)), contentType: 'text/vcard; charset=utf-8', fileName: `${req.object}-${stamp}.vcf` };
  }
  const xlsx = req.format === 'xlsx';
  const body = (async function* () {
    yield [p.header] as Cell[][];
    yield* pages(db, auth, req, p, (ctx, recs, names) => recs.map((r) => tableRow(ctx, p, r, names, xlsx)));
  })();
  return xlsx
    ? { stream: xlsxStream(body, p.label), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${req.object}-${stamp}.xlsx` }
    : { stream: csvStream(body), contentType: 'text/csv; charset=utf-8', fileName: `${req.object}-${stamp}.csv` };
}
