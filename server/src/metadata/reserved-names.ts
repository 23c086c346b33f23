import { standardObjects } from './standard-objects.js';

/**
 * The one list of names a custom object may not take: path segments of /api/v1 that are not objects,
 * and standard objects that modules declare now or will declare (a custom object holding the name first
 * would shadow them in that workspace).
 */
const ROUTE_NAMES = [
  'auth', 'users', 'departments', 'roles', 'api-keys', 'apiKeys', 'metadata', 'search', 'imports', 'exports',
  'webhooks', 'me', 'openapi', 'healthz', 'readyz', 'metrics', 'files', 'attachments', 'settings', 'workspace',
  'workspaces', 'sessions', 'notifications', 'events', 'audit', 'bulk', 'export', 'views', 'reports', 'dashboards',
  'workflows', 'approvals', 'jobs', 'recycleBin', 'duplicates', 'merge', 'calendar', 'portal', 'forms',
];

const PLANNED_OBJECTS = [
  'accounts', 'contacts', 'leads', 'opportunities', 'activities', 'tasks',
  'products', 'priceBooks', 'quotes', 'contracts', 'paymentPlans', 'payments', 'invoices', 'targets', 'pools', 'pipelines',
  'campaigns', 'segments', 'tickets', 'articles', 'surveys', 'emails', 'tags',
];

/**
 * Names every plain JavaScript object already has: as a key of a permission map or a custom-values object
 * they would read an inherited function instead of nothing (access.scopes['constructor'] is Object).
 */
const PROTOTYPE_NAMES = [
  'constructor', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'toJSON', 'then',
];

/** Field names the records API itself uses, on every object. */
export const RESERVED_FIELD_NAMES = [
  'id', 'name', 'ownerId', 'createdBy', 'createdAt', 'updatedAt', 'version', 'deletedAt', 'deletedBy', 'custom',
  'workspaceId', 'objectId', ...PROTOTYPE_NAMES,
];

export function isReservedObjectName(apiName: string): boolean {
  const lower = apiName.toLowerCase();
  return [...ROUTE_NAMES, ...PLANNED_OBJECTS, ...PROTOTYPE_NAMES, ...standardObjects().map((o) => o.apiName)]
    .some((n) => n.toLowerCase() === lower || n.replace(/-/g, '').toLowerCase() === lower);
}
