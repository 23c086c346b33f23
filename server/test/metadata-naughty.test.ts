import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, SKIP, startTestApp, type TestEnv } from './helpers.js';

const BLNS: string[] = JSON.parse(fs.readFileSync(new URL('../../../shared/fixtures/naughty-strings/blns.json', import.meta.url), 'utf8'));
/** One request per string is slow on a busy machine; every fifth string still covers each family of the list. */
const SAMPLE = BLNS.filter((_, i) => i % 5 === 0);
// eslint-disable-next-line no-control-regex -- what an option value may not contain
const UNSTORABLE = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe.skipIf(SKIP)('metadata: naughty strings', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await startTestApp(); });
  afterAll(async () => { await env?.close(); });

  it('takes every naughty string as an option value and label, or refuses exactly the unstorable ones', async () => {
    const { admin } = await newWorkspace(env);
    await admin.post('/api/v1/metadata/objects', { apiName: 'things', label: { 'en-US': 'Thing' } });
    const unique = [...new Set(BLNS)];
    const options = unique.map((s) => ({ value: s, label: { 'zh-CN': s, 'en-US': s || 'x' } }));
    const first = await admin.post('/api/v1/metadata/objects/things/fields', { apiName: 'pick', type: 'select', label: { 'en-US': 'Pick' }, options });
    expect(first.statusCode, first.body.slice(0, 500)).toBe(422);
    const refused = new Set<number>(first.json().errors.map((e: any) => Number(/^options\.options\.(\d+)\./.exec(e.field)?.[1])));
    for (const [i, s] of unique.entries()) {
      const bad = s === '' || s.trim() !== s || [...s].length > 100 || UNSTORABLE.test(s) || [...s.trim()].length > 100;
      expect(refused.has(i), JSON.stringify(s)).toBe(bad);
    }
    const good = options.filter((_, i) => !refused.has(i));
    const created = await admin.post('/api/v1/metadata/objects/things/fields', { apiName: 'pick', type: 'select', label: { 'en-US': 'Pick' }, options: good });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(201);
    expect(created.json().options.options.map((o: any) => o.value)).toEqual(good.map((o) => o.value));
    expect(created.json().options.options.map((o: any) => o.label['zh-CN'])).toEqual(good.map((o) => o.label['zh-CN'].trim() || undefined));
    const bulk = await admin.post('/api/v1/things/bulk', { op: 'create', records: good.map((o) => ({ name: 'r', pick: o.value })) });
    expect(bulk.statusCode, bulk.body.slice(0, 500)).toBe(200);
    expect(bulk.json().data.map((r: any) => r.pick)).toEqual(good.map((o) => o.value));
  }, 120_000);

  it('stores naughty object labels as given or refuses them with a 4xx', async () => {
    const { admin } = await newWorkspace(env);
    expect((await admin.post('/api/v1/metadata/objects', { apiName: 'things', label: { 'en-US': 'Thing' } })).statusCode).toBe(201);
    for (const s of SAMPLE) {
      const res = await admin.patch('/api/v1/metadata/objects/things', { label: { 'zh-CN': s } });
      expect([200, 422], `${JSON.stringify(s)} → ${res.body}`).toContain(res.statusCode);
      const v = s.trim();
      if (res.statusCode === 200 && v) expect(res.json().label['zh-CN']).toBe(v);
      if ([...v].length > 100) expect(res.statusCode).toBe(422);
    }
    expect((await admin.get('/api/v1/metadata/objects/things')).json().label['en-US']).toBe('Thing');
  }, 120_000);

  it('refuses naughty API names and formulas with a 4xx, never a 500', async () => {
    const { admin } = await newWorkspace(env);
    for (const [i, s] of SAMPLE.entries()) {
      const name = await admin.post('/api/v1/metadata/objects/accounts/fields', { apiName: s, type: 'text', label: { 'en-US': 'x' } });
      expect([201, 409, 422], `${JSON.stringify(s)} → ${name.body}`).toContain(name.statusCode);
      if (!/^[a-z][a-zA-Z0-9]{0,39}$/.test(s)) expect(name.statusCode).toBe(422);
      const f = await admin.post('/api/v1/metadata/objects/accounts/fields', { apiName: `f${i}`, type: 'formula', label: { 'en-US': 'F' }, options: { expression: s } });
      expect([201, 422], `${JSON.stringify(s)} → ${f.body}`).toContain(f.statusCode);
    }
  }, 120_000);
});
