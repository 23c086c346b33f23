import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';
import { FIXTURES, listAll, startAndWait, uploadFixture } from './dataio-fixtures.js';

describe.skipIf(SKIP)('iCalendar import of meetings as follow-ups', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('imports events with their time zones as meeting follow-ups linked to attendees', async () => {
    const { admin } = await newWorkspace(env);
    const contact = (await admin.post('/api/v1/contacts', { name: 'Test', email: 'test@example.com' })).json();
    const up = (await uploadFixture(admin, 'activities', 'icalendar/ical.js/minimal.ics')).json();
    expect(up.format).toBe('ical');
    const m = Object.fromEntries(up.suggestedMapping.map((e: any) => [e.field, e]));
    expect(m).toMatchObject({
      name: { columns: ['Summary'] }, occurredAt: { columns: ['Start'] }, content: { columns: ['Description'] }, $externalId: { columns: ['UID'] },
      contactId: { columns: ['Attendees'], match: 'email', onMissing: 'ignore' }, type: { value: 'meeting' },
    });
    expect(await startAndWait(admin, up.id, { mapping: up.suggestedMapping })).toMatchObject({ status: 'done', created: 1 });
    const owa = (await uploadFixture(admin, 'activities', 'icalendar/node-ical/Office-2012-owa.ics')).json();
    await startAndWait(admin, owa.id, { mapping: owa.suggestedMapping });
    const att = (await uploadFixture(admin, 'activities', 'icalendar/node-ical/attendee-with-url.ics')).json();
    await startAndWait(admin, att.id, { mapping: att.suggestedMapping });
    const tent = (await uploadFixture(admin, 'activities', 'icalendar/node-ical/tentative-apple-calendar.ics')).json();
    expect(await startAndWait(admin, tent.id, { mapping: tent.suggestedMapping })).toMatchObject({ created: 3, skipped: 1, failed: 0 });
    const acts = await listAll(admin, 'activities');
    const by = (n: string) => acts.find((a) => a.name === n);
    expect(by('Really long event name thing')).toMatchObject({ type: 'meeting', occurredAt: '2012-06-30T13:00:00.000Z' });
    expect(by('TEST Syd')?.occurredAt).toBe('2020-10-28T03:30:00.000Z');
    expect(by('TEST')?.occurredAt).toBe('2020-10-28T18:30:00.000Z');
    expect(by('Meeting')).toMatchObject({ contactId: contact.id, type: 'meeting' });
    expect(by('Confirmed')?.occurredAt).toBe('2022-07-05T16:00:00.000Z');
    expect(by('Cancelled')).toBeUndefined();
    const report = (await admin.get(`/api/v1/imports/${tent.id}/errors`)).json().data.filter((e: any) => e.field === null);
    expect(report).toEqual([expect.objectContaining({ code: 'import.cancelledEvent', severity: 'warning', message: 'The meeting was cancelled; not imported.' })]);
  });

  it('reads every calendar of the ical.js and node-ical fixtures without a server error', async () => {
    const { admin } = await newWorkspace(env);
    const dirs = ['icalendar/ical.js', 'icalendar/node-ical'];
    const files = dirs.flatMap((d) => fs.readdirSync(path.join(FIXTURES, d)).filter((f) => f.endsWith('.ics')).map((f) => `${d}/${f}`));
    expect(files.length).toBeGreaterThan(60);
    const outcome: Record<string, string> = {};
    for (const f of files) {
      const up = await uploadFixture(admin, 'activities', f);
      expect([201, 422], `${f}: ${up.body}`).toContain(up.statusCode);
      if (up.statusCode === 422) { outcome[f] = up.json().code; continue; }
      const done = await startAndWait(admin, up.json().id, { mapping: up.json().suggestedMapping });
      expect(['done', 'failed'], f).toContain(done.status);
      outcome[f] = done.status === 'failed' ? done.error : `${done.created}/${done.skipped}/${done.failed}`;
      if (done.status === 'failed') expect(done.error, f).toBe('import.badFile');
    }
    expect(Object.values(outcome).filter((o) => o === 'import.badFile').length).toBeLessThan(5);
  }, 600_000);
});
