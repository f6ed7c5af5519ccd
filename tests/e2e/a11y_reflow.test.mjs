// Reflow (WCAG 1.4.10) on phone widths: at 320x640 and at 390x844 (devicePixelRatio 3, touch) the
// logged-out screens put nothing past the right edge (from the probe's rectangles), the page never
// scrolls sideways, and the language buttons do not cover the portal's name. Screenshots are saved in
// artifacts/e2e/ to be looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, waitForFrame, nextFrames, portalState, screenshot } from './lib/portal.mjs';

const portal = usePortal();

const SIZES = [
  { name: '320x640', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '390x844', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true },
];

const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function checkLayout(state, where) {
  const width = state.canvas.width;
  const past = state.items.filter((i) => i.w > 0 && i.x + i.w > width + 1).map((i) => `"${i.label}" ends at ${Math.round(i.x + i.w)} > ${width}`);
  assert.deepEqual(past, [], `${where}: items past the right edge`);
  const name = state.items.find((i) => i.label === 'ALIS-portalen Vest' && i.role === 'heading');
  if (name) {
    const covering = state.items.filter((i) => i.role === 'button' && overlaps(i, name)).map((i) => i.label);
    assert.deepEqual(covering, [], `${where}: buttons over the portal's name`);
  }
}

for (const size of SIZES) {
  test(`the logged-out screens reflow at ${size.name}`, async () => {
    const { name, ...options } = size;
    const context = await portal.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(portal.server.url);
    await waitForFrame(page);
    await nextFrames(page);
    // Each screen by its address (a phone's screen shows the start screen's buttons below the fold).
    for (const screen of ['start', 'log_in', 'register_gp']) {
      await page.evaluate((s) => { location.hash = `#/${s}`; }, screen);
      await page.waitForFunction((s) => Module.alisTestState().screen === s, screen);
      await nextFrames(page);
      const state = await portalState(page);
      await screenshot(page, `a11y-reflow-${name}-${screen}`);
      checkLayout(state, `${name} ${screen}`);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(sideways, false, `${name} ${screen}: the page scrolls sideways`);
    }
    await context.close();
  });
}
