// The portal's service worker: the page itself (index.html, boot.js, style.css, app.js, app.wasm,
// manifest, icon) opens without a network. The app's data is not handled here: it lives in IndexedDB
// and the app syncs it itself, so /api/* is never cached or intercepted.
//
// Strategy: one cache per build, filled whole or not at all, served cache-first.
// - The build step (shell/browser/write_site.cmake) writes the build id and every shell file's
//   SHA-256 into this file and the build id into index.html, which asks for app.js?build=ID and
//   app.wasm?build=ID. Any new deploy therefore changes sw.js byte-wise, and the browser installs it
//   (it checks sw.js on every navigation; the server sends it with Cache-Control: no-cache).
// - Install downloads every file and checks its hash; a file from another build (a deploy while we
//   download) fails the install, the old worker stays, and the browser tries again on the next visit.
//   So a cache never holds app.js from one build with app.wasm from another.
// - A page asks for app.js and app.wasm by its own build id and gets them from that build's cache,
//   even when a newer worker took over while it was loading. The newest two caches are kept.
// - skipWaiting + clients.claim: the new build is used at the very next opening of the page, not
//   only after every tab was closed. An open page keeps running the build it started with (it has
//   app.js and app.wasm in memory and loads nothing else from the shell).
// Network-first was not chosen: on a bad hospital or train connection it waits for timeouts before
// falling back, and it fetches app.js and app.wasm separately, so they could come from two builds.
'use strict';

const BUILD = '@ALIS_BUILD@';
const SHELL_FILES = JSON.parse('@ALIS_SHELL_FILES@');  // path -> SHA-256 (hex) of this build's file
const CACHE_PREFIX = 'alis-shell-';
const CACHE = CACHE_PREFIX + BUILD;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

// The files the page asks for by build id (index.html: style.css, boot.js; boot.js: app.js, app.wasm).
const BY_BUILD = new Set(['/app.js', '/app.wasm', '/boot.js', '/style.css']);

async function download(path) {
  // This build's files by the very URL the page used, through the HTTP cache: the server marks them
  // immutable, so a first visit downloads the app once, not again here. The rest (index.html, the
  // manifest, the icon) are revalidated: the HTTP cache answers only after the server confirmed
  // (a 304 costs no body). The hash check below catches a file from another build either way.
  const url = BY_BUILD.has(path) ? `${path}?build=${BUILD}` : path;
  const response = await fetch(url, { cache: BY_BUILD.has(path) ? 'default' : 'no-cache', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`ALIS: ${path} answered ${response.status}`);
  const digest = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
  if (digest !== SHELL_FILES[path]) {
    throw new Error(`ALIS: ${path} is not from build ${BUILD} (a new version is being deployed); trying again later`);
  }
  return response;
}

async function precache() {
  const responses = await Promise.all(Object.keys(SHELL_FILES).map(download));
  const cache = await caches.open(CACHE);
  await Promise.all(Object.keys(SHELL_FILES).map((path, i) => cache.put(path, responses[i])));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting(), async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

// Keeps this build's cache and the one before it (a page may still be loading from it); the rest go.
async function dropOldCaches() {
  const ours = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
  await Promise.all(ours.slice(0, -1).map((name) => caches.delete(name)));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOldCaches().then(() => self.clients.claim()));
});

async function fromCache(cacheName, path, request) {
  if (await caches.has(cacheName)) {
    const hit = await (await caches.open(cacheName)).match(path);
    if (hit) return hit;
  }
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;  // the app syncs by itself
  const path = url.pathname === '/' ? '/index.html' : url.pathname;
  if (!Object.prototype.hasOwnProperty.call(SHELL_FILES, path)) return;
  // The page's own build for app.js and app.wasm; the newest build for the page itself.
  const build = url.searchParams.get('build');
  const cacheName = build && /^[0-9a-f]+$/.test(build) ? CACHE_PREFIX + build : CACHE;
  event.respondWith(fromCache(cacheName, path, request));
});
