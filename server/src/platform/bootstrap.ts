import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { randomToken } from './auth/tokens.js';
import { createWorkspace, syncAllWorkspaces } from './workspace.service.js';

export interface BootstrapResult { created: boolean; workspaceId: string; adminEmail: string; generatedPassword: string | null }

/** First start: the default workspace and its administrator. Later starts: re-sync standard metadata. */
export async function bootstrap(db: Database, config: Config): Promise<BootstrapResult> {
  const existing = await db.kysely.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) {
    await syncAllWorkspaces(db);
    return { created: false, workspaceId: existing.id, adminEmail: config.adminEmail, generatedPassword: null };
  }
  const generated = config.adminPassword ? null : `${randomToken(12)}9a`;
  const { workspaceId } = await createWorkspace(db, {
    name: config.demo ? 'Rapport 演示公司' : 'Rapport', adminEmail: config.adminEmail, adminPassword: config.adminPassword ?? generated!,
  });
  return { created: true, workspaceId, adminEmail: config.adminEmail, generatedPassword: generated };
}
