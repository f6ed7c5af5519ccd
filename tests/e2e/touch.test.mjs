// A finger on a phone (390x844, devicePixelRatio 3, touch), with Chromium's own touch events (CDP
// Input.dispatchTouchEvent, as the device sends them): a tap clicks what is under it once, and only
// that; a drag scrolls the page under the finger by about as far as the finger went and clicks
// nothing; a field tapped takes the typing. shell/browser/pre.js's touch handling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, logIn, nextFrames } from './lib/portal.mjs';

const PASSWORD = 'demo-passord-2027';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
const OBJECTIVES = 'Læringsmål oppnådd';

const portal = usePortal(['--demo']);

async function item(page, label, role) {
  const state = await portalState(page);
  const found = state.items.find((i) => i.label === label && (!role || i.role === role));
  assert.ok(found, `"${label}" on the screen`);
  return { ...found, ratio: state.canvas.pixel_ratio };
}
const centre = (i) => ({ x: (i.x + i.w / 2) / i.ratio, y: (i.y + i.h / 2) / i.ratio });

// The device's clock for the touches: each event is stamped, so the finger's speed is the test's.
let clock = Date.now() / 1000;
async function touch(cdp, type, points, after = 0.016) {
  clock += after;
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(({ x, y }) => ({ x, y })), timestamp: clock });
}
async function tap(page, cdp, at) {
  const before = (await portalState(page)).frame;
  await touch(cdp, 'touchStart', [at], 1);
  await touch(cdp, 'touchEnd', [], 0.08);
  await page.waitForFunction((f) => Module.alisTestState().frame > f + 2, before);
  await nextFrames(page);
}
// A finger put down at `from` and moved in steps of 16 ms to `to`; `lift` says how long it then
// stays before it lifts (a finger held still does not glide). Returns how far the page had
// scrolled (CSS px, + when the content went up) under `label` before the finger lifted.
async function drag(page, cdp, from, to, { steps = 12, lift = 0.5, label = OBJECTIVES } = {}) {
  const before = await item(page, label);
  await touch(cdp, 'touchStart', [from], 1);
  for (let s = 1; s <= steps; ++s) {
    await touch(cdp, 'touchMove', [{ x: from.x + (to.x - from.x) * s / steps, y: from.y + (to.y - from.y) * s / steps }]);
  }
  await nextFrames(page);
  const during = await item(page, label);
  await touch(cdp, 'touchEnd', [], lift);
  await nextFrames(page);
  return (before.y - during.y) / before.ratio;
}
const scrolledSince = async (page, before) => (before.y - (await item(page, OBJECTIVES)).y) / before.ratio;

test('a tap clicks once what is under it; a drag scrolls and clicks nothing; a tapped field takes typing', async () => {
  const context = await portal.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  await nextFrames(page);
  const value = () => page.evaluate((l) => document.querySelector(`.alis-textbox[aria-label="${l}"]`)?.value, OBJECTIVES);

  // A drag upwards scrolls the page as far as the finger went (the "+1" comes up from below the
  // fold), and a finger held before it lifts stops the page there.
  let at = await item(page, OBJECTIVES, 'textbox');
  const followed = await drag(page, cdp, { x: 195, y: 700 }, { x: 195, y: 450 });
  assert.ok(Math.abs(followed - 250) <= 25, `the page followed the finger: ${followed} CSS px for 250`);
  assert.ok(Math.abs((await scrolledSince(page, at)) - followed) < 1, 'held still, the page stays where the finger left it');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'alis-text-input', 'no field was taken by the drag');
  // Flicked back down (lifted while moving), the page glides on further than the finger went.
  at = await item(page, OBJECTIVES, 'textbox');
  const flick = await drag(page, cdp, { x: 195, y: 400 }, { x: 195, y: 500 }, { steps: 5, lift: 0.016 });
  assert.ok(flick < -60, `scrolled back with the finger: ${flick}`);
  assert.ok((await scrolledSince(page, at)) < flick - 20, 'and glided on after it lifted');
  await drag(page, cdp, { x: 195, y: 700 }, { x: 195, y: 450 });

  // A tap on "+1" adds one; a tap beside it afterwards adds nothing (a touch is not also a press
  // where the pointer last was).
  const start = Number(await value());
  await tap(page, cdp, centre(await item(page, `${OBJECTIVES} +1`, 'button')));
  assert.equal(Number(await value()), start + 1, 'one tap on +1');
  const field = await item(page, OBJECTIVES, 'textbox');
  await tap(page, cdp, { x: 8, y: field.y / field.ratio - 30 });
  assert.equal(Number(await value()), start + 1, 'a tap elsewhere does not press +1 again');

  // A drag that starts on "+1" scrolls and does not press it.
  await drag(page, cdp, centre(await item(page, `${OBJECTIVES} +1`, 'button')), { x: 195, y: 300 }, { steps: 8 });
  assert.equal(Number(await value()), start + 1, 'a drag from +1 does not press it');

  // A tapped field takes what is typed (the app selects its number, so typing replaces it).
  await tap(page, cdp, centre(await item(page, OBJECTIVES, 'textbox')));
  await page.keyboard.type('12');
  await page.waitForFunction((l) => document.querySelector(`.alis-textbox[aria-label="${l}"]`)?.value === '12', OBJECTIVES);
  assert.deepEqual(errors, []);
  await context.close();
});
