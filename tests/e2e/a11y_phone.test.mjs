// The logged-in screens on a phone (issue 13, WCAG 1.4.10 and 2.5.5): every role logs in at 320x640
// and at 390x844 (devicePixelRatio 3, touch), opens each of its pages and checks, from the probe's
// rectangles, that nothing is drawn past the right edge (an item inside a region that scrolls
// sideways of its own is judged by that region's clip rectangle), that the top bar, the status line
// and the page chooser leave most of the height to the page, and on the touch screen that every
// button, tab, checkbox and field is at least 44x44 CSS px. Screenshots of every page are saved in
// artifacts/e2e/a11y-phone-*.png to be looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, clickLabel, portalState, nextFrames, logIn, screenshot } from './lib/portal.mjs';
import { fillProfile } from './lib/gp_steps.mjs';

const PASSWORD = 'demo-passord-2027';
const TOURS = {
  // Each size its own GP without a profile yet (one server for all tests): the profile is filled once.
  gp: { user: 'demo-lege', phoneUser: 'demo-lege2', pages: ['Profil', 'Ledig tid', 'Ønsker', 'Perioder', 'Tilbud', 'Varsler'] },
  hospital: { user: 'demo-sykehus', pages: ['Perioder', 'Tidslinje', 'Varsler', 'Evaluering'] },
  municipality: { user: 'demo-kommune', pages: ['Kandidater', 'Evaluering'] },
  office: { user: 'demo-kontor', pages: ['Organisasjoner', 'Regional liste', 'Matching', 'Tidslinje', 'Oversikt', 'Evaluering', 'Brukere'] },
};
const SIZES = [
  { name: '320x640', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  { name: '390x844', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true },
];
const TARGETS = ['button', 'tab', 'checkbox', 'textbox', 'combobox'];
const TOUCH_PX = 44;

const portal = usePortal(['--demo']);

// Opens a page of the role: its tab on a wide screen, else its option in the "Skjerm" combo. The
// alerts' page is named with its unread count ("Varsler (2 nye)").
async function openPage(page, name) {
  const named = (i) => i.label === name || i.label.startsWith(`${name} (`);
  let state = await portalState(page);
  const tab = state.items.find((i) => i.role === 'tab' && named(i));
  if (!tab) {
    await clickLabel(page, 'Skjerm');
    await nextFrames(page);
    state = await portalState(page);
  }
  const item = state.items.find((i) => (i.role === 'tab' || i.role === 'option') && named(i));
  assert.ok(item, `no tab or option "${name}": ${state.items.map((i) => `${i.role} ${i.label}`).join(' | ')}`);
  await clickLabel(page, item.label);
  await nextFrames(page);
  await page.waitForFunction((n) => document.title.startsWith(n), name);
}

// Items (label and right edge) drawn past the viewport's right edge, in canvas pixels. An item in a
// region that scrolls sideways counts by that region's clip rectangle.
function pastRightEdge(state) {
  const width = state.canvas.width;
  return state.items
    .filter((i) => i.w > 0 && i.x < width && i.x + i.w > width + 1 && !(i.scrolls_x && i.clip_right <= width + 1))
    .map((i) => `${i.role} "${i.label}" ends at ${Math.round(i.x + i.w)} > ${width}`);
}

// The bottom of the chrome above the page: the tabs, or the "Skjerm" combo.
function chromeBottom(state) {
  const chooser = state.items.filter((i) => i.role === 'tab' || (i.role === 'combobox' && i.label === 'Skjerm'));
  return Math.max(...chooser.map((i) => i.y + i.h));
}

// Controls on screen smaller than a touch target.
function smallTargets(state) {
  const min = TOUCH_PX * state.canvas.pixel_ratio - 0.5;
  return state.items
    .filter((i) => TARGETS.includes(i.role) && i.y < state.canvas.height && i.y + i.h > 0)
    .filter((i) => i.w < min || i.h < min)
    .map((i) => `${i.role} "${i.label}" ${Math.round(i.w / state.canvas.pixel_ratio)}x${Math.round(i.h / state.canvas.pixel_ratio)}`);
}

for (const size of SIZES) {
  for (const [role, tour] of Object.entries(TOURS)) {
    test(`the ${role}'s pages reflow at ${size.name}`, async (t) => {
      const { name, ...options } = size;
      const context = await portal.browser.newContext(options);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await logIn(page, portal.server.url, options.hasTouch && tour.phoneUser ? tour.phoneUser : tour.user, PASSWORD);
      if (role === 'gp') await fillProfile(page);
      if (options.hasTouch) {
        assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch screen');
      }
      const problems = [];
      let highest = 0;
      for (const pageName of tour.pages) {
        await openPage(page, pageName);
        const state = await portalState(page);
        const where = `${name} ${role} / ${pageName}`;
        await screenshot(page, `a11y-phone-${name}-${role}-${pageName.replace(/[^A-Za-z0-9]+/g, '_')}`);
        for (const p of pastRightEdge(state)) problems.push(`${where}: past the right edge: ${p}`);
        const chrome = chromeBottom(state);
        highest = Math.max(highest, chrome / state.canvas.height);
        if (!(chrome <= state.canvas.height * 0.4)) {
          problems.push(`${where}: the top bar, status line and page chooser end at ${Math.round(chrome)} of ${state.canvas.height}`);
        }
        if (options.hasTouch) for (const p of smallTargets(state)) problems.push(`${where}: smaller than 44x44: ${p}`);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        if (sideways) problems.push(`${where}: the page scrolls sideways`);
      }
      t.diagnostic(`${name} ${role}: the chrome above the page ends at ${(highest * 100).toFixed(1)} % of the height at most`);
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
