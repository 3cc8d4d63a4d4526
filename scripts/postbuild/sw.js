// The service worker: offline use after one visit. Source of site/sw.js, filled in at build time by
// scripts/postbuild/offline.py (see its docstring for what is cached and how).
"use strict";
// Filled in by scripts/postbuild/offline.py: the cache name (a hash of the build), the files precached on install,
// the other pages (cached in the background, "warm"), the cache-name prefix shared by every build, and the offline
// page of each language.
const { CACHE, PRECACHE, PAGES, PREFIX, OFFLINE } = /* BUILD */ { CACHE: "bhxh-dev", PRECACHE: [], PAGES: [], PREFIX: "bhxh-", OFFLINE: null };
// A network that has not answered by then is treated as absent: the saved copy, or the offline page, is shown
// (the request goes on in the background and refreshes the saved copy when it arrives).
const NETWORK_TIMEOUT_MS = 3000;
const WARM_TIMEOUT_MS = 8000;
// Every network request of the worker ends: on a dead connection a fetch can hang, and a worker with an
// unfinished event keeps the next build's worker waiting.
const FETCH_TIMEOUT_MS = 15000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // Fingerprinted theme files come from the HTTP cache the page just filled; the rest is revalidated.
      .then((cache) => Promise.all(PRECACHE.map((url) => {
        const mode = /\.min\.(js|css)$/.test(url) ? "default" : "no-cache";
        return cache.add(new Request(url, { cache: mode }));
      })))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

const escapeAttr = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

// The offline page of the address's language, made to work at any address: its links resolve from its own folder
// (<base>), "try again" opens the address asked for.
function offlinePage(cache, request) {
  const path = new URL(request.url).pathname.slice(new URL(self.registration.scope).pathname.length);
  const page = OFFLINE && OFFLINE[path.startsWith("en/") ? "en" : "vi"];
  const base = page && new URL(page, self.registration.scope).href;
  return (page ? cache.match(page) : Promise.resolve(undefined)).then((hit) => hit && hit.text().then((text) => new Response(
    text.replace("<head>", `<head><base href="${escapeAttr(base)}">`)
      .replace('href="" data-retry', `href="${escapeAttr(request.url)}" data-retry`),
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } })));
}

// Pages and data: the network first, so a reader online always gets the current figures; the saved copy when the
// network fails or has not answered within NETWORK_TIMEOUT_MS; for a page never saved, the offline page.
function networkFirst(event) {
  const request = event.request;
  return caches.open(CACHE).then((cache) => new Promise((resolve, reject) => {
    let done = false;
    const answer = (response) => { if (!done) { done = true; resolve(response); } };
    const fallback = () => cache.match(request, { ignoreSearch: true })
      .then((hit) => hit || (request.mode === "navigate" ? offlinePage(cache, request) : undefined))
      .then((hit) => { if (hit) answer(hit); return hit; });
    const timer = setTimeout(fallback, NETWORK_TIMEOUT_MS);
    // "no-cache": revalidate with the server even if the host's headers let the HTTP cache keep an old copy
    // (GitHub Pages: 10 minutes), so new figures show at once.
    const network = fetch(request, { cache: "no-cache", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }).then((response) => {
      clearTimeout(timer);
      const saved = response.ok ? cache.put(request, response.clone()) : Promise.resolve();
      answer(response);
      return saved;
    }, () => {
      clearTimeout(timer);
      return fallback().then((hit) => { if (!hit && !done) { done = true; reject(new TypeError("offline and not cached")); } });
    });
    event.waitUntil(network.catch(() => undefined)); // a late answer still refreshes the saved copy
  }));
}

// "warm": cache the other pages of the reader's language, one at a time, skipping those already cached.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "warm") return;
  const en = event.data.lang === "en";
  const todo = PAGES.filter((url) => url.startsWith("en/") === en);
  // A newer build waiting to take over stops the warming: this worker's cache is about to be deleted.
  const superseded = () => Boolean(self.registration.installing || self.registration.waiting);
  // Each page gets WARM_TIMEOUT_MS, so warming always ends.
  const fetchPage = (cache, url) => fetch(url, { signal: AbortSignal.timeout(WARM_TIMEOUT_MS) })
    .then((response) => response.ok ? cache.put(url, response) : undefined);
  event.waitUntil(caches.open(CACHE).then((cache) => todo.reduce((done, url) => done.then(() => superseded() ? undefined :
    cache.match(url).then((hit) => hit || fetchPage(cache, url)).catch(() => undefined)), Promise.resolve())));
});

function cacheFirst(request) {
  return caches.match(request).then((hit) => hit || fetch(request, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // The office's server log counts these (scripts/report.py): short paths of QR codes and staff links (q/<code>/) and
  // the beacon files (q/_/<event>.gif). Always the network, never the cache; offline, a short path shows the offline
  // page and a beacon fails silently (beacon.js sends nothing offline anyway).
  if (url.pathname.startsWith(new URL("q/", self.registration.scope).pathname)) {
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => offlinePage(cache, request))
        .then((page) => page || Response.error())));
    }
    return;
  }
  // A page asking for "no-store" wants the server's copy and nothing else (calculator/policy.js, when the saved
  // policy.json is of another build than the page): the browser fetches it without the worker.
  if (request.cache === "no-store") return;
  const fresh = request.mode === "navigate" || /(\.json|\.html|\/)$/.test(url.pathname);
  event.respondWith(fresh ? networkFirst(event) : cacheFirst(request));
});
