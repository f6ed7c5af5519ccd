// Starts the real alis-sync serving the built web app, and Debian's Chromium driven by
// playwright-core, for end-to-end tests. Everything listens on 127.0.0.1 and is stopped by the test.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const artifactsDir = process.env.ALIS_ARTIFACTS ?? path.join(root, 'artifacts', 'e2e');
const serverBin = process.env.ALIS_SYNC_BIN ?? path.join(root, 'build/native/sync/alis-sync');
const webRoot = process.env.ALIS_WEB_ROOT ?? path.join(root, 'build/web/site');

export async function startServer(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'alis-e2e-'));
  const child = spawn(serverBin, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--web-root', webRoot, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`alis-sync did not start within 20 s:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`alis-sync exited with ${code}:\n${output}`)); });
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'alis-chromium-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => { await close(); rmSync(userDataDir, { recursive: true, force: true }); };
  return browser;
}

// What the app's last frame showed (see web/app.hpp), through the shell's test hook.
export async function portalState(page) {
  return page.evaluate(() => (window.Module && Module.calledRun && Module._alis_test_state) ? Module.alisTestState() : null);
}

export async function waitForFrame(page, minFrame = 2) {
  await page.waitForFunction((n) => {
    if (!window.Module || !Module.calledRun || !Module._alis_test_state) return false;
    return Module.alisTestState().frame >= n;
  }, minFrame, { timeout: 20000 });
  return portalState(page);
}

export function labels(state) {
  return state.items.map((item) => item.label);
}

// Clicks an ImGui item where a person would: in the middle of its rectangle, found by its label.
// Item rectangles are in canvas pixels; the page's mouse works in CSS pixels.
// An item below the bottom of the canvas (a long page) is scrolled up with the mouse wheel first,
// as a person scrolls to a button before clicking it.
// With `role`, only an item of that role: a field rather than a column header of the same name
// ("Fra" over a table of periods).
export async function clickLabel(page, label, role = null) {
  const wanted = (i) => i.label === label && (!role || i.role === role);
  let state = await portalState(page);
  let item = state.items.find(wanted);
  if (!item) {
    // The items are those of the last frame drawn (the state's screen is that frame's too), but a
    // state the test waited for (an answer from the server, a flag) can be ahead of them until the
    // app has drawn it.
    await nextFrames(page);
    state = await portalState(page);
    item = state.items.find(wanted);
  }
  const ratio = state.canvas.pixel_ratio || 1;
  for (let i = 0; item && i < 50 && item.y + item.h > state.canvas.height; i++) {
    await page.mouse.move(state.canvas.width / 2 / ratio, (state.canvas.height * 0.75) / ratio);
    await page.mouse.wheel(0, 400);
    await nextFrames(page);
    state = await portalState(page);
    item = state.items.find(wanted);
  }
  if (!item) throw new Error(`no item labelled "${label}"; visible: ${labels(state).join(' | ')}`);
  if (item.y + item.h > state.canvas.height) throw new Error(`"${label}" stays below the bottom of the page after scrolling`);
  await page.mouse.move((item.x + item.w / 2) / ratio, (item.y + item.h / 2) / ratio);
  const before = (await portalState(page)).frame;
  await page.mouse.down();
  await page.mouse.up();
  // ImGui (1.86) reads the pointer's place once a frame: a next move before the frames that take the
  // press and the release would carry the click away with it (under load, a click was lost so).
  // A click that reloads the page ends the wait with it.
  await page.waitForFunction((f) => !window.Module || !Module.calledRun || Module.alisTestState().frame >= f + 2,
    before, { timeout: 5000 }).catch(() => {});
}

// Clicks a text field by its label and types into it with the keyboard.
export async function typeInto(page, label, text) {
  await clickLabel(page, label, 'textbox');
  // The app focuses its hidden text field in the frame after the click activates the ImGui field.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'alis-text-input');
  await page.keyboard.type(text);
  await nextFrames(page);
}

// Waits until the app has drawn everything sent to it so far and settled. The shell draws only
// when something may have changed, so there is no frame rate to count on; instead it says whether
// it wants another frame: false once every event it received (input, an answer, a flush) has been
// drawn and the picture stopped changing. Input is counted when its event is dispatched, which
// Playwright's mouse and keyboard calls wait for.
export async function nextFrames(page, timeout = 20000) {
  await page.waitForFunction(() => !Module.alisTestState().frame_wanted, null, { timeout });
}

export async function waitForSync(page, predicate, what, timeout = 20000) {
  await page.waitForFunction(predicate, null, { timeout }).catch(async (e) => {
    throw new Error(`${what}: ${e.message}\nstate: ${JSON.stringify((await portalState(page)).sync)}`);
  });
}

// Waits until an item in the portal's last frame has a label containing `text` (with exact: true,
// a label equal to it), or with present: false until none has. Names what was visible on giving up.
export async function waitForLabel(page, text, { present = true, exact = false, timeout = 20000 } = {}) {
  await page.waitForFunction(([t, want, whole]) => Module.alisTestState().items.some(
    (i) => (whole ? i.label === t : i.label.includes(t))) === want, [text, present, exact], { timeout }).catch(async (e) => {
    throw new Error(`waiting for "${text}" ${present ? 'to show' : 'to go'}: ${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
}

// The API unreachable (as offline for the app) while the page itself still loads.
export async function cutApi(page) {
  await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
}
export async function restoreApi(page) {
  await page.unroute('**/api/**');
}

export async function logIn(page, baseUrl, username, password) {
  await page.goto(baseUrl);
  await waitForFrame(page);
  await clickLabel(page, 'Logg inn');
  await nextFrames(page);
  await typeInto(page, 'Brukernavn', username);
  await typeInto(page, 'Passord', password);
  await clickLabel(page, 'Logg inn');
  await page.waitForFunction(() => Module.alisTestState().screen === 'home', null, { timeout: 15000 }).catch(async (e) => {
    throw new Error(`log-in as ${username}: ${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
  await waitForSync(page, () => Module.alisTestState().sync.last_sync !== '', 'first sync');
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// The real alis-sync (with `extraArgs`) and Chromium for the tests of one file: started before the
// first test, then `setUp()` (seed data) runs; stopped after the last. The returned object holds them.
export function usePortal(extraArgs = [], setUp = async () => {}) {
  const portal = { server: null, browser: null };
  before(async () => {
    portal.server = await startServer(extraArgs);
    portal.browser = await launchBrowser();
    await setUp();
  });
  after(async () => {
    await portal.browser?.close();
    await portal.server?.stop();
  });
  return portal;
}
