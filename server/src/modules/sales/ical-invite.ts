import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import { AppError } from '../../platform/errors.js';
import { objectOf, type RecordCtx } from '../../records/record-context.js';
import { loadRow } from '../../records/record-read.service.js';

/** Follow-up types that are appointments; any other follow-up with an end time is one too. */
export const MEETING_TYPES = new Set(['meeting', 'visit']);
const HOUR_MS = 3_600_000;

/**
 * A meeting as an iCalendar invitation (METHOD:REQUEST) from its owner to its contact. The contact's
 * address is only included for a viewer who owns the contact, since it would otherwise be masked.
 */
export async function meetingInvite(ctx: RecordCtx, id: string, host: string): Promise<{ filename: string; body: string }> {
  const act = await loadRow(ctx, objectOf(ctx, 'activities'), id, 'read');
  if (!MEETING_TYPES.has(act.type) && !act.ends_at) throw new AppError(409, 'sales.ics.notMeeting');
  const start = new Date(act.occurred_at);
  const end = act.ends_at ? new Date(act.ends_at) : new Date(start.getTime() + HOUR_MS);
  const owner = act.owner_id
    ? await ctx.trx.selectFrom('users').select(['name', 'email']).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', act.owner_id).executeTakeFirst()
    : undefined;
  const contact = act.contact_id
    ? await ctx.trx.selectFrom('contacts').select(['name', 'email', 'owner_id']).where('workspace_id', '=', ctx.auth.workspaceId).where('id', '=', act.contact_id).executeTakeFirst()
    : undefined;
  const cal = ical({ prodId: { company: 'Rapport', product: 'Rapport CRM', language: ctx.auth.locale === 'zh-CN' ? 'ZH' : 'EN' }, method: ICalCalendarMethod.REQUEST });
  const event = cal.createEvent({
    id: `${act.id}@${host}`, start, end, summary: act.name, description: act.content ?? undefined, location: act.location ?? undefined,
    sequence: act.version - 1, stamp: ctx.now, created: new Date(act.created_at), lastModified: new Date(act.updated_at),
    organizer: owner ? { name: owner.name, email: owner.email } : undefined,
  });
  if (contact?.email && contact.owner_id === ctx.auth.userId) {
    event.createAttendee({ name: contact.name, email: contact.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: true });
  }
  return { filename: `meeting-${act.id}.ics`, body: cal.toString() };
}
