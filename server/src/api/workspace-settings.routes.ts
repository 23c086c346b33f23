import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireAdmin } from '../platform/auth/guards.js';
import {
  getWorkspaceSettings, patchWorkspaceSettings, RECYCLE_BIN_DAYS_MAX, RECYCLE_BIN_DAYS_MIN, type WorkspaceSettingsPatch,
} from '../platform/workspace-settings.service.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

const SettingsOut = Type.Object({
  recycleBinDays: Type.Integer({ description: 'days deleted records stay in the recycle bin before they are purged for good' }),
  recycleBinDaysSource: Type.Union([Type.Literal('workspace'), Type.Literal('server')], { description: 'workspace: set here; server: the RECYCLE_BIN_DAYS default' }),
});
const SettingsPatch = Type.Object({
  // One JSON type list rather than a union, so a bad value gets one localised error, not one per branch.
  recycleBinDays: Type.Optional(Type.Unsafe<number | null>({
    type: ['integer', 'null'], minimum: RECYCLE_BIN_DAYS_MIN, maximum: RECYCLE_BIN_DAYS_MAX,
    description: `${RECYCLE_BIN_DAYS_MIN}–${RECYCLE_BIN_DAYS_MAX} days; null returns to the server default (RECYCLE_BIN_DAYS)`,
  })),
}, { additionalProperties: false });

/** Workspace-wide settings (recycle-bin retention), administrators only; every change is audited. */
export function workspaceSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['settings'];
  app.get('/api/v1/settings/workspace', {
    schema: { tags, summary: 'Workspace settings (administrators)', response: { 200: SettingsOut, ...errorResponses } },
  }, async (req) => getWorkspaceSettings(deps.db, deps.config, requireAdmin(req.auth)));

  app.patch('/api/v1/settings/workspace', {
    config: { apiKeyScope: 'admin' },
    schema: { tags, summary: 'Change workspace settings (administrators; audited)', body: SettingsPatch, response: { 200: SettingsOut, ...errorResponses } },
  }, async (req) => patchWorkspaceSettings(deps.db, deps.config, requireAdmin(req.auth), req.body as WorkspaceSettingsPatch));
}
