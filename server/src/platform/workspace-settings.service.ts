import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { withTenant, type Trx } from '../db/tenant.js';
import type { AuthContext } from './access.js';
import { recordAudit } from './audit/audit.service.js';

export const RECYCLE_BIN_DAYS_MIN = 1;
export const RECYCLE_BIN_DAYS_MAX = 3650;

/** Days a workspace keeps deleted records: its `recycleBinDays` setting (PATCH /api/v1/settings/workspace), else the server default. */
export function retentionDays(settings: unknown, dflt: number): number {
  const v = (settings as { recycleBinDays?: unknown } | null)?.recycleBinDays;
  return typeof v === 'number' && Number.isInteger(v) && v >= RECYCLE_BIN_DAYS_MIN && v <= RECYCLE_BIN_DAYS_MAX ? v : dflt;
}

export interface WorkspaceSettingsOut {
  /** Days deleted records stay in the recycle bin before the nightly purge removes them. */
  recycleBinDays: number;
  /** 'workspace' when an administrator set it, 'server' when it follows RECYCLE_BIN_DAYS. */
  recycleBinDaysSource: 'workspace' | 'server';
}

/** null puts the setting back to the server default. */
export interface WorkspaceSettingsPatch { recycleBinDays?: number | null }

async function readSettings(trx: Trx, workspaceId: string): Promise<Record<string, unknown>> {
  const row = await trx.selectFrom('workspaces').select('settings').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return (row.settings ?? {}) as Record<string, unknown>;
}

function present(settings: Record<string, unknown>, config: Config): WorkspaceSettingsOut {
  const recycleBinDays = retentionDays(settings, config.recycleBinDays);
  return { recycleBinDays, recycleBinDaysSource: settings.recycleBinDays === recycleBinDays ? 'workspace' : 'server' };
}

export async function getWorkspaceSettings(db: Database, config: Config, auth: AuthContext): Promise<WorkspaceSettingsOut> {
  return withTenant(db, auth.workspaceId, async (trx) => present(await readSettings(trx, auth.workspaceId), config));
}

/** Changes the workspace-wide settings; each change is a security event (retention decides when data is gone for good). */
export async function patchWorkspaceSettings(db: Database, config: Config, auth: AuthContext, patch: WorkspaceSettingsPatch): Promise<WorkspaceSettingsOut> {
  return withTenant(db, auth.workspaceId, async (trx) => {
    const before = await readSettings(trx, auth.workspaceId);
    if (patch.recycleBinDays === undefined) return present(before, config);
    const next = patch.recycleBinDays;
    await trx.updateTable('workspaces').where('id', '=', auth.workspaceId)
      .set({ settings: next === null ? sql`settings - 'recycleBinDays'` : sql`settings || jsonb_build_object('recycleBinDays', ${next}::int)` })
      .execute();
    const from = before.recycleBinDays ?? null;
    if (from !== next) {
      await recordAudit(trx, {
        workspaceId: auth.workspaceId, actorId: auth.userId, event: 'workspace.settingsUpdated', ip: auth.ip,
        detail: { changes: { recycleBinDays: { from, to: next } } },
      });
    }
    return present(await readSettings(trx, auth.workspaceId), config);
  });
}
