import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import { healthRoutes } from './health.routes.js';
import { authRoutes } from './auth.routes.js';
import { identityRoutes } from './identity.routes.js';
import { metadataRoutes } from './metadata.routes.js';
import { webhooksRoutes } from './webhooks.routes.js';
import { dataioRoutes } from './dataio.routes.js';
import { recordsRoutes } from './records.routes.js';
import { attachmentsRoutes } from './attachments.routes.js';
import { viewsRoutes } from './views.routes.js';
import { notificationsRoutes } from './notifications.routes.js';
import { financeRoutes, salesRoutes } from '../modules/sales/index.js';

/** Every route module; named routes win over the generic /api/v1/{object} ones whatever the order. */
export function registerRoutes(app: FastifyInstance, deps: Deps): void {
  healthRoutes(app, deps);
  authRoutes(app, deps);
  identityRoutes(app, deps);
  metadataRoutes(app, deps);
  webhooksRoutes(app, deps);
  dataioRoutes(app, deps);
  salesRoutes(app, deps);
  financeRoutes(app, deps);
  viewsRoutes(app, deps);
  notificationsRoutes(app, deps);
  attachmentsRoutes(app, deps);
  recordsRoutes(app, deps);
}
