// The page under its Content-Security-Policy, and the static files as a real web server sends them:
// the app boots with no CSP violation, this build's files are compressed and immutable, and a first
// visit downloads app.js and app.wasm once (the service worker's precache reuses the HTTP cache).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, launchBrowser, waitForFrame } from './lib/portal.mjs';
import { startCountingProxy } from './lib/counting_proxy.mjs';

let server;
let proxy;
let browser;

before(async () => {
  proxy = await startCountingProxy();
  // The page is opened through the proxy, so the proxy's address is the portal's public URL.
  server = await startServer(['--public-url', proxy.url]);
  proxy.setTarget(Number(new URL(server.url).port));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await proxy?.close();
});

// Waits until the service worker's cache of this build holds every shell file.
async function waitForPrecache(page) {
  // page.waitForFunction does not await an async predicate: poll page.evaluate, which does.
  for (let tries = 0; ; ++tries) {
    const done = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      if (!reg || !reg.active) return false;
      const name = (await caches.keys()).find((k) => k.startsWith('alis-shell-'));
      return name ? (await (await caches.open(name)).keys()).length >= 7 : false;  // sw.js's SHELL_FILES
    });
    if (done) break;
    if (tries > 600) throw new Error('the service worker did not precache the page within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the app boots under the CSP without a violation, and a first visit downloads the app once', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    window.alisCspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.alisCspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  proxy.reset();
  const response = await page.goto(proxy.url);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.ok(!csp.includes('unsafe-inline'), csp);
  assert.equal(response.headers()['server'], 'alis-sync');
  assert.equal(response.headers()['cache-control'], 'no-cache');
  await waitForFrame(page);
  await waitForPrecache(page);
  assert.deepEqual(await page.evaluate(() => window.alisCspViolations), []);
  assert.deepEqual(problems, []);

  // The page and the worker together asked the server for each file of the app once.
  assert.equal(proxy.requestsFor('/app.wasm').length, 1, JSON.stringify(proxy.stats.requests));
  assert.equal(proxy.requestsFor('/app.js').length, 1, JSON.stringify(proxy.stats.requests));
  const wasmBytes = await page.evaluate(async () => (await (await fetch(`app.wasm?build=${alisBuild}`)).arrayBuffer()).byteLength);
  console.log(`first visit: ${(proxy.stats.bytesToBrowser / 1048576).toFixed(2)} MB from the server ` +
    `(app.wasm alone is ${(wasmBytes / 1048576).toFixed(2)} MB uncompressed), ${proxy.stats.requests.length} requests`);
  assert.ok(proxy.stats.bytesToBrowser < wasmBytes, 'the app came compressed, and once');
  await context.close();
});

test("this build's files are compressed and immutable; the page and the worker are revalidated with 304", async () => {
  // From Node's http (fetch may not set Accept-Encoding), not the page: its service worker would
  // answer from its cache.
  const page = await (await fetch(`${server.url}/`)).text();
  const build = page.match(/app\.js\?build=([0-9a-f]+)/)[1];
  const get = (p, extra = {}) => new Promise((resolve, reject) => {
    http.get(`${server.url}${p}`, { headers: { 'accept-encoding': 'br, gzip', ...extra } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: { get: (h) => res.headers[h] ?? null } }));
    }).on('error', reject);
  });
  for (const p of [`/app.wasm?build=${build}`, `/app.js?build=${build}`, `/boot.js?build=${build}`, `/style.css?build=${build}`]) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', p);
    assert.equal(r.headers.get('content-encoding'), 'br', p);
    assert.equal(r.headers.get('vary'), 'Accept-Encoding', p);
    assert.match(r.headers.get('etag'), /^"[0-9a-f]{32}"$/, p);
    const gz = await get(p, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip', p);
    assert.notEqual(gz.headers.get('etag'), r.headers.get('etag'), p);
  }
  // Another build id (an old page after a deploy) is not pinned for a year.
  assert.equal((await get('/app.wasm?build=0000000000000000')).headers.get('cache-control'), 'no-cache');
  for (const p of ['/', '/sw.js', '/manifest.webmanifest']) {
    const r = await get(p);
    assert.equal(r.headers.get('cache-control'), 'no-cache', p);
    // A revalidation costs no body.
    const again = await get(p, { 'if-none-match': r.headers.get('etag') });
    assert.equal(again.status, 304, p);
  }
});
