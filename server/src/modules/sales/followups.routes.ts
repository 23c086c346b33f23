import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../api/deps.js';
import { errorResponses } from '../../api/schemas.js';
import { runRecords } from '../../records/run.js';
import { meetingInvite } from './ical-invite.js';
import { todayList } from './today-list.service.js';
import { IdParams, Loose } from './sales-schemas.js';

/** The "today" list and meeting invitations. */
export function followupsRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['sales: follow-ups'];
  app.get('/api/v1/sales/today', {
    schema: {
      tags, summary: 'The caller\'s day: follow-ups due, tasks overdue and due today, customers about to be reclaimed, contracts expiring, payments due',
      response: { 200: Type.Object({ date: Type.String(), timeZone: Type.String(), sections: Type.Record(Type.String(), Type.Array(Loose)) }), ...errorResponses },
    },
  }, async (req) => runRecords(deps.db, req.auth, (ctx) => todayList(ctx)));

  app.get('/api/v1/activities/:id/ics', {
    schema: { tags, summary: 'A meeting as an iCalendar invitation (text/calendar, METHOD:REQUEST)', params: IdParams, response: { 200: Type.String(), ...errorResponses } },
  }, async (req, reply) => {
    const host = new URL(deps.config.publicUrl).hostname || 'rapport';
    const ics = await runRecords(deps.db, req.auth, (ctx) => meetingInvite(ctx, (req.params as { id: string }).id, host));
    return reply.type('text/calendar; charset=utf-8; method=REQUEST').header('Content-Disposition', `attachment; filename="${ics.filename}"`).send(ics.body);
  });
}
