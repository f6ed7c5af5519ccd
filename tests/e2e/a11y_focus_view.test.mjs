// Focus is seen (WCAG 2.4.7): Tab reaches every control of a page, also those drawn below the fold of
// a small window, and the page scrolls so the focused control is inside the window, as a browser does
// for a focused element; Shift+Tab back to the first field scrolls back up. Without it, a keyboard
// user's focus went out of sight on any page longer than the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, logIn, screenshot, nextFrames } from './lib/portal.mjs';
import { openPage } from './lib/pages.mjs';

const portal = usePortal(['--demo']);

const focusedName = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el ? (el.getAttribute('aria-label') || el.textContent || el.id) : null;
});

// Waits until the item is drawn wholly inside the canvas, and returns it.
async function seen(page, role, label) {
  await page.waitForFunction(([r, l]) => {
    const state = Module.alisTestState();
    const item = state.items.find((i) => i.role === r && i.label === l);
    return item && item.y >= 0 && item.y + item.h <= state.canvas.height;
  }, [role, label], { timeout: 20000 });
  return (await portalState(page)).items.find((i) => i.role === role && i.label === label);
}

async function tabUntil(page, name, key) {
  for (let i = 0; i < 60; i++) {
    const now = await focusedName(page);

    if (now === name) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${key} never reached "${name}"`);
}

test('Tab to a control below the fold scrolls it into view, and Shift+Tab back scrolls back', async () => {
  // A laptop's window at 200 % zoom: the GP's profile is longer than the window.
  const context = await portal.browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', 'demo-passord-2027');
  await openPage(page, 'Profil');
  const before = (await portalState(page)).items.find((i) => i.role === 'button' && i.label === 'Lagre');
  assert.ok(before, 'the profile has its save button');
  const height = (await portalState(page)).canvas.height;
  assert.ok(before.y > height, `the save button starts below the window (${before.y} > ${height})`);

  await page.getByLabel('Fullt navn', { exact: true }).focus();
  await nextFrames(page);
  await tabUntil(page, 'Lagre', 'Tab');
  const save = await seen(page, 'button', 'Lagre');
  await screenshot(page, 'a11y-focus-view-below-fold');
  // The ring is drawn around the node, which lies over the item: both inside the window.
  const box = await page.getByRole('button', { name: 'Lagre', exact: true }).boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 450, `the focused node is in the window: ${JSON.stringify(box)}`);
  assert.ok(save.y + save.h <= height);

  await tabUntil(page, 'Fullt navn', 'Shift+Tab');
  await seen(page, 'textbox', 'Fullt navn');
  await context.close();
});
