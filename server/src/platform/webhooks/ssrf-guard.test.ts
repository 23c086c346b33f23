import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isForbiddenAddress } from './ssrf-guard.js';
import { retryDelaySeconds } from './webhook-delivery.job.js';
import { signPayload } from './webhook-http.js';

describe('webhook address guard', () => {
  it('refuses local, private, link-local, shared, multicast and reserved addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.0.1',
      '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '224.0.0.251', '239.1.1.1', '255.255.255.255', '240.0.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1', '2001:db8::1', 'not-an-ip']) {
      expect(isForbiddenAddress(a), a).toBe(true);
    }
  });

  it('accepts public addresses', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isForbiddenAddress(a), a).toBe(false);
    }
  });

  it('only takes absolute http and https URLs', async () => {
    for (const u of ['ftp://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', '/relative', 'http://', '']) {
      expect(await checkWebhookUrl(u, []), u).toEqual({ code: 'webhooks.urlInvalid' });
    }
  });

  it('lets allow-listed hosts through, still pinning the resolved address', async () => {
    const lookup = async () => [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }];
    expect(await checkWebhookUrl('http://localhost:8080/x', ['localhost'], lookup)).toMatchObject({ address: '127.0.0.1', family: 4, host: 'localhost' });
    expect(await checkWebhookUrl('http://[::1]:8080/', ['::1'])).toMatchObject({ address: '::1', family: 6 });
    expect(await checkWebhookUrl('http://[::1]:8080/', [])).toMatchObject({ code: 'webhooks.urlForbidden', address: '::1' });
  });
});

describe('webhook signing and back-off', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256', () => {
    // Reference value computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload('whsec_test', '1700000000', '{"a":1}')).toBe('sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789');
  });

  it('backs off 30 s, 2 min, 10 min, 1 h, 6 h', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 120, 600, 3600, 21600]);
    expect(retryDelaySeconds(2, 1)).toBe(4);
  });
});
