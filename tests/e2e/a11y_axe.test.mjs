// axe-core (pinned in package.json) in Chromium on the start screen, the log-in and registration
// forms, and every page of every role: no serious or critical violations. The page's strict
// Content-Security-Policy refuses an injected inline <script> (page.addScriptTag), so axe's source is
// evaluated through the DevTools protocol (Runtime.evaluate), which the policy does not govern, as an
// auditing extension would; the first test checks that the policy did refuse the tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { usePortal, clickLabel, portalState, nextFrames, logIn, waitForFrame } from './lib/portal.mjs';
import { fillProfile } from './lib/gp_steps.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const axeSource = readFileSync(axePath, 'utf8');
const PASSWORD = 'demo-passord-2027';
const TOURS = {
  gp: { user: 'demo-lege', pages: ['Profil', 'Ledig tid', 'Ønsker', 'Perioder', 'Tilbud', 'Varsler'] },
  hospital: { user: 'demo-sykehus', pages: ['Perioder', 'Tidslinje', 'Varsler', 'Evaluering'] },
  municipality: { user: 'demo-kommune', pages: ['Kandidater', 'Evaluering'] },
  office: { user: 'demo-kontor', pages: ['Organisasjoner', 'Regional liste', 'Matching', 'Tidslinje', 'Oversikt', 'Evaluering', 'Brukere'] },
};

const portal = usePortal(['--demo']);

async function loadAxe(page) {
  const cdp = await page.context().newCDPSession(page);
  const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: axeSource });
  assert.equal(exceptionDetails, undefined, `axe-core did not load: ${JSON.stringify(exceptionDetails)}`);
  await cdp.detach();
}

// The serious and critical violations on the page as it is now, one line each with where.
async function violations(page, where) {
  await nextFrames(page);
  const found = await page.evaluate(async () => {
    if (!window.axe) return null;
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.notEqual(found, null, `${where}: axe-core is not in the page`);
  return found.map((v) => `${where}: ${v}`);
}

async function openPage(page, name) {
  const named = (i) => i.label === name || i.label.startsWith(`${name} (`);
  const state = await portalState(page);
  const item = state.items.find((i) => i.role === 'tab' && named(i));
  assert.ok(item, `no tab "${name}"`);
  await clickLabel(page, item.label);
  await nextFrames(page);
  await page.waitForFunction((n) => document.title.startsWith(n), name);
}

test('the logged-out screens have no serious or critical axe-core violations', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  // The policy refuses an inline script: axe comes in through the DevTools protocol instead.
  await page.addScriptTag({ path: axePath }).catch(() => {});
  assert.equal(await page.evaluate(() => typeof window.axe), 'undefined', 'the CSP let an inline script run');
  await loadAxe(page);
  const found = [];
  found.push(...await violations(page, 'start'));
  for (const screen of ['log_in', 'register_gp']) {
    await page.evaluate((s) => { location.hash = `#/${s}`; }, screen);
    await page.waitForFunction((s) => Module.alisTestState().screen === s, screen);
    found.push(...await violations(page, screen));
  }
  assert.deepEqual(found, []);
  await context.close();
});

for (const [role, tour] of Object.entries(TOURS)) {
  test(`every page of the ${role} has no serious or critical axe-core violations`, async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, portal.server.url, tour.user, PASSWORD);
    if (role === 'gp') await fillProfile(page);
    await loadAxe(page);
    const found = [];
    for (const name of tour.pages) {
      await openPage(page, name);
      found.push(...await violations(page, `${role} / ${name}`));
    }
    assert.deepEqual(found, []);
    await context.close();
  });
}

test('the phone layout has no serious or critical axe-core violations, with its menu and page list open', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-sykehus', PASSWORD);
  await loadAxe(page);
  const found = [];
  found.push(...await violations(page, 'phone'));
  await clickLabel(page, 'Skjerm');
  await nextFrames(page);
  assert.ok((await portalState(page)).items.some((i) => i.role === 'option' && i.label === 'Tidslinje'), 'the page list is open');
  found.push(...await violations(page, 'phone, Skjerm open'));
  await clickLabel(page, 'Tidslinje');
  await nextFrames(page);
  await clickLabel(page, 'Meny');
  await nextFrames(page);
  assert.ok((await portalState(page)).items.some((i) => i.label === 'Logg ut'), 'the menu is open');
  found.push(...await violations(page, 'phone, Meny open'));
  assert.deepEqual(found, []);
  await context.close();
});
