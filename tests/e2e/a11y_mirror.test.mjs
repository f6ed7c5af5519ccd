// The accessible mirror (docs/accessibility.md), as Chromium's accessibility tree shows it: on the
// start screen and on every tab of every role, each item the app's probe reports for the frame is
// in the tree (CDP Accessibility.getFullAXTree) with its role and its name in the chosen language.
// An item drawn without its mirror node fails the test, naming the item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, clickLabel, portalState, nextFrames, logIn, typeInto, waitForSync, waitForFrame } from './lib/portal.mjs';

const PASSWORD = 'demo-passord-2027';
const TOURS = {
  gp: { user: 'demo-lege', tabs: ['Profil', 'Ledig tid', 'Ønsker', 'Perioder', 'Tilbud', 'Varsler'] },
  hospital: { user: 'demo-sykehus', tabs: ['Perioder', 'Tidslinje', 'Varsler', 'Evaluering'] },
  municipality: { user: 'demo-kommune', tabs: ['Kandidater', 'Evaluering'] },
  office: { user: 'demo-kontor', tabs: ['Organisasjoner', 'Regional liste', 'Matching', 'Tidslinje', 'Oversikt', 'Brukere'] },
};
// The probe's roles as Chromium names them. Text, status and alert take no name from their content:
// their text is a StaticText node inside them.
const AX_ROLE = {
  button: 'button', tab: 'tab', textbox: 'textbox', checkbox: 'checkbox', combobox: 'combobox', option: 'option',
  columnheader: 'columnheader', cell: 'cell', heading: 'heading', title: 'heading', text: 'StaticText',
  status: 'StaticText', alert: 'StaticText',
};

const portal = usePortal(['--demo']);

const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

// Every probe item not found in the accessibility tree with its role and name, as "role name".
async function missingFromTree(page, cdp) {
  await nextFrames(page);
  const state = await portalState(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const present = new Set();
  for (const n of nodes) {
    if (n.ignored) continue;
    present.add(`${n.role?.value}|${norm(n.name?.value)}`);
  }
  const missing = [];
  for (const item of state.items) {
    const name = norm(item.label);
    if (!name) continue;  // an unnamed item is listed by unnamedControls
    const role = AX_ROLE[item.role];
    if (!present.has(`${role}|${name}`)) missing.push(`${item.role} "${name}"`);
  }
  return { missing, state };
}

// Controls a person can use that have no name to read out (icons, "##id"-only labels). A column
// header may be empty (the column of row buttons).
function unnamedControls(state) {
  return state.items.filter((i) => !norm(i.label) && !['text', 'cell', 'columnheader'].includes(i.role)).map((i) => i.role);
}

async function checkScreen(page, cdp, where) {
  const { missing, state } = await missingFromTree(page, cdp);
  assert.deepEqual(missing, [], `${where}: drawn but not in the accessibility tree`);
  assert.deepEqual(unnamedControls(state), [], `${where}: controls without a name`);
  return state;
}

test('the start screen is in the accessibility tree, in each language, and the page says which', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await page.goto(portal.server.url);
  await waitForFrame(page);
  const state = await checkScreen(page, cdp, 'start');
  assert.ok(state.items.length >= 15, `the start screen's items: ${state.items.length}`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb');
  await page.getByRole('button', { name: 'Logg inn' }).waitFor({ state: 'attached' });
  for (const [button, lang, login] of [['English', 'en', 'Log in'], ['Nynorsk', 'nn', 'Logg inn'], ['Bokmål', 'nb', 'Logg inn']]) {
    await clickLabel(page, button);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await checkScreen(page, cdp, `start (${lang})`);
    assert.equal(await page.getByRole('button', { name: login, exact: true }).count(), 1);
  }
  await context.close();
});

test('the log-in and registration forms: fields are textboxes named by their labels, errors describe them', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await clickLabel(page, 'Registrer deg som fastlege');
  await nextFrames(page);
  await checkScreen(page, cdp, 'register');
  assert.equal(await page.getByRole('textbox', { name: 'Brukernavn' }).count(), 1);
  // A short user name: the field is invalid and its error is its description.
  await typeInto(page, 'Brukernavn', 'x');
  await nextFrames(page);
  const field = page.getByRole('textbox', { name: 'Brukernavn' });
  await page.waitForFunction(() => document.querySelector('.alis-textbox[aria-invalid="true"]'));
  const described = await field.evaluate((el) => {
    const id = el.getAttribute('aria-describedby');
    return id ? document.getElementById(id)?.textContent : null;
  });
  assert.ok(described && described.length > 5, `the error describing the field: ${described}`);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await context.close();
});

const PAGE_ADDRESS = {
  Profil: 'profil', 'Ledig tid': 'ledig-tid', Ønsker: 'onsker', Perioder: 'perioder', Tilbud: 'tilbud', Varsler: 'varsler',
  Tidslinje: 'tidslinje', Kandidater: 'kandidater', Organisasjoner: 'organisasjoner', 'Regional liste': 'regional-liste',
  Matching: 'matching', Oversikt: 'oversikt', Evaluering: 'evaluering', Brukere: 'brukere',
};

for (const [role, tour] of Object.entries(TOURS)) {
  test(`every tab of the ${role} is in the accessibility tree with roles and names`, async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Accessibility.enable');
    await logIn(page, portal.server.url, tour.user, PASSWORD);
    if (role === 'gp') {
      await typeInto(page, 'HPR-nummer', '9876543');
      await clickLabel(page, 'Kommune');
      await nextFrames(page);
      await clickLabel(page, 'Bergen kommune');
      await nextFrames(page);
      await typeInto(page, 'Start i allmennpraksis', '15.08.2019');
      await clickLabel(page, 'Lagre');
      await waitForSync(page, () => Module.alisTestState().sync.pending === 0, 'profile sent');
    }
    for (const tab of tour.tabs) {
      await clickLabel(page, tab);
      await nextFrames(page);
      const state = await checkScreen(page, cdp, `${role} / ${tab}`);
      const selected = page.getByRole('tab', { name: tab, selected: true });
      assert.equal(await selected.count(), 1, `${role} / ${tab}: the open tab is selected`);
      assert.equal(await page.title(), `${tab} – ALIS-portalen Vest`);
      // Each page has its address (web/role_home.cpp), also in the location bar.
      assert.equal(state.route, `#/home/${PAGE_ADDRESS[tab]}`);
      assert.equal(await page.evaluate(() => location.hash), state.route);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}
