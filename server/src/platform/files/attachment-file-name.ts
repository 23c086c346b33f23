/**
 * File names and content types of uploads, made safe to store and to hand back in a download's headers.
 * Names come from the client and may hold anything: path parts, NUL, bidi overrides that make
 * "exe.pdf" read as "fdp.exe", or thousands of characters.
 */
const MAX_NAME = 255;
// C0/C1 controls (NUL breaks PostgreSQL text), bidi embeddings/overrides/isolates and marks, BOM.
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function sanitizeFileName(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC').replace(LONE_SURROGATE, '').replace(UNSAFE, '');
  // Only the last path part: a name is never a place to write to or read from.
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if ([...name].length > MAX_NAME) {
    const chars = [...name];
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
    name = [...chars.slice(0, MAX_NAME - ext.length), ...ext].join('');
  }
  return name || 'file';
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/;

/** The declared type if it is a well-formed MIME type, else octet-stream; parameters are dropped. */
export function cleanContentType(raw: string | undefined): string {
  const type = (raw ?? '').split(';')[0].trim().toLowerCase();
  return MIME.test(type) ? type : 'application/octet-stream';
}

// Types a browser may show when opened from the download: nothing that runs script (HTML, SVG, XML, JS).
const SERVE_AS_IS = new Set([
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'application/pdf', 'text/plain', 'text/csv',
  'application/zip', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'audio/mpeg', 'video/mp4',
]);

/** The Content-Type a download is served with: the stored one when harmless, else octet-stream. */
export function downloadContentType(stored: string): string {
  if (!SERVE_AS_IS.has(stored)) return 'application/octet-stream';
  return stored.startsWith('text/') ? `${stored}; charset=utf-8` : stored;
}

/** RFC 6266 header with an ASCII fallback and the exact name as RFC 5987 filename* (Chinese names). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
