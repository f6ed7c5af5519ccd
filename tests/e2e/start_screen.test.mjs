// The portal as a newcomer first meets it: the real server, the real WebAssembly app, real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, waitForFrame, portalState, clickLabel, labels, screenshot, nextFrames } from './lib/portal.mjs';

const portal = usePortal();

test('the server reports its health as JSON, and only its status to a stranger', async () => {
  const res = await fetch(`${portal.server.url}/api/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
  const wasm = await fetch(`${portal.server.url}/app.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
});

test('the start screen draws in bokmål and switches language on click', async () => {
  const page = await portal.browser.newPage({ viewport: { width: 1280, height: 860 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(portal.server.url);
  let state = await waitForFrame(page);
  assert.equal(state.screen, 'start');
  assert.equal(state.language, 'nb');
  for (const label of ['ALIS-portalen Vest', 'Logg inn', 'Registrer deg som fastlege', 'For fastleger', 'For kommuner']) {
    assert.ok(labels(state).includes(label), `missing "${label}"`);
  }
  assert.ok(labels(state).some((l) => l.includes('læringsmålene')), 'Norwegian text with æ, ø, å is shown');
  await screenshot(page, 'start-nb');

  await clickLabel(page, 'English');
  await page.waitForFunction(() => Module.alisTestState().language === 'en');
  await nextFrames(page);
  state = await portalState(page);
  assert.ok(labels(state).includes('Log in'));
  assert.ok(!labels(state).includes('Logg inn'));
  await screenshot(page, 'start-en');

  await clickLabel(page, 'Nynorsk');
  await page.waitForFunction(() => Module.alisTestState().language === 'nn');
  await nextFrames(page);
  assert.ok(labels(await portalState(page)).includes('For fastlegar'));
  await screenshot(page, 'start-nn');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the language choice survives a reload (IndexedDB)', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await clickLabel(page, 'English');
  await page.waitForFunction(() => Module.alisTestState().language === 'en');
  // The flush to IndexedDB is asynchronous: wait until the database holds the file.
  await page.waitForFunction(() => !Module.alisUnsaved());
  await page.reload();
  const state = await waitForFrame(page);
  assert.equal(state.language, 'en');
  await context.close();
});

test('at devicePixelRatio 2 the canvas backing store is twice its CSS size', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  const state = await waitForFrame(page);
  assert.equal(state.canvas.width, 1600);
  assert.equal(state.canvas.height, 1200);
  const css = await page.evaluate(() => { const r = document.getElementById('canvas').getBoundingClientRect(); return [r.width, r.height]; });
  assert.deepEqual(css, [800, 600]);
  await clickLabel(page, 'English');
  await page.waitForFunction(() => Module.alisTestState().language === 'en');
  await screenshot(page, 'start-en-dpr2');
  await context.close();
});
