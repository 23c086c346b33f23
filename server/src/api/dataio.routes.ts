import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import { dedupeRoutes } from './dedupe.routes.js';
import { importsRoutes } from './imports.routes.js';
import { searchRoutes } from './search.routes.js';

/** Search, import, export, vCard and iCalendar, duplicates and merge. */
export function dataioRoutes(app: FastifyInstance, deps: Deps): void {
  searchRoutes(app, deps);
  importsRoutes(app, deps);
  dedupeRoutes(app, deps);
}
