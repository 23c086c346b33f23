import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenant.js';
import type { AuthContext } from '../access.js';
import { loadAccess } from '../access.service.js';
import { AppError } from '../errors.js';
import type { Locale } from '../i18n/i18n.js';

/**
 * The caller a background import acts as: the user who started it, with their current roles, so the
 * run can never do more than they could do by hand (and stops if they were deactivated meanwhile).
 */
export async function authForUser(db: Database, workspaceId: string, userId: string): Promise<AuthContext> {
  return withTenant(db, workspaceId, async (trx, version) => {
    const u = await trx.selectFrom('users').select(['id', 'is_admin', 'status', 'locale', 'time_zone'])
      .where('workspace_id', '=', workspaceId).where('id', '=', userId).executeTakeFirst();
    if (!u || u.status !== 'active') throw new AppError(403, 'error.userInactive');
    return {
      workspaceId, userId, locale: (u.locale === 'zh-CN' ? 'zh-CN' : 'en-US') as Locale, timeZone: u.time_zone,
      access: await loadAccess(trx, workspaceId, userId, u.is_admin, version),
    };
  });
}
