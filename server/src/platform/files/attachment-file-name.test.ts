import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanContentType, contentDisposition, downloadContentType, sanitizeFileName } from './attachment-file-name.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLNS: string[] = JSON.parse(fs.readFileSync(path.resolve(here, '../../../../../shared/fixtures/naughty-strings/blns.json'), 'utf8'));

// eslint-disable-next-line no-control-regex -- what a cleaned file name must not hold
const CLEANED_AWAY = /[\u0000-\u001f\u007f\u202a-\u202e/\\]/;

describe('attachment file names', () => {
  it('keeps ordinary and Chinese names as they are', () => {
    expect(sanitizeFileName('合同 扫描件（2024）.pdf')).toBe('合同 扫描件（2024）.pdf');
    expect(sanitizeFileName('Q3 report.xlsx')).toBe('Q3 report.xlsx');
  });

  it('drops path parts, controls and bidi overrides, and bounds the length', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Windows\\win.ini')).toBe('win.ini');
    expect(sanitizeFileName('\u202Egnp.exe')).toBe('gnp.exe');
    expect(sanitizeFileName('a\u0000b\r\n.txt')).toBe('ab.txt');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName(undefined)).toBe('file');
    const long = sanitizeFileName(`${'长'.repeat(400)}.docx`);
    expect([...long]).toHaveLength(255);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('cleans every naughty string into a name that fits a header', () => {
    for (const raw of BLNS) {
      const name = sanitizeFileName(raw);
      expect(name.length).toBeGreaterThan(0);
      expect(name).not.toMatch(CLEANED_AWAY);
      expect(contentDisposition(name)).toMatch(/^attachment; filename="[ -~]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/);
      expect(decodeURIComponent(contentDisposition(name).split("filename*=UTF-8''")[1])).toBe(name);
    }
  });

  it('serves only harmless types as themselves', () => {
    expect(cleanContentType('Application/PDF; x=1')).toBe('application/pdf');
    expect(cleanContentType('<script>')).toBe('application/octet-stream');
    expect(downloadContentType('text/html')).toBe('application/octet-stream');
    expect(downloadContentType('image/svg+xml')).toBe('application/octet-stream');
    expect(downloadContentType('text/plain')).toBe('text/plain; charset=utf-8');
    expect(downloadContentType('image/png')).toBe('image/png');
  });
});
