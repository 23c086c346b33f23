import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../api/deps.js';
import { AppError } from '../../platform/errors.js';
import { accountsRoutes } from './accounts.routes.js';
import { followupsRoutes } from './followups.routes.js';
import { leadsPublicRoutes } from './leads-public.routes.js';
import { leadsRoutes } from './leads.routes.js';
import { opportunitiesRoutes } from './opportunities.routes.js';
import { poolRoutes } from './pool.routes.js';
import { reportsRoutes } from './reports.routes.js';
import { transferRoutes } from './transfer.routes.js';

/** PostgreSQL text cannot hold NUL; refuse it up front rather than fail in the database. */
function nulPath(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path || '(body)' : null;
  if (depth > 20 || v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const hit = nulPath(x, path ? `${path}.${k}` : k, depth + 1);
    if (hit) return hit;
  }
  return null;
}

async function rejectNul(req: FastifyRequest): Promise<void> {
  const field = nulPath(req.body, '') ?? nulPath(req.query, '');
  if (field) throw new AppError(422, 'error.validation', {}, [{ field, code: 'field.badCharacters' }]);
}

/** Leads, accounts and the public pool, opportunities and pipelines, follow-ups and tasks, transfers and teams. */
export function salesRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    scope.addHook('preValidation', rejectNul);
    leadsRoutes(scope, deps);
    leadsPublicRoutes(scope, deps);
    poolRoutes(scope, deps);
    accountsRoutes(scope, deps);
    opportunitiesRoutes(scope, deps);
    followupsRoutes(scope, deps);
    transferRoutes(scope, deps);
    reportsRoutes(scope, deps);
  });
}
