import type { ObjectDef } from '../../server/src/metadata/types.js';
import { buildIndexRow, fieldValue, indexedFields, type IndexRow } from '../../server/src/platform/search/search-index.js';
import { dedupeKeys } from '../../server/src/platform/dedupe/dedupe-keys.js';
import { clip } from '../../server/src/platform/search/tokens.js';

/**
 * The search index row of a generated record, exactly as the server's hook would write it, but with the
 * name's part (CJK grams, pinyin) computed once per distinct name: names repeat a lot, and pinyin is the
 * costly part. The other fields go through buildIndexRow with an empty name. `verify` checks the result
 * against buildIndexRow on the whole row, so a change to the tokenizer cannot make the bench drift.
 */
export class IndexRows {
  private readonly names = new Map<string, { tokens: string[]; keys: string[] }>();
  private readonly others = new Map<string, string[]>();
  private readonly fields;

  constructor(private readonly obj: ObjectDef, private readonly workspaceId: string) {
    this.fields = indexedFields(obj);
  }

  /** Tokens of the fields other than the name, once per distinct set of values (follow-ups repeat a lot). */
  private otherTokens(row: Record<string, any>): string[] {
    const values = this.fields.map((f) => fieldValue(f, row));
    if (values.every((v) => v === null || v === undefined || v === '')) return [];
    const key = values.join('\u0001');
    let tokens = this.others.get(key);
    if (!tokens) {
      tokens = buildIndexRow(this.obj, { ...row, name: '' }, this.workspaceId).tokens;
      if (this.others.size < 200_000) this.others.set(key, tokens);
    }
    return tokens;
  }

  build(row: Record<string, any>): IndexRow {
    let named = this.names.get(row.name);
    if (!named) {
      const r = buildIndexRow(this.obj, { id: row.id, name: row.name }, this.workspaceId);
      named = { tokens: r.tokens, keys: r.keys };
      if (this.names.size < 500_000) this.names.set(row.name, named);
    }
    return {
      workspace_id: this.workspaceId, object: this.obj.apiName, record_id: row.id, name: row.name,
      keys: named.keys, tokens: clip([...named.tokens, ...this.otherTokens(row)]), dedupe: dedupeKeys(this.obj, row),
    };
  }

  verify(row: Record<string, any>): void {
    const a = this.build(row);
    const b = buildIndexRow(this.obj, row, this.workspaceId);
    const same = (x: string[], y: string[]) => JSON.stringify([...x].sort()) === JSON.stringify([...y].sort());
    if (!same(a.tokens, b.tokens) || !same(a.keys, b.keys) || !same(a.dedupe, b.dedupe)) {
      throw new Error(`bench index row differs from the server's for ${this.obj.apiName} "${row.name}"`);
    }
  }
}
