import type { Client } from './helpers.js';

/** A multipart body as a browser sends it: quotes and line breaks in the name percent-encoded (WHATWG). */
export function form(name: string, data: Buffer, type = 'application/octet-stream', field = 'file') {
  const boundary = `----rapport${Math.random().toString(16).slice(2)}`;
  const safe = name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safe}"\r\nContent-Type: ${type}\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(client: Client, object: string, id: string, name: string, data: Buffer, type?: string) {
  const { payload, headers } = form(name, data, type);
  return client.app.inject({
    method: 'POST', url: `/api/v1/${object}/${id}/attachments`, payload,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'accept-language': client.lang, ...headers },
  });
}
