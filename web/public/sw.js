/* Rapport service worker: keeps the app shell available offline and serves built assets from cache. */
const VERSION = 'v1';
const SHELL_CACHE = `rapport-shell-${VERSION}`;
const ASSET_CACHE = `rapport-assets-${VERSION}`;
// Same name the app deletes on sign-out, so one person's data never outlives their session on a shared device.
const API_CACHE = 'rapport-api';
const SHELL = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-maskable.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const keep = new Set([SHELL_CACHE, ASSET_CACHE, API_CACHE]);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => !keep.has(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(fallbackUrl ?? request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(fallbackUrl ?? request);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed file names never change content, so a stored copy is valid forever.
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;

  if (url.pathname.startsWith('/api/')) {
    // Session and streaming endpoints must always reach the server; a cached "who am I" would be a lie.
    if (url.pathname.startsWith('/api/v1/auth/') || request.headers.get('accept') === 'text/event-stream') return;
    event.respondWith(networkFirst(request, API_CACHE));
    return;
  }
  if (request.mode === 'navigate') {
    // Every SPA route is index.html; offline, any of them falls back to the last shell we saw.
    event.respondWith(networkFirst(request, SHELL_CACHE, '/'));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (SHELL.includes(url.pathname)) event.respondWith(networkFirst(request, SHELL_CACHE));
});
