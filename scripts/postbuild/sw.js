// The service worker: offline use after one visit. Source of site/sw.js, filled in at build time by
// scripts/postbuild/offline.py (see its docstring for what is cached and how).
"use strict";
// Filled in by scripts/postbuild/offline.py: the cache name (a hash of the build), the files precached on install,
// the other pages (cached in the background, "warm") and the cache-name prefix shared by every build.
const { CACHE, PRECACHE, PAGES, PREFIX } = /* BUILD */ { CACHE: "bhxh-dev", PRECACHE: [], PAGES: [], PREFIX: "bhxh-" };
const NETWORK_TIMEOUT_MS = 4000;
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

function networkFirst(request) {
  return caches.open(CACHE).then((cache) => new Promise((resolve, reject) => {
    let done = false;
    const answer = (response) => { if (!done) { done = true; resolve(response); } };
    const fromCache = () => cache.match(request, { ignoreSearch: true }).then((hit) => { if (hit) answer(hit); return hit; });
    const timer = setTimeout(fromCache, NETWORK_TIMEOUT_MS);
    // "no-cache": revalidate with the server even if the host's headers let the HTTP cache keep an old copy
    // (GitHub Pages: 10 minutes), so new figures show at once.
    fetch(request, { cache: "no-cache", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }).then((response) => {
      clearTimeout(timer);
      if (response.ok) cache.put(request, response.clone());
      answer(response);
    }, () => {
      clearTimeout(timer);
      fromCache().then((hit) => { if (!hit && !done) { done = true; reject(new TypeError("offline and not cached")); } });
    });
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
  const fresh = request.mode === "navigate" || /(\.json|\.html|\/)$/.test(url.pathname);
  event.respondWith(fresh ? networkFirst(request) : cacheFirst(request));
});
