import type { FieldDef, ObjectDef } from '../metadata/types.js';
import { FIELD_TYPE_SPECS } from '../metadata/field-types.js';
import { fieldAccess } from '../platform/access.js';
import { rowToRecord } from './columns.js';
import type { RecordCtx } from './record-context.js';

export function maskValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  const s = String(value);
  if (type === 'email') {
    const at = s.indexOf('@');
    return at > 0 ? `${[...s][0]}***${s.slice(at)}` : '***';
  }
  if (type === 'phone') {
    const chars = [...s];
    if (chars.length <= 7) return `${chars.slice(0, 1).join('')}****`;
    const head = s.startsWith('+') ? 3 : 3;
    return `${chars.slice(0, head).join('')}${'*'.repeat(Math.max(4, chars.length - head - 4))}${chars.slice(-4).join('')}`;
  }
  const chars = [...s];
  return `${chars[0]}${'*'.repeat(Math.min(6, Math.max(3, chars.length - 1)))}`;
}

/** Whether a viewer sees a field's value masked: phone, e-mail and sensitive fields of records they do not own. */
export function isMasked(ctx: RecordCtx, f: FieldDef, own: boolean, unmask?: Set<string>): boolean {
  const maskable = FIELD_TYPE_SPECS[f.type].maskedByDefault || !!f.sensitive;
  return maskable && !own && !(ctx.auth.access.canUnmask && !!unmask?.has(f.apiName));
}

export interface PresentOptions {
  fields?: string[] | null;
  /** Fields the caller asked to see unmasked; honoured only for roles that may unmask. */
  unmask?: Set<string>;
}

/**
 * A row as one viewer may see it: hidden fields removed; phone, e-mail and sensitive fields masked unless
 * the viewer owns the record or holds a role that may unmask and asked to.
 */
export function presentRecord(ctx: RecordCtx, obj: ObjectDef, row: Record<string, any>, opts: PresentOptions = {}): Record<string, unknown> {
  const rec = rowToRecord(obj, row);
  const own = row.owner_id === ctx.auth.userId;
  for (const f of obj.fields) {
    if (!(f.apiName in rec)) continue;
    if (fieldAccess(ctx.auth.access, obj.apiName, f.apiName) === 'hidden' && f.apiName !== 'id') {
      delete rec[f.apiName];
      continue;
    }
    if (isMasked(ctx, f, own, opts.unmask)) {
      rec[f.apiName] = maskValue(f.type, rec[f.apiName]);
    }
  }
  if (opts.fields && opts.fields.length > 0) {
    const keep = new Set(['id', ...opts.fields]);
    for (const k of Object.keys(rec)) if (!keep.has(k)) delete rec[k];
  }
  return rec;
}
