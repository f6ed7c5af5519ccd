// The keyboard alone (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7): Tab from the page's start reaches a skip link
// and then the app; a GP registers, fills in the profile and adds free time with getByRole/getByLabel
// locators and key presses only (no coordinates, no mouse), opening and closing a list with Enter and
// Escape; a focused control shows a focus ring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, waitForFrame, nextFrames, waitForSync, portalState, screenshot, logIn } from './lib/portal.mjs';

const portal = usePortal(['--demo']);  // the municipalities a profile chooses from

const focusedName = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el ? (el.getAttribute('aria-label') || el.textContent || el.id) : null;
});

// Focuses a field by its label (the app makes its ImGui field active) and types.
async function typeIn(page, label, text, mirrored = true) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await nextFrames(page);
  await page.keyboard.type(text);
  await nextFrames(page);
  await page.waitForFunction(([l, t]) => {
    const item = Module.alisTestState().items.find((i) => i.label === l && i.role === 'textbox');
    return item && (t === null || document.querySelector(`[aria-label="${l}"]`)?.value === t);
  }, [label, mirrored ? text : null]);
}

async function press(page, locator, key = 'Enter') {
  await locator.press(key);
  await nextFrames(page);
}

test('Tab from the page reaches the skip link, then the main content; the focus ring shows', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await nextFrames(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'alis-skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'alis-main', 'the skip link moves focus to the main content');
  assert.equal(await page.evaluate(() => location.hash), '#/start', 'and leaves the address alone');
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(page), 'Logg inn', 'the first control of the main content');
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(page), 'Registrer deg som fastlege');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focusedName(page), 'Logg inn', 'Shift+Tab goes back');

  // The ring: 3 px of #004c8c around the focused control, and the picture differs from unfocused.
  const button = page.getByRole('button', { name: 'Logg inn' });
  const outline = await button.evaluate((el) => getComputedStyle(el).outline);
  assert.match(outline, /rgb\(0, 76, 140\).*3px|3px.*rgb\(0, 76, 140\)/, `outline: ${outline}`);
  const box = await button.boundingBox();
  const clip = { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 };
  const focused = await page.screenshot({ clip });
  await screenshot(page, 'a11y-focus-ring');
  await page.evaluate(() => document.activeElement.blur());
  const unfocused = await page.screenshot({ clip });
  assert.notDeepEqual(focused, unfocused, 'the focus ring is visible in the picture');
  await context.close();
});

test('a GP registers, fills in the profile and adds free time with the keyboard alone', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await nextFrames(page);

  await press(page, page.getByRole('button', { name: 'Registrer deg som fastlege' }));
  await page.waitForFunction(() => location.hash === '#/register_gp');
  assert.equal(await page.title(), 'Registrer deg som fastlege – ALIS-portalen Vest');
  await typeIn(page, 'Fullt navn', 'Kari Tastatur');
  // Tab moves on to the next field, which takes the typing.
  await page.keyboard.press('Tab');
  await nextFrames(page);
  assert.equal(await focusedName(page), 'E-post');
  await page.keyboard.type('kari.tastatur@example.no');
  await nextFrames(page);
  await typeIn(page, 'Brukernavn', 'kari-tastatur');
  await typeIn(page, 'Passord', 'Fjelltur-i-regn-2027', false);  // a password's text is never mirrored
  await press(page, page.getByRole('button', { name: 'Opprett konto' }));
  await page.waitForFunction(() => Module.alisTestState().screen === 'home', null, { timeout: 15000 }).catch(async (e) => {
    throw new Error(`registration: ${e.message}; visible: ${(await portalState(page)).items.map((i) => i.label).join(' | ')}`);
  });
  await nextFrames(page);

  // The profile: the first tab.
  await page.getByRole('tab', { name: 'Profil', selected: true }).waitFor({ state: 'attached' });
  await typeIn(page, 'HPR-nummer', '9876543');
  // Enter opens the list, Escape closes it, Enter opens it again and Enter on an option picks it.
  const combo = page.getByRole('combobox', { name: 'Kommune' });
  await press(page, combo);
  await page.waitForSelector('[role="combobox"][aria-label="Kommune"][aria-expanded="true"]', { state: 'attached' });
  await page.keyboard.press('Escape');
  await nextFrames(page);
  await page.waitForSelector('[role="combobox"][aria-label="Kommune"][aria-expanded="false"]', { state: 'attached' });
  assert.equal(await page.getByRole('option').count(), 0, 'no options once closed');
  await press(page, combo);
  await press(page, page.getByRole('option', { name: 'Bergen kommune' }));
  await page.waitForFunction(() => document.querySelector('[role="combobox"][aria-label="Kommune"]')?.textContent === 'Bergen kommune');
  await typeIn(page, 'Start i allmennpraksis', '15.08.2019');
  await press(page, page.getByRole('button', { name: 'Lagre', exact: true }));
  await waitForSync(page, () => Module.alisTestState().sync.pending === 0 && Module.alisTestState().sync.last_sync !== '', 'profile sent');

  // Free time: another tab, two dates and "Legg til"; the new row is a row of the table.
  await press(page, page.getByRole('tab', { name: 'Ledig tid' }));
  await page.getByRole('tab', { name: 'Ledig tid', selected: true }).waitFor({ state: 'attached' });
  assert.equal(await page.title(), 'Ledig tid – ALIS-portalen Vest');
  await typeIn(page, 'Fra', '01.03.2027');
  await typeIn(page, 'Til og med', '31.08.2027');
  await press(page, page.getByRole('button', { name: 'Legg til' }));
  await page.getByRole('row').getByRole('cell', { name: '01.03.2027' }).waitFor({ state: 'attached', timeout: 15000 });
  await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'free time sent');

  // A wish: a hospital chosen with the arrow keys, a date, "Legg til"; the wish is listed.
  await press(page, page.getByRole('tab', { name: 'Ønsker' }));
  await page.getByRole('tab', { name: 'Ønsker', selected: true }).waitFor({ state: 'attached' });
  await page.getByRole('combobox', { name: 'Sykehus' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option');
  await page.keyboard.press('ArrowDown');  // past "(alle)" to the first hospital
  const hospital = await focusedName(page);
  assert.notEqual(hospital, '(alle)');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => document.querySelector('[role="combobox"][aria-label="Sykehus"]')?.textContent === h, hospital);
  await typeIn(page, 'Tidligst start', '01.03.2027');
  await press(page, page.getByRole('button', { name: 'Legg til', exact: true }));
  await page.waitForFunction((h) => Module.alisTestState().items.some((i) => i.label.startsWith(`1. ${h}`)), hospital, { timeout: 15000 })
    .catch(async (e) => { throw new Error(`the wish: ${e.message}; visible: ${(await portalState(page)).items.map((i) => i.label).join(' | ')}`); });
  await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'wish sent');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hospital coordinator publishes a period with the keyboard alone', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, portal.server.url, 'demo-sykehus', 'demo-passord-2027');
  await page.getByRole('tab', { name: 'Perioder', selected: true }).waitFor({ state: 'attached' });
  await page.getByRole('combobox', { name: 'Avdeling' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option');
  await page.keyboard.press('End');
  const department = await focusedName(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction((d) => document.querySelector('[role="combobox"][aria-label="Avdeling"]')?.textContent === d, department);
  await typeIn(page, 'Fra', '01.09.2027');
  await typeIn(page, 'Til og med', '29.02.2028');  // six whole months: 2028 is a leap year
  // Space toggles the checkbox (ticked by default: this period has no on-call duty).
  const onCall = page.getByRole('checkbox', { name: 'Deltar i vaktordning' });
  assert.equal(await onCall.getAttribute('aria-checked'), 'true');
  await press(page, onCall, 'Space');
  await page.getByRole('checkbox', { name: 'Deltar i vaktordning', checked: false }).waitFor({ state: 'attached' });
  await typeIn(page, 'Veileder', 'Dr. Tastesen');
  await typeIn(page, 'Årsak (f.eks. foreldrepermisjon)', 'Foreldrepermisjon');
  await press(page, page.getByRole('button', { name: 'Publiser', exact: true }));
  await page.getByRole('row').getByRole('cell', { name: '01.09.2027', exact: true }).first().waitFor({ state: 'attached', timeout: 15000 })
    .catch(async (e) => { throw new Error(`the period: ${e.message}; visible: ${(await portalState(page)).items.map((i) => `${i.role} ${i.label}`).join(' | ')}`); });
  await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'period sent');
  assert.deepEqual(errors, []);
  await context.close();
});


test('arrow keys, Home and End move between the tabs and open them; only the open tab is in the Tab order', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-sykehus', 'demo-passord-2027');
  const selected = page.getByRole('tab', { selected: true });
  await page.getByRole('tab', { name: 'Perioder', selected: true }).waitFor({ state: 'attached' });
  const inTabOrder = () => page.evaluate(() => [...document.querySelectorAll('[role=tab]')].filter((t) => t.tabIndex === 0).map((t) => t.textContent));
  assert.deepEqual(await inTabOrder(), ['Perioder']);
  await selected.focus();
  // The hospital's tabs: Perioder, Tidslinje, Varsler, Evaluering.
  for (const [key, name] of [['ArrowRight', 'Tidslinje'], ['ArrowRight', 'Varsler'], ['End', 'Evaluering'], ['ArrowRight', 'Perioder'],
    ['ArrowLeft', 'Evaluering'], ['ArrowLeft', 'Varsler'], ['Home', 'Perioder']]) {
    await page.keyboard.press(key);
    await page.waitForFunction((n) => document.title.startsWith(n), name);
    await page.getByRole('tab', { name, selected: true }).waitFor({ state: 'attached' });
    // The alerts' tab may carry its unread count ("Varsler (1 ny)").
    assert.ok((await focusedName(page)).startsWith(name), `${key}: focus on the tab opened, not ${await focusedName(page)}`);
    const order = await inTabOrder();
    assert.ok(order.length === 1 && order[0].startsWith(name), `${key}: only the open tab in the Tab order: ${order}`);
  }
  await context.close();
});

test('arrow keys move in a combo box\'s list and in a table (the calendar\'s days); Enter chooses', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, portal.server.url, 'demo-lege', 'demo-passord-2027');
  await page.getByRole('tab', { name: 'Profil', selected: true }).waitFor({ state: 'attached' });

  // Down on the closed combo opens its list and focuses an option; Down moves on; Enter chooses it
  // and focus returns to the combo.
  const combo = page.getByRole('combobox', { name: 'Kommune' });
  await combo.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('[role="combobox"][aria-label="Kommune"][aria-expanded="true"]', { state: 'attached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option');
  const options = await page.getByRole('option').allTextContents();
  assert.ok(options.length >= 3, `options: ${options}`);
  assert.equal(await focusedName(page), options[0], 'nothing chosen yet: the first option');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedName(page), options[1]);
  await page.keyboard.press('End');
  assert.equal(await focusedName(page), options[options.length - 1]);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedName(page), options[1]);
  await page.keyboard.press('Enter');
  await page.waitForFunction((o) => document.querySelector('[role="combobox"][aria-label="Kommune"]')?.textContent === o, options[1]);
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Kommune');
  assert.equal(await page.getByRole('option').count(), 0, 'the list closed');

  // The calendar: Enter on its button opens it; Tab reaches the months' arrows and then the first
  // day; Down is a week later, Right the next day, Up a week earlier; Enter picks the day.
  await page.getByRole('button', { name: 'Velg dato: Start i allmennpraksis' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '1. januar 2027', exact: true }).waitFor({ state: 'attached' });
  for (const name of ['Forrige måned', 'Neste måned', '1. januar 2027']) {
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), name);
  }
  // 1 January 2027 is a Friday: a week later is the 8th; Left on the row's first day stays.
  for (const [key, want] of [['ArrowDown', 8], ['ArrowRight', 9], ['ArrowUp', 2], ['ArrowLeft', 1], ['ArrowLeft', 1]]) {
    await page.keyboard.press(key);
    assert.equal(await focusedName(page), `${want}. januar 2027`, key);
  }
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[aria-label="Start i allmennpraksis"]')?.value === '09.01.2027');
  assert.deepEqual(errors, []);
  await context.close();
});
