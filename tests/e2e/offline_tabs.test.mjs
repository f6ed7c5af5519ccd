// Offline without loss, as users do it, with the real alis-sync and Debian's Chromium on a persistent
// profile: two tabs of one GP, a browser killed right after a change was saved on the machine, a
// write the storage refuses, and a forked client. See docs/sync-protocol.md section 4.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import {
  startServer, waitForFrame, portalState, clickLabel, labels, typeInto, nextFrames, waitForSync, logIn,
  cutApi, restoreApi,
} from './lib/portal.mjs';
import { apiLogin, apiPull } from './lib/api.mjs';
import { fillProfile, addFreeTime } from './lib/gp_steps.mjs';

const PASSWORD = 'demo-passord-2027';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
let server;  // each test starts its own, so every GP starts with no free time

async function withServer(body) {
  server = await startServer(['--demo']);
  try {
    await body();
  } finally {
    await server.stop();
  }
}

async function persistentContext() {
  const dir = mkdtempSync(path.join(tmpdir(), 'alis-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 },
  });
  return { context, async close() { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function openPortal(context) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.Module && Module.calledRun && Module._alis_test_state &&
    Module.alisTestState().screen === 'home', null, { timeout: 20000 });
  return page;
}

// Waits until the page's free-time list shows every span (by its start date, as the list shows it).
async function waitShows(page, starts, what) {
  await page.bringToFront();
  await nextFrames(page);
  await clickLabel(page, 'Ledig tid');
  await page.waitForFunction((want) => {
    const shown = Module.alisTestState().items.map((i) => i.label);
    return want.every((s) => shown.includes(s));
  }, starts, { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${what}: ${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
}

// The GP's spans on the server, as [start, end], sorted.
async function serverSpans(username) {
  const gp = await apiLogin(server.url, username, PASSWORD);
  return (await apiPull(server.url, gp)).changes
    .filter((c) => c.kind === 'available_time' && !c.deleted && c.body.doctor_id === gp.user.doctor_id)
    .map((c) => [c.body.start, c.body.end]).sort();
}

async function waitServerHas(username, starts, what) {
  for (let i = 0; i < 200; i++) {
    const spans = await serverSpans(username);
    if (starts.every((s) => spans.some(([start]) => start === s))) return spans;
    await sleep(100);
  }
  throw new Error(`${what}: the server has ${JSON.stringify(await serverSpans(username))}`);
}

test('two tabs of one GP: offline, reloaded, one closed, then both adding within a second: nothing is lost', () => withServer(async () => {
  const { context, close } = await persistentContext();
  try {
    const a = await context.newPage();
    await logIn(a, server.url, 'demo-lege', PASSWORD);
    await fillProfile(a);
    const b = await openPortal(context);
    assert.notEqual((await portalState(a)).sync.client_id, (await portalState(b)).sync.client_id,
      'every tab is its own client');

    await cutApi(a);
    await cutApi(b);
    await addFreeTime(a, '01.01.2027', '30.06.2027');
    await addFreeTime(b, '01.09.2027', '31.12.2027');
    await waitShows(a, ['01.01.2027', '01.09.2027'], 'tab A shows both offline');
    await waitShows(b, ['01.01.2027', '01.09.2027'], 'tab B shows both offline');

    // Every change committed first: a page with an unsaved change asks before it unloads.
    for (const page of [a, b]) await page.waitForFunction(() => !Module.alisUnsaved());
    await b.reload();
    await waitForFrame(b);
    await a.reload();
    await waitForFrame(a);
    await waitShows(a, ['01.01.2027', '01.09.2027'], 'tab A shows both after the reloads');
    await waitShows(b, ['01.01.2027', '01.09.2027'], 'tab B shows both after the reloads');

    await a.close();
    await restoreApi(b);
    await b.bringToFront();
    await clickLabel(b, 'Synkroniser nå');
    await waitServerHas('demo-lege', ['2027-01-01', '2027-09-01'], 'both offline spans reach the server');

    // Online, a new tab beside B, and a change in each, one right after the other (well within the
    // 15 s before either pulls again).
    const c = await openPortal(context);
    await addFreeTime(c, '01.09.2028', '31.12.2028');
    await addFreeTime(b, '01.01.2028', '30.06.2028');
    const all = ['2027-01-01', '2027-09-01', '2028-01-01', '2028-09-01'];
    assert.equal((await waitServerHas('demo-lege', all, 'both online spans reach the server')).length, 4);
    const shown = ['01.01.2027', '01.09.2027', '01.01.2028', '01.09.2028'];
    await waitShows(b, shown, 'tab B shows all four');
    await waitShows(c, shown, 'tab C shows all four');
    for (const page of [b, c]) {
      await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'nothing left waiting');
    }
  } finally {
    await close();
  }
}));

// Chromium started by the test itself, so that its process can be killed by pid.
async function launchKillable(dir) {
  const child = spawn(CHROMIUM, ['--headless', `--user-data-dir=${dir}`, '--remote-debugging-port=0',
    '--window-size=1280,900', ...FLAGS, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  const ws = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`Chromium did not start:\n${output}`)); }, 20000);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const m = output.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const browser = await chromium.connectOverCDP(ws);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { browser, context: browser.contexts()[0], child, exited };
}

test('the browser killed 0, 50, 200 and 1000 ms after "lagret på denne maskinen", three times each: every change survives and is sent', () => withServer(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'alis-profile-'));
  let run;
  try {
    run = await launchKillable(dir);
    let page = await run.context.newPage();
    await logIn(page, server.url, 'demo-lege2', PASSWORD);
    await fillProfile(page);
    await (await run.browser.newBrowserCDPSession()).send('Browser.close');  // cookies written
    await run.exited;

    const delays = [0, 50, 200, 1000, 0, 50, 200, 1000, 0, 50, 200, 1000];  // three kills at each delay
    const expected = [];
    for (let i = 0; i <= delays.length; i++) {
      run = await launchKillable(dir);
      page = await openPortal(run.context);
      // What was saved before the last kill is adopted from the killed tab's file and sent.
      if (expected.length) {
        await waitServerHas('demo-lege2', expected, `after the kill ${delays[i - 1]} ms after saving`).catch(async (e) => {
          const state = await portalState(page);
          throw new Error(`${e.message}\nthe page: ${JSON.stringify(state.sync)}; visible: ${labels(state).join(' | ')}`);
        });
      }
      if (i === delays.length) {
        await (await run.browser.newBrowserCDPSession()).send('Browser.close');
        await run.exited;
        break;
      }
      // The adopted client confirmed first, so that "waiting" below counts only the new change.
      await waitForSync(page, () => { const s = Module.alisTestState().sync; return s.pending === 0 && !s.in_flight; },
        'the adopted change confirmed');
      await cutApi(page);
      const year = 2030 + i;
      await addFreeTime(page, `01.01.${year}`, `30.06.${year}`);
      await waitShows(page, [`01.01.${year}`], `the span of ${year} shown`);
      expected.push(`${year}-01-01`);
      await page.waitForFunction(() => { const s = Module.alisTestState().sync; return s.saved_here && s.pending === 1; },
        null, { timeout: 10000, polling: 'raf' });
      if (delays[i]) await sleep(delays[i]);
      run.child.kill('SIGKILL');
      await run.exited;
    }
    assert.equal((await serverSpans('demo-lege2')).length, delays.length);
  } finally {
    // A browser left running would keep this file's test process alive (its stderr is piped here).
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('a write the storage refuses (QuotaExceededError) is reported, saved when writing works again, and kept across a reload', () => withServer(async () => {
  const { context, close } = await persistentContext();
  try {
    const page = await context.newPage();
    await logIn(page, server.url, 'demo-lege', PASSWORD);
    await fillProfile(page);
    await cutApi(page);
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      window.alisRestorePut = () => { IDBObjectStore.prototype.put = put; };
      IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    await addFreeTime(page, '01.01.2027', '30.06.2027');
    await waitForSync(page, () => {
      const s = Module.alisTestState().sync;
      return s.storage_error.includes('QuotaExceededError') && !s.saved_here && s.pending === 1;
    }, 'the failed write is reported');
    await page.evaluate(() => window.alisRestorePut());
    await waitForSync(page, () => { const s = Module.alisTestState().sync; return s.saved_here && s.storage_error === ''; },
      'saved by the retry, without the user');
    await page.reload();
    await waitForFrame(page);
    await waitShows(page, ['01.01.2027'], 'the change is there after the reload');
    assert.equal((await portalState(page)).sync.pending, 1);
    await restoreApi(page);
    await clickLabel(page, 'Synkroniser nå');
    await waitServerHas('demo-lege', ['2027-01-01'], 'the change reaches the server');
  } finally {
    await close();
  }
}));

test('a forked client (two files numbering from one client id) is refused and recovers with no loss', () => withServer(async () => {
  const { context, close } = await persistentContext();
  try {
    const page = await context.newPage();
    await logIn(page, server.url, 'demo-lege2', PASSWORD);
    await fillProfile(page);
    await cutApi(page);
    await addFreeTime(page, '01.01.2027', '30.06.2027');
    await waitForSync(page, () => Module.alisTestState().sync.saved_here, 'saved on the machine');
    const state = await portalState(page);
    // A copy of this tab's file under another name, with another change under the same mutation id.
    await page.evaluate(async ({ file, copy }) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('alis-store', 1);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const text = await new Promise((resolve) => {
        const r = db.transaction('files').objectStore('files').get(file);
        r.onsuccess = () => resolve(r.result);
      });
      const replica = JSON.parse(text);
      Object.assign(replica.pending[0].args, { id: 'forked-copy', start: '2029-01-01', end: '2029-06-30' });
      await new Promise((resolve, reject) => {
        const tx = db.transaction('files', 'readwrite', { durability: 'strict' });
        tx.objectStore('files').put(JSON.stringify(replica), copy);
        tx.oncomplete = resolve;
        tx.onabort = () => reject(tx.error);
      });
      db.close();
    }, { file: `client-${state.user}-${state.sync.client_id}.json`, copy: `client-${state.user}-forked.json` });
    await page.waitForFunction(() => !Module.alisUnsaved());
    await page.reload();
    await waitForFrame(page);
    await restoreApi(page);
    await clickLabel(page, 'Synkroniser nå');
    await waitServerHas('demo-lege2', ['2027-01-01', '2029-01-01'], 'both forks reach the server');
    await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'nothing left waiting');
    await waitShows(page, ['01.01.2027', '01.01.2029'], 'both shown');
  } finally {
    await close();
  }
}));
