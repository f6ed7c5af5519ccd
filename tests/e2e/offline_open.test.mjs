// The page itself opens without a network (service worker, shell/browser/sw.js): a GP on a laptop
// with no connection reloads the portal and keeps working; a new deploy reaches them at the next
// opening, never as app.js from one build with app.wasm from another. The real alis-sync, the real
// app, Chromium. The server serves a copy of the built site, so a test can deploy a new build into it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiLogin, apiPull } from './lib/api.mjs';

const builtSite = process.env.ALIS_WEB_ROOT ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/web/site');
const site = mkdtempSync(path.join(tmpdir(), 'alis-site-'));
cpSync(builtSite, site, { recursive: true });
process.env.ALIS_WEB_ROOT = site;  // read by lib/portal.mjs when it is first imported, just below
const {
  startServer, launchBrowser, waitForFrame, portalState, clickLabel, labels, screenshot, typeInto, nextFrames,
  waitForSync, logIn,
} = await import('./lib/portal.mjs');
const { fillProfile, addFreeTime } = await import('./lib/gp_steps.mjs');

const PASSWORD = 'demo-passord-2027';
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  rmSync(site, { recursive: true, force: true });
});

async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

// Reloads with no network; the page must come from the service worker, and the app must draw.
async function reloadOffline(page) {
  // Every change committed to IndexedDB first (shell/browser/store.js).
  await page.waitForFunction(() => !Module.alisUnsaved());
  const response = await page.reload();
  assert.ok(response, 'the reload got a page');
  assert.equal(response.status(), 200);
  assert.ok(response.fromServiceWorker(), 'the page came from the service worker, not the network');
  const state = await waitForFrame(page);
  await waitForSync(page, () => !Module.alisTestState().sync.online, 'noticed offline');
  return state;
}

// What the browser's caches hold: the shell only, never an API answer.
async function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls.sort();
  });
}

test('with no network and the server stopped, the page opens logged in with the GP data, and offline changes survive a reload', async () => {
  const server = await startServer(['--demo']);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let serverRunning = true;
  try {
    await logIn(page, server.url, 'demo-lege', PASSWORD);
    const user = (await portalState(page)).user;
    await fillProfile(page);
    await addFreeTime(page, '01.01.2027', '30.06.2027');
    await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'free time sent');
    await waitForServiceWorker(page);
    assert.deepEqual(await cachedUrls(page), ['/app.js', '/app.wasm', '/boot.js', '/icon.svg', '/index.html', '/manifest.webmanifest', '/style.css']);

    await context.setOffline(true);
    await server.stop();
    serverRunning = false;
    let state = await reloadOffline(page);
    assert.equal(state.screen, 'home', 'still logged in');
    assert.equal(state.user, user);
    await clickLabel(page, 'Ledig tid');
    await nextFrames(page);
    assert.ok(labels(await portalState(page)).includes('01.01.2027'), 'the free time sent earlier is shown');

    await addFreeTime(page, '01.09.2027', '31.12.2027');
    assert.equal((await portalState(page)).sync.pending, 1);
    state = await reloadOffline(page);
    assert.equal(state.screen, 'home');
    assert.equal(state.sync.pending, 1, 'the offline change is still waiting after the second reload');
    await clickLabel(page, 'Ledig tid');
    await nextFrames(page);
    const shown = labels(await portalState(page));
    assert.ok(shown.includes('01.01.2027') && shown.includes('01.09.2027'), `both spans shown: ${shown.join(' | ')}`);
    await screenshot(page, 'offline-opened');
  } finally {
    await context.close();
    if (serverRunning) await server.stop();
  }
});

test('a change made after an offline reload reaches the server when the network is back', async () => {
  const server = await startServer(['--demo']);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await logIn(page, server.url, 'demo-lege2', PASSWORD);
    await fillProfile(page);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const state = await reloadOffline(page);
    assert.equal(state.screen, 'home');
    await addFreeTime(page, '01.03.2027', '31.08.2027');
    assert.equal((await portalState(page)).sync.pending, 1);

    await context.setOffline(false);
    await clickLabel(page, 'Synkroniser nå');
    await waitForSync(page, () => Module.alisTestState().sync.pending === 0 && Module.alisTestState().sync.online, 'offline change sent');
    const gp = await apiLogin(server.url, 'demo-lege2', PASSWORD);
    const changes = (await apiPull(server.url, gp)).changes;
    const spans = changes.filter((c) => c.kind === 'available_time' && !c.deleted && c.body.doctor_id === gp.user.doctor_id);
    assert.deepEqual(spans.map((c) => [c.body.start, c.body.end]), [['2027-03-01', '2027-08-31']]);
    assert.ok(!(await cachedUrls(page)).some((p) => p.startsWith('/api')), 'no API answer was cached');
  } finally {
    await context.close();
    await server.stop();
  }
});

// A deploy into the served folder, as write_site.cmake would write it: a new build id in index.html
// and sw.js, every file's hash in sw.js. `wasm` is the new app.wasm; with `wasmLate` it is copied only
// after sw.js and index.html, as a slow or interrupted deploy would leave the folder for a while.
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
function deploy({ wasm, wasmLate = false }) {
  const file = (name) => path.join(site, name);
  const oldBuild = readFileSync(file('sw.js'), 'utf8').match(/const BUILD = '([0-9a-f]+)'/)[1];
  const build = sha256(wasm).slice(0, 16);
  const page = readFileSync(file('index.html'), 'utf8').replaceAll(oldBuild, build);
  let worker = readFileSync(file('sw.js'), 'utf8').replaceAll(oldBuild, build);
  const files = JSON.parse(worker.match(/JSON\.parse\('(.*?)'\)/)[1]);
  files['/index.html'] = sha256(page);
  files['/app.wasm'] = sha256(wasm);
  worker = worker.replace(/JSON\.parse\('(.*?)'\)/, `JSON.parse('${JSON.stringify(files)}')`);
  if (!wasmLate) writeFileSync(file('app.wasm'), wasm);
  writeFileSync(file('index.html'), page);
  writeFileSync(file('sw.js'), worker);
  return { build, copyWasm: () => writeFileSync(file('app.wasm'), wasm) };
}

// A valid module that differs from the built one: the same code plus a custom section (ignored by
// the engine), so the app still runs and the two builds can be told apart by size.
function wasmWithCustomSection(wasm, name) {
  const payload = Buffer.from(name);
  const body = Buffer.concat([Buffer.from([payload.length]), payload]);
  return Buffer.concat([wasm, Buffer.from([0, body.length]), body]);
}

// Asks the browser to look for a new sw.js now and says how the new worker ended: 'activated',
// 'redundant' (its install failed), or 'none' (nothing new). Chromium carries out the first check
// only about a minute after the worker was registered (seen here, with or without update()), so the
// deploy test takes that long.
async function checkForUpdate(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update().catch(() => {});
    const worker = registration.installing || registration.waiting;
    if (!worker) return 'none';
    return new Promise((resolve) => {
      const check = () => { if (worker.state === 'activated' || worker.state === 'redundant') resolve(worker.state); };
      worker.addEventListener('statechange', check);
      check();
    });
  });
}

// What a page of the given build gets when it asks for app.wasm, through the service worker.
async function wasmSizeFor(page, build) {
  return page.evaluate(async (b) => (await (await fetch(`app.wasm?build=${b}`)).arrayBuffer()).byteLength, build);
}

test('a new deploy reaches the GP at the next opening, app.js and app.wasm always from one build', async () => {
  const server = await startServer(['--demo']);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const oldWasm = readFileSync(path.join(site, 'app.wasm'));
  try {
    await page.goto(server.url);
    await waitForFrame(page);
    await waitForServiceWorker(page);
    const oldBuild = await page.evaluate(() => alisBuild);

    // sw.js and index.html of the new build are out, its app.wasm not yet: the new worker refuses
    // to install, and the page keeps opening as the old build, whole.
    const next = deploy({ wasm: wasmWithCustomSection(oldWasm, 'alis-test-deploy'), wasmLate: true });
    assert.equal(await checkForUpdate(page), 'redundant');
    await page.reload();
    await waitForFrame(page);
    assert.equal(await page.evaluate(() => alisBuild), oldBuild);
    assert.equal(await wasmSizeFor(page, oldBuild), oldWasm.length);

    // The deploy completes: the new worker installs and takes over. The page that is open still gets
    // its own build's app.wasm; the next opening is the new build, with the new app.wasm.
    next.copyWasm();
    assert.equal(await checkForUpdate(page), 'activated');
    assert.equal(await wasmSizeFor(page, oldBuild), oldWasm.length);
    await page.reload();
    await waitForFrame(page);
    assert.equal(await page.evaluate(() => alisBuild), next.build);
    assert.equal(await wasmSizeFor(page, next.build), oldWasm.length + 2 + 1 + 'alis-test-deploy'.length);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname + new URL(e.name).search));
    assert.ok(loaded.includes(`/app.js?build=${next.build}`) && loaded.includes(`/app.wasm?build=${next.build}`), loaded.join(' '));
  } finally {
    await context.close();
    await server.stop();
  }
});
