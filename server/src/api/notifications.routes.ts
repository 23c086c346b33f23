import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { registerLiveTopic } from '../platform/events/live-stream.service.js';
import {
  countUnread, isRecipient, listNotifications, markAllRead, markNotification, NOTIFICATIONS_TOPIC, type NotificationQuery,
} from '../platform/notifications/notifications.service.js';
import '../platform/notifications/reminders.job.js';
import { runRecords } from '../records/run.js';
import type { Deps } from './deps.js';
import { errorResponses } from './schemas.js';

// Live streams push `event: notification` with {object: 'notifications', recordId, event} to the recipient only.
registerLiveTopic(NOTIFICATIONS_TOPIC, { sseEvent: 'notification', mayReceive: (trx, auth, e) => isRecipient(trx, auth, e.recordId!) });

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const Notification = Type.Object({
  id: Type.String(), kind: Type.String({ description: 'e.g. sales.followUpDue, sales.contractExpiring, sales.paymentDue, sales.paymentOverdue, sales.reclaimWarning, sales.reclaimed' }),
  object: Nullable(Type.String()), recordId: Nullable(Type.String()),
  title: Type.String({ description: 'in the caller\'s language' }), body: Type.String({ description: 'in the caller\'s language; times in their time zone' }),
  params: Type.Object({}, { additionalProperties: true }), createdAt: Type.String(), readAt: Nullable(Type.String()),
});
const Unread = Type.Object({ unreadCount: Type.Integer() });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** The caller's in-app notifications (reminders and alerts): their own only. */
export function notificationsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['notifications'];
  app.get('/api/v1/notifications', {
    schema: {
      tags, summary: 'Your notifications, newest first, with the unread count',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), cursor: Type.Optional(Type.String({ maxLength: 200 })),
        unread: Type.Optional(Type.Boolean({ description: 'only unread ones' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ data: Type.Array(Notification), nextCursor: Nullable(Type.String()), unreadCount: Type.Integer() }), ...errorResponses },
    },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => listNotifications(ctx.trx, ctx.auth, req.query as NotificationQuery)));

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags, summary: 'How many of your notifications are unread (for the badge)', response: { 200: Unread, ...errorResponses } },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => countUnread(ctx.trx, ctx.auth)));

  app.post('/api/v1/notifications/read-all', {
    schema: { tags, summary: 'Mark all your notifications read', response: { 200: Type.Object({ updated: Type.Integer() }), ...errorResponses } },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => markAllRead(ctx.trx, ctx.auth)));

  for (const [action, read] of [['read', true], ['unread', false]] as const) {
    app.post(`/api/v1/notifications/:id/${action}`, {
      schema: { tags, summary: `Mark one of your notifications ${action}`, params: IdParams, response: { 200: Notification, ...errorResponses } },
    }, async (req) => runRecords(deps.db, req.auth, (ctx) => markNotification(ctx.trx, ctx.auth, (req.params as { id: string }).id, read)));
  }
}
