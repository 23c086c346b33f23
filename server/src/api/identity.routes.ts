import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import { mfaRoutes } from './identity-mfa.routes.js';
import { profileRoutes } from './identity-profile.routes.js';
import { apiKeyRoutes } from './identity-api-keys.routes.js';
import { userRoutes } from './identity-users.routes.js';
import { departmentRoutes } from './identity-departments.routes.js';
import { roleRoutes } from './identity-roles.routes.js';
import { sharingRoutes } from './identity-sharing.routes.js';
import { workspaceSettingsRoutes } from './workspace-settings.routes.js';

/** Users, departments, roles, permissions, sharing, API keys, two-factor, profile, workspace settings. */
export function identityRoutes(app: FastifyInstance, deps: Deps): void {
  mfaRoutes(app, deps);
  profileRoutes(app, deps);
  apiKeyRoutes(app, deps);
  userRoutes(app, deps);
  departmentRoutes(app, deps);
  roleRoutes(app, deps);
  sharingRoutes(app, deps);
  workspaceSettingsRoutes(app, deps);
}
