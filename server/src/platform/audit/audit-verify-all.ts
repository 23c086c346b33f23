import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import { verifyAuditChain, type VerifyResult } from './audit.service.js';

export interface WorkspaceVerdict extends VerifyResult { workspaceId: string; name: string }

/** Verifies the audit chain of every workspace (or of one), each in its own tenant transaction. */
export async function verifyAllAuditChains(db: Database, only?: string): Promise<WorkspaceVerdict[] | null> {
  const res = only
    ? await db.executeSql('select id, name from workspaces where id::text = $1', [only])
    : await db.executeSql('select id, name from workspaces order by created_at, id');
  if (only && res.rows.length === 0) return null;
  const out: WorkspaceVerdict[] = [];
  for (const ws of res.rows) {
    const r = await withTenant(db, ws.id, (trx) => verifyAuditChain(trx, ws.id));
    out.push({ workspaceId: ws.id, name: ws.name, ...r });
  }
  return out;
}
