import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Client } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Big List of Naughty Strings shipped beside the repository. */
export function naughtyStrings(): string[] {
  return JSON.parse(fs.readFileSync(path.resolve(here, '../../../shared/fixtures/naughty-strings/blns.json'), 'utf8'));
}

/** Creates a record through the HTTP API and fails the test with the response body if it is not 201. */
export async function create(client: Client, object: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await client.post(`/api/v1/${object}`, body);
  expect(res.statusCode, `${object}: ${res.body}`).toBe(201);
  return res.json();
}

export async function patch(client: Client, object: string, id: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await client.patch(`/api/v1/${object}/${id}`, body);
  expect(res.statusCode, `${object}: ${res.body}`).toBe(200);
  return res.json();
}

export async function get(client: Client, object: string, id: string): Promise<Record<string, any>> {
  const res = await client.get(`/api/v1/${object}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A signed contract with the given amount (signed contracts can take payments). */
export async function signedContract(client: Client, amount: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  return create(client, 'contracts', { name: '年度服务合同 Annual service', amount, status: 'signed', signDate: '2026-11-02', startDate: '2026-11-01', endDate: '2027-10-31', ...extra });
}

/** Every text item of every page, joined with spaces (pdf.js legacy build, as Node 20 needs). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return parts.join('\n');
}

/** YYYY-MM-DD of today plus offset in UTC: the calendar of the test workspaces (created with locale en-US). */
export function utcDay(offsetDays = 0, from = new Date()): string {
  return new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
