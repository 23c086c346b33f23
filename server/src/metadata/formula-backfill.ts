import { sql } from 'kysely';
import type { Trx } from '../db/tenant.js';
import { evaluateFormula } from './formula.js';
import { formulaInput, formulaTree } from './computed-fields.hook.js';
import type { FieldDef, ObjectDef } from './types.js';

const PAGE = 500;

/**
 * Recomputes one formula on every record of the object (recycle bin included, so a restored record is
 * right), in pages locked FOR UPDATE so a concurrent edit cannot slip a stale value in between. Runs in
 * the metadata change's transaction: the new definition and its values commit together.
 */
export async function backfillFormula(trx: Trx, workspaceId: string, obj: ObjectDef, field: FieldDef): Promise<number> {
  const table = sql.table(obj.isCustom ? 'custom_records' : obj.table);
  const scope = obj.isCustom ? sql`and t.object_id = ${obj.id}::uuid` : sql``;
  const tree = formulaTree(field);
  const opts = { scale: Number(field.options?.scale ?? 2), blankAsZero: !!field.options?.blankAsZero };
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;
  for (;;) {
    const res = await sql<Record<string, any>>`select t.* from ${table} t where t.workspace_id = ${workspaceId}::uuid ${scope}
      and t.id > ${after}::uuid order by t.id limit ${PAGE} for update`.execute(trx);
    if (res.rows.length === 0) return changed;
    const ids: string[] = [];
    const vals: (string | null)[] = [];
    for (const row of res.rows) {
      const custom = row.custom ?? {};
      const v = evaluateFormula(tree, formulaInput(obj, row, custom), opts);
      if ((custom[field.apiName] ?? null) !== v || !(field.apiName in custom)) { ids.push(row.id); vals.push(v); }
    }
    if (ids.length > 0) {
      await sql`update ${table} as t set custom = case when v.val is null then jsonb_set(t.custom, array[${field.apiName}]::text[], 'null'::jsonb)
          else jsonb_set(t.custom, array[${field.apiName}]::text[], to_jsonb(v.val)) end
        from (select unnest(${ids}::uuid[]) as id, unnest(${vals}::text[]) as val) v
        where t.workspace_id = ${workspaceId}::uuid and t.id = v.id`.execute(trx);
      changed += ids.length;
    }
    after = res.rows[res.rows.length - 1].id;
    if (res.rows.length < PAGE) return changed;
  }
}
