// @ts-check
/* global self, caches, fetch */
/**
 * The kiosk's service worker (served at /k/sw.js, scope /k/): keeps the kiosk's page, its scripts and styles
 * and its survey so that it starts and runs without network. Answers are not its business: the page keeps
 * them in its outbox (src-public/outbox.ts) and sends them when the network returns.
 *
 * - the page and the survey (/k/…, /api/public/kiosks/…): the network first, the kept copy when it fails;
 * - built assets (/p/assets/…, named by their content's hash): the kept copy first.
 * The page names what to keep once it runs (a `cache` message), since the worker cannot know its assets.
 */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const CACHE = 'guichet-kiosk-v1';

sw.addEventListener('install', () => {
  void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

sw.addEventListener('message', (event) => {
  const data = /** @type {{ type?: string, urls?: unknown }} */ (event.data ?? {});
  if (data.type !== 'cache' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === 'string' && new URL(url, sw.location.origin).origin === sw.location.origin);
  const source = /** @type {Client | null} */ (event.source);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(urls))
      .then(() => source?.postMessage({ type: 'cached' })),
  );
});

/** @param {Request} request */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept !== undefined) return kept;
    throw error;
  }
}

/** @param {Request} request */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept !== undefined) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/p/assets/')) event.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith('/api/public/kiosks/') || (request.mode === 'navigate' && url.pathname.startsWith('/k/')))
    event.respondWith(networkFirst(request));
});
