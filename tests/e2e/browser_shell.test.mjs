// The browser shell as a web page should behave: no frames while nothing changes or while the tab
// is hidden, no input lost when frames were skipped, Tab that leaves the canvas, a wheel that
// scrolls a few lines a notch, and copy and paste between two fields through the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { usePortal, waitForFrame, portalState, clickLabel, labels, screenshot, typeInto, nextFrames, waitForSync, logIn } from './lib/portal.mjs';
import { apiLogin, apiPull } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const QUIET_MS = 1500;  // long enough for ~90 animation frames, had the app been drawing them
const portal = usePortal(['--demo']);

async function openStart(context) {
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await nextFrames(page);
  return page;
}

const frameOf = async (page) => (await portalState(page)).frame;
const activeId = (page) => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));

test('an idle portal draws no frames, and draws again on a mouse move', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await openStart(context);
  const settled = await portalState(page);
  assert.equal(settled.frame_wanted, false);
  await sleep(QUIET_MS);
  const quiet = await portalState(page);
  assert.equal(quiet.frame, settled.frame, 'no frame drawn while nothing happened');

  await page.mouse.move(200, 200);
  await nextFrames(page);
  assert.ok((await frameOf(page)) > quiet.frame, 'a mouse move is drawn');

  const cpu = (await portalState(page)).frame_cpu_ms;
  assert.ok(Array.isArray(cpu) && cpu.length > 0 && cpu.length <= 120, `frame_cpu_ms: ${JSON.stringify(cpu)}`);
  assert.ok(cpu.every((ms) => typeof ms === 'number' && ms >= 0));
  assert.ok(cpu.length <= (await frameOf(page)), 'one time per drawn frame');
  await context.close();
});

// WebGL answers most state questions at once, but the scissor box and the blend settings wait for
// the GPU process; ImGui's GL backend asks for them around every frame unless the shell answers
// from its copy (shell/browser/gl_state_cache.h, included into the backend by shell/CMakeLists.txt).
test('a drawn frame asks WebGL for no state that waits for the GPU process', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(() => {
    window.glAsked = { slow: 0, all: 0 };
    const get = WebGL2RenderingContext.prototype.getParameter;
    WebGL2RenderingContext.prototype.getParameter = function (name) {
      const slow = [this.SCISSOR_BOX, this.BLEND_EQUATION_RGB, this.BLEND_EQUATION_ALPHA, this.BLEND_SRC_RGB,
        this.BLEND_DST_RGB, this.BLEND_SRC_ALPHA, this.BLEND_DST_ALPHA];
      window.glAsked.all += 1;
      if (slow.includes(name)) window.glAsked.slow += 1;
      return get.call(this, name);
    };
  });
  const page = await openStart(context);
  const before = await frameOf(page);
  await page.evaluate(() => { window.glAsked = { slow: 0, all: 0 }; });
  for (let i = 0; i < 8; ++i) {
    await page.mouse.move(150 + i * 20, 300);
    await nextFrames(page);
  }
  const frames = (await frameOf(page)) - before;
  const asked = await page.evaluate(() => window.glAsked);
  assert.ok(frames >= 8, `frames drawn: ${frames}`);
  assert.ok(asked.all >= frames, `the backend's other questions still reach WebGL: ${JSON.stringify(asked)}`);
  assert.equal(asked.slow, 0, `questions that wait for the GPU process in ${frames} frames`);
  await context.close();
});

// Headless Chromium never hides a page: with a second page brought to the front, or its window
// minimised through the DevTools protocol, document.visibilityState stays 'visible' and
// requestAnimationFrame keeps running. That no frame is drawn while hidden rests on the browser
// stopping requestAnimationFrame for hidden tabs (the shell schedules nothing else that draws).
// What can be tested here: becoming visible again wakes the shell, which draws.
test('the shell draws when the tab is shown again (visibilitychange)', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await openStart(context);
  const other = await context.newPage();
  await other.bringToFront();
  assert.equal(await page.evaluate(() => document.visibilityState), 'visible', 'headless Chromium still shows it');
  await page.bringToFront();
  const before = await frameOf(page);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await nextFrames(page);
  assert.ok((await frameOf(page)) > before, 'shown again: a frame is drawn');
  await context.close();
});

test('a logged-in portal left alone still syncs on time, drawing only a few frames for it', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  await nextFrames(page);
  const before = await frameOf(page);
  // The session pulls every 15 s; no input is sent meanwhile. The request itself is awaited (a pull
  // on loopback is over faster than any polling of the app's in-flight flag could see it).
  const pull = await page.waitForRequest((r) => r.url().endsWith('/api/pull'), { timeout: 25000 });
  await pull.response();
  await page.waitForFunction(() => !Module.alisTestState().sync.in_flight && !Module.alisTestState().frame_wanted,
    null, { timeout: 10000 });
  const drawn = (await frameOf(page)) - before;
  assert.ok(drawn >= 1 && drawn <= 20, `${drawn} frames for one idle sync`);
  await context.close();
});

test('a click and typing straight after a long idle lose nothing', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await openStart(context);
  await clickLabel(page, 'Logg inn');
  await nextFrames(page);
  for (const [label, text] of [['Brukernavn', 'demo-kontor'], ['Passord', PASSWORD]]) {
    const idle = await frameOf(page);
    await sleep(QUIET_MS);
    assert.equal(await frameOf(page), idle, 'idle before the click');
    // No waiting for the field to take focus: the keys follow the click at once.
    await clickLabel(page, label, 'textbox');
    await page.keyboard.type(text);
    await nextFrames(page);
  }
  await clickLabel(page, 'Logg inn');
  await page.waitForFunction(() => Module.alisTestState().screen === 'home', null, { timeout: 15000 }).catch(async (e) => {
    throw new Error(`log-in with what was typed: ${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
  await context.close();
});

test('Tab leaves the canvas unless a form field is being edited, and leaves a form past its last field', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await openStart(context);
  // The rest of the page, as when the portal is embedded: one focusable element after the canvas.
  await page.evaluate(() => {
    const next = document.createElement('button');
    next.id = 'after-portal';
    next.textContent = 'after';
    document.body.insertBefore(next, document.getElementById('status'));
  });
  const focusCanvas = async () => {
    await page.mouse.click(5, 740);  // an empty spot of the canvas
    await nextFrames(page);
    assert.equal(await activeId(page), 'canvas');
  };

  // No field being edited: Tab is the browser's.
  await focusCanvas();
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'after-portal');

  // In the log-in form, Tab goes from the user name to the password; past it, out of the canvas.
  await focusCanvas();
  await clickLabel(page, 'Logg inn');
  await nextFrames(page);
  await typeInto(page, 'Brukernavn', 'demo-lege');
  await page.keyboard.press('Tab');
  await nextFrames(page);
  assert.equal(await activeId(page), 'alis-text-input', 'still editing, in the next field');
  await page.keyboard.type(PASSWORD);
  await nextFrames(page);
  await page.keyboard.press('Tab');
  await nextFrames(page);
  assert.equal(await activeId(page), 'after-portal', 'past the last field focus moves on');
  // Shift+Tab from the first field: nothing before the canvas, so focus leaves the app for the page.
  await typeInto(page, 'Brukernavn', '');
  await page.keyboard.press('Shift+Tab');
  await nextFrames(page);
  assert.ok(!['alis-text-input', 'canvas'].includes(await activeId(page)), 'Shift+Tab before the first field leaves');

  // What Tab typed into the password field got there: the log-in works.
  await clickLabel(page, 'Logg inn');
  await page.waitForFunction(() => Module.alisTestState().screen === 'home', null, { timeout: 15000 });
  await context.close();
});

// The office's organisation table (scrolled to the top): where its name column and first row
// are, and the row pitch.
async function organisationTable(page) {
  const state = await portalState(page);
  const first = state.items.find((i) => i.label === 'ALIS-kontor Vest');
  assert.ok(first, `the organisation table is shown: ${labels(state).join(' | ')}`);
  const rows = state.items.filter((i) => i.x === first.x && i.h === first.h && i.y >= first.y);
  return { x: first.x, h: first.h, top: first.y, pitch: rows[1].y - rows[0].y, rows };
}

// Rows shown in the table's viewport, by label (a label used twice is left out). The list clipper
// always submits the first row, scrolled out of sight or not: rows above the top are left out.
async function visibleRows(page, table) {
  const items = (await portalState(page)).items.filter((i) => i.x === table.x && i.h === table.h && i.y >= table.top - 0.5);
  const once = items.filter((i) => items.filter((j) => j.label === i.label).length === 1);
  return new Map(once.map((i) => [i.label, i.y]));
}

// How far the list scrolled (positive: down, the rows moved up), in rows.
async function scrolledRows(page, table, action) {
  const before = await visibleRows(page, table);
  await action();
  await nextFrames(page);
  const after = await visibleRows(page, table);
  const same = [...after.keys()].find((label) => before.has(label));
  assert.ok(same, 'some row is still in view after one notch');
  return (before.get(same) - after.get(same)) / table.pitch;
}

test('the mouse wheel scrolls a list about three rows a notch, both ways', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-kontor', PASSWORD);
  await nextFrames(page);
  const table = await organisationTable(page);
  const rows = table.rows;
  assert.ok(rows.length >= 8, `the organisation table shows rows: ${labels(await portalState(page)).join(' | ')}`);
  const ratio = (await portalState(page)).canvas.pixel_ratio;
  await page.mouse.move((rows[2].x + 10) / ratio, (rows[2].y + 5) / ratio);
  await nextFrames(page);

  const down = await scrolledRows(page, table, () => page.mouse.wheel(0, 100));  // one notch, pixel mode
  assert.ok(down >= 2.5 && down <= 3.5, `one notch down scrolled ${down} rows`);
  const up = await scrolledRows(page, table, () => page.mouse.wheel(0, -100));
  assert.ok(Math.abs(up + down) < 0.01, `one notch up came back (${up} rows)`);

  const wheelLines = (lines) => page.evaluate((dy) => {
    const canvas = document.getElementById('canvas');
    const r = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, deltaMode: WheelEvent.DOM_DELTA_LINE, bubbles: true,
      cancelable: true, clientX: r.left + 40, clientY: window.__alisRowY }));
  }, lines);
  await page.evaluate((y) => { window.__alisRowY = y; }, (rows[2].y + 5) / ratio);
  const lineDown = await scrolledRows(page, table, () => wheelLines(3));  // Firefox's notch: 3 lines
  assert.ok(lineDown >= 2.5 && lineDown <= 3.5, `three lines down scrolled ${lineDown} rows`);
  const lineUp = await scrolledRows(page, table, () => wheelLines(-3));
  assert.ok(Math.abs(lineUp + lineDown) < 0.01, `three lines up came back (${lineUp} rows)`);

  const touchpad = await scrolledRows(page, table, () => page.mouse.wheel(0, 10));  // a small touchpad step
  assert.ok(touchpad > 0 && touchpad < 1, `a 10 px touchpad step scrolled ${touchpad} rows`);
  await screenshot(page, 'office-wheel');
  await context.close();
});

test('text with æ, ø, å copied from one field is pasted into another and stored exactly', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.server.url });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-sykehus', PASSWORD);
  const supervisor = 'Overlege Åsmund Ærø Søgaard';
  await typeInto(page, 'Fra', '01.03.2028');
  await typeInto(page, 'Til og med', '31.08.2028');
  await typeInto(page, 'Veileder', supervisor);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await nextFrames(page);
  await page.waitForFunction((text) => navigator.clipboard.readText().then((t) => t === text), supervisor, { timeout: 5000 });
  await clickLabel(page, 'Årsak (f.eks. foreldrepermisjon)');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'alis-text-input');
  await page.keyboard.press('Control+V');
  await nextFrames(page);
  await clickLabel(page, 'Publiser');
  await waitForSync(page, () => Module.alisTestState().sync.pending === 0 && Module.alisTestState().sync.online, 'period sent');

  const office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const period = (await apiPull(portal.server.url, office)).changes
    .find((c) => c.kind === 'period' && c.body.start === '2028-03-01').body;
  assert.equal(period.supervisor, supervisor);
  assert.equal(period.reason, supervisor, 'pasted once, exactly');
  await context.close();
});
