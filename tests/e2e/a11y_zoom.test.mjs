// Text at 200 % (WCAG 1.4.4): the browser's zoom on a 1280x900 window gives the page a viewport of
// 640x450 CSS px and a devicePixelRatio of 2, which is what the page sees and what this test gives
// it (Playwright's viewport and deviceScaleFactor; headless Chromium has no zoom keys). Every role
// logs in at 100 % and at 200 %, opens each of its pages and checks from the probe: the text is
// twice as large against the window (the same CSS size on a viewport half as wide), every control
// and heading of the page at 100 % is there at 200 % (nothing lost), nothing is drawn past the
// right edge, and the page does not scroll sideways. Screenshots: artifacts/e2e/a11y-zoom-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, logIn, screenshot, nextFrames } from './lib/portal.mjs';
import { fillProfile } from './lib/gp_steps.mjs';
import { openPage, pastRightEdge, ROLE_PAGES } from './lib/pages.mjs';

const PASSWORD = 'demo-passord-2027';
const USERS = { gp: 'demo-lege', hospital: 'demo-sykehus', municipality: 'demo-kommune', office: 'demo-kontor' };
const ZOOMS = [
  { name: '100', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  { name: '200', viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
];
// What a person reads or uses on a page, compared between the zooms; the alerts' unread count and
// the sync line's time may change between the two visits and are left out. The tabs are not compared:
// where they would not fit whole the pages are chosen from the Skjerm list, and openPage reaching
// every page through one or the other is the check that none is lost.
const KEPT = ['button', 'textbox', 'checkbox', 'heading', 'title', 'columnheader'];
// Each such item by "role label", with the table it is in (0: none).
// A table stacked into entries on a narrow window names each field in its text ("Poeng: 350"): such
// a field stands for its column's header.
const content = (state) => new Map([
  ...state.items.filter((i) => KEPT.includes(i.role) && i.label).map((i) => [`${i.role} ${i.label}`, i.group]),
  ...state.items.filter((i) => i.role === 'text' && /^[^:]{2,30}: /.test(i.label))
    .map((i) => [`columnheader ${i.label.slice(0, i.label.indexOf(': '))}`, 0]),
]);
// Whether a table scrolls sideways in a region of its own (WCAG 1.4.10 excepts data tables): its
// columns out of view are not drawn until scrolled to. (Such a table is a child region, so its id is
// not the one it has where it fits.)
const scrollingTable = (state) => state.items.some((i) => i.scrolls_x && i.group);

const portal = usePortal(['--demo']);

// What a page holds from its top to its bottom, scrolled with the mouse wheel as a person would: a
// table below the fold that scrolls in a region of its own is drawn only once it is in view.
async function scrolledThrough(page) {
  const items = new Map();
  let scrolling = false;
  let state = await portalState(page);
  const ratio = state.canvas.pixel_ratio;
  await page.mouse.move(state.canvas.width / 2 / ratio, (state.canvas.height * 0.75) / ratio);
  for (let step = 0, last = ''; step < 40; step++) {
    for (const [item, table] of content(state)) items.set(item, table);
    scrolling = scrolling || scrollingTable(state);
    const where = state.items.map((i) => Math.round(i.y)).join();
    if (where === last) break;  // the bottom: the wheel moved nothing
    last = where;
    await page.mouse.wheel(0, 300);
    await nextFrames(page);
    state = await portalState(page);
  }
  return { items, scrolling };
}

// Each page's content and the height of a line of body text in CSS px, at one zoom.
async function visit(role, zoom) {
  const { name, ...options } = zoom;
  const context = await portal.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, portal.server.url, USERS[role], PASSWORD);
  if (role === 'gp' && name === '100') await fillProfile(page);
  assert.equal(await page.evaluate(() => window.devicePixelRatio), zoom.deviceScaleFactor);
  const pages = {};
  const problems = [];
  let lineCss = 0;
  for (const pageName of ROLE_PAGES[role]) {
    await openPage(page, pageName);
    const state = await portalState(page);
    const where = `${name} % ${role} / ${pageName}`;
    await screenshot(page, `a11y-zoom-${name}-${role}-${pageName.replace(/[^A-Za-z0-9]+/g, '_')}`);
    pages[pageName] = await scrolledThrough(page);
    for (const p of pastRightEdge(state)) problems.push(`${where}: past the right edge: ${p}`);
    if (await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)) {
      problems.push(`${where}: the page scrolls sideways`);
    }
    // A button's height is a line of text and its frame padding: its CSS height follows the text.
    const button = state.items.find((i) => i.role === 'button' && i.label === 'Synkroniser nå');
    lineCss = button.h / state.canvas.pixel_ratio;
  }
  assert.deepEqual(errors, []);
  await context.close();
  return { pages, problems, lineCss };
}

for (const role of Object.keys(USERS)) {
  test(`the ${role}'s pages at 200 % keep all their content, larger, inside the window`, async (t) => {
    const normal = await visit(role, ZOOMS[0]);
    const zoomed = await visit(role, ZOOMS[1]);
    t.diagnostic(`${role}: a button is ${normal.lineCss} CSS px high at 100 % and ${zoomed.lineCss} at 200 % (window 1280 and 640 CSS px wide)`);
    // The same CSS size on a window half as wide: twice the share of the window, as zoom does.
    assert.ok(Math.abs(zoomed.lineCss - normal.lineCss) <= 1, `text keeps its CSS size: ${normal.lineCss} and ${zoomed.lineCss}`);
    const lost = [];
    let scrolled = 0;
    for (const [pageName, { items }] of Object.entries(normal.pages)) {
      const there = zoomed.pages[pageName];
      for (const [item, table] of items) {
        if (there.items.has(item)) continue;
        if (table && there.scrolling) scrolled++;
        else lost.push(`${pageName}: ${item}`);
      }
    }
    t.diagnostic(`${role}: ${scrolled} items at 200 % are in a table's columns scrolled out of view`);
    assert.deepEqual(lost, [], 'everything on a page at 100 % is on it at 200 % (or in a table that scrolls sideways)');
    assert.deepEqual([...normal.problems, ...zoomed.problems], []);
  });
}
