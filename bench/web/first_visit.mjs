// Bytes a first visit downloads: a fresh browser context opens the portal through a counting proxy
// and waits until the service worker has precached the whole page. Printed beside what the site's
// files weigh (raw, gzip -9 and Brotli copies) in the same run, so "the app once, compressed" can be
// read off: Chromium asks for gzip over plain http, Brotli only over https.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser } from '../../tests/e2e/lib/portal.mjs';
import { startCountingProxy } from '../../tests/e2e/lib/counting_proxy.mjs';

const site = process.env.ALIS_WEB_ROOT ?? 'build/web/site';
const shell = ['index.html', 'boot.js', 'style.css', 'app.js', 'app.wasm', 'manifest.webmanifest', 'icon.svg', 'sw.js'];
const size = (f) => (existsSync(f) ? readFileSync(f).length : 0);
const sum = (suffix) => shell.reduce((n, name) => n + (size(path.join(site, name + suffix)) || size(path.join(site, name))), 0);
const mb = (n) => (n / 1048576).toFixed(2);
// How many files the service worker precaches: the keys of its SHELL_FILES.
const shellFiles = Object.keys(JSON.parse(readFileSync(path.join(site, 'sw.js'), 'utf8').match(/JSON\.parse\('(.*?)'\)/)[1])).length;

const proxy = await startCountingProxy();
// ALIS_OLD_SERVER=1: a server from before --public-url (a reference measurement of an older build).
const server = await startServer(process.env.ALIS_OLD_SERVER ? [] : ['--public-url', proxy.url]);
proxy.setTarget(Number(new URL(server.url).port));
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(proxy.url);
  // page.waitForFunction does not await an async predicate: poll page.evaluate, which does.
  for (let tries = 0; ; ++tries) {
    const done = await page.evaluate(async (expected) => {
      const reg = await navigator.serviceWorker.getRegistration();
      if (!reg || !reg.active) return false;
      const name = (await caches.keys()).find((k) => k.startsWith('alis-shell-'));
      return name ? (await (await caches.open(name)).keys()).length >= expected : false;
    }, shellFiles);
    if (done) break;
    if (tries > 600) throw new Error('the service worker did not precache the page within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const count = (p) => proxy.requestsFor(p).length;
  if (process.env.ALIS_VERBOSE) console.log(proxy.stats.requests.map((r) => `${r.method} ${r.target}`).join('\n'));
  console.log(`first visit (page + service worker precache): ${mb(proxy.stats.bytesToBrowser)} MB from the server in ` +
    `${proxy.stats.requests.length} requests; app.js asked ${count('/app.js')}x, app.wasm ${count('/app.wasm')}x`);
  console.log(`  the shell files in the same run: ${mb(sum(''))} MB raw, ${mb(sum('.gz'))} MB gzip -9, ${mb(sum('.br'))} MB Brotli`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  await proxy.close();
}
