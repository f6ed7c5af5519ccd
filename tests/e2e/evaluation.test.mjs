// The "Evaluering" tab: the figures of a window come from the server (the same function as
// `alis-sync report`), a withheld count reads "<5", and a reversed window is refused by name; a
// hospital's tab shows its own trust's part and nothing of another trust's.
// The real alis-sync with its demo, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, clickLabel, labels, screenshot, nextFrames, logIn } from './lib/portal.mjs';
import { apiLogin, apiPost } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const portal = usePortal(['--demo']);

async function figures(from, to, user = 'demo-kontor') {
  const session = await apiLogin(portal.server.url, user, PASSWORD);
  return apiPost(portal.server.url, session, '/api/evaluation', { from, to });
}

// Empties a text field (the cursor lands where the click was) and types `text`.
async function retype(page, label, text) {
  await clickLabel(page, label, 'textbox');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'alis-text-input');
  for (let i = 0; i < 12; i++) await page.keyboard.press('Backspace');
  for (let i = 0; i < 12; i++) await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await nextFrames(page);
}

async function waitForLabel(page, predicate, what, arg = null) {
  await page.waitForFunction(predicate, arg, { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${what}: ${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
}

// Shows the figures of 2020–2030 on the tab and waits until its first month's bar reads as the
// server's figures `want` say; returns what the page then shows.
async function showWindow(page, want) {
  await retype(page, 'Fra', '01.01.2020');
  await retype(page, 'Til og med', '31.12.2030');
  await clickLabel(page, 'Vis tall');
  const month = want.by_month[0];
  const monthLabel = `${month.month} – Perioder: ${month.periods}, Tildelt: ${month.matched}`;
  await waitForLabel(page, (label) => Module.alisTestState().items.some((i) => i.label === label),
    `the first month's bar "${monthLabel}"`, monthLabel);
  return labels(await portalState(page));
}

test('the office opens Evaluering, picks a window and reads the same figures the server reports', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-kontor', PASSWORD);
  await clickLabel(page, 'Evaluering');
  await waitForLabel(page, () => Module.alisTestState().items.some((i) => i.label === 'Perioder lyst ut i tidsrommet'),
    'the figures of this year shown on opening');

  // A window covering the demo's periods.
  const want = await figures('2020-01-01', '2030-12-31');
  assert.ok(want.total.periods > 0);
  const shown = await showWindow(page, want);
  // The totals table: "Perioder" then its count, as the server reported it.
  const at = shown.indexOf('Perioder', shown.indexOf('Antall'));
  assert.equal(shown[at + 1], String(want.total.periods), shown.join(' | '));
  for (const h of want.by_hospital) assert.ok(shown.includes(h.name), `hospital ${h.name} listed`);
  for (const row of want.placed_by_municipality) {
    if (row.suppressed) assert.ok(shown.includes('<5'), 'a withheld count reads <5');
  }
  await screenshot(page, 'office-evaluation');

  // A reversed window: the server's rule, under the field.
  await retype(page, 'Til og med', '31.12.2019');
  await clickLabel(page, 'Vis tall');
  await waitForLabel(page, () => Module.alisTestState().items.some((i) => i.label === 'Kan ikke være før fra-datoen.'),
    'the reversed window refused under "Til og med"');
  await context.close();
});

test('a hospital opens Evaluering at #/home/evaluering and reads its own part, nothing of another trust', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-sykehus', PASSWORD);
  await clickLabel(page, 'Evaluering');
  await waitForLabel(page, () => Module.alisTestState().items.some((i) => i.label === 'Perioder lyst ut i tidsrommet'),
    'the figures shown on opening');
  assert.equal((await portalState(page)).route, '#/home/evaluering');

  const want = await figures('2020-01-01', '2030-12-31', 'demo-sykehus');
  assert.deepEqual(want.by_hospital.map((h) => h.id), ['helse-bergen']);
  const shown = await showWindow(page, want);
  assert.ok(shown.includes('Du ser tallene for ditt helseforetak.'), shown.join(' | '));
  const at = shown.indexOf('Perioder', shown.indexOf('Antall'));
  assert.equal(shown[at + 1], String(want.total.periods), shown.join(' | '));
  assert.ok(shown.includes(want.by_hospital[0].name), 'its own trust listed');
  assert.ok(!shown.some((l) => l.includes('Haraldsplass')), `no other trust: ${shown.join(' | ')}`);
  assert.ok(shown.includes('Tilbud gitt i tidsrommet'), 'the offers made');
  await screenshot(page, 'hospital-evaluation');
  await context.close();
});
