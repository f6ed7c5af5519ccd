// The ALIS office's "Brukere" tab end to end: demo-kontor creates a hospital coordinator's account,
// the coordinator logs in with the one-time password in another browser, is made to choose a password
// before anything else, and then sees the hospital home; the office disables the account again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, waitForFrame, portalState, clickLabel, labels, screenshot, typeInto, nextFrames, waitForSync, cutApi, restoreApi, logIn, waitForLabel } from './lib/portal.mjs';

const PASSWORD = 'demo-passord-2027';
const ONE_TIME = /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/;
const portal = usePortal(['--demo']);

async function shows(page, label) {
  return labels(await portalState(page)).includes(label);
}

// Clicks the button `button` in the table row whose first cell reads `row`.
async function clickInRow(page, row, button) {
  const state = await portalState(page);
  const cell = state.items.find((i) => i.label === row);
  if (!cell) throw new Error(`no row "${row}"; visible: ${labels(state).join(' | ')}`);
  const item = state.items.find((i) => i.label === button && Math.abs(i.y + i.h / 2 - (cell.y + cell.h / 2)) < cell.h);
  if (!item) throw new Error(`no "${button}" in the row of "${row}"`);
  const ratio = state.canvas.pixel_ratio || 1;
  await page.mouse.move((item.x + item.w / 2) / ratio, (item.y + item.h / 2) / ratio);
  await page.mouse.down();
  await page.mouse.up();
}

test('the office creates a hospital account; its one-time password must be replaced before anything else', async () => {
  const officeContext = await portal.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await officeContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.server.url });
  const office = await officeContext.newPage();
  await logIn(office, portal.server.url, 'demo-kontor', PASSWORD);
  await clickLabel(office, 'Brukere');
  await waitForLabel(office, 'demo-kontor (deg)', { exact: true, timeout: 15000 });
  assert.ok(await shows(office, 'demo-sykehus'), 'the list shows the other accounts');

  // Create stays disabled, and each field says what is wrong, until the form is valid.
  await typeInto(office, 'Brukernavn', 'k');
  assert.ok(await shows(office, 'Brukernavnet må ha 3–64 tegn: små bokstaver a–z, sifre og . _ - @.'));
  assert.ok(await shows(office, 'Fyll ut feltene som er merket.'));
  await clickLabel(office, 'Opprett konto');
  await nextFrames(office);
  assert.ok(!labels(await portalState(office)).some((l) => ONE_TIME.test(l)), 'a disabled Create sends nothing');
  await typeInto(office, 'Brukernavn', 'ari.koordinator');
  assert.ok(!(await shows(office, 'Brukernavnet må ha 3–64 tegn: små bokstaver a–z, sifre og . _ - @.')));

  // The organisations offered are the role's kind: hospital trusts for a hospital coordinator.
  await clickLabel(office, 'Organisasjon', 'combobox');  // not the accounts table's column
  await nextFrames(office);
  // The combo's options, not the accounts table's cells (which name every account's organisation).
  const offered = (await portalState(office)).items.filter((i) => i.role === 'option').map((i) => i.label);
  assert.ok(offered.includes('Haraldsplass Diakonale Sykehus'), `offered: ${offered.join(', ')}`);
  assert.ok(!offered.includes('Bergen kommune'), 'no municipality for a hospital coordinator');
  assert.ok(!offered.includes('Medisinsk avdeling'), 'no department either');
  await clickLabel(office, 'Helse Bergen (Haukeland universitetssjukehus)', 'option');
  await nextFrames(office);
  await typeInto(office, 'Fullt navn', 'Kari Koordinator');
  await typeInto(office, 'E-post', 'kari@helse-bergen.no');
  assert.ok(!(await shows(office, 'Fyll ut feltene som er merket.')));
  await clickLabel(office, 'Opprett konto');
  await office.waitForFunction((re) => Module.alisTestState().items.some((i) => new RegExp(re).test(i.label)),
    ONE_TIME.source, { timeout: 15000 });
  const oneTime = labels(await portalState(office)).find((l) => ONE_TIME.test(l));
  assert.ok(await shows(office, 'Engangspassord for kari.koordinator:'));
  assert.ok(labels(await portalState(office)).some((l) => l.startsWith('Gi passordet til personen på en trygg måte')));
  await waitForLabel(office, 'kari.koordinator', { exact: true, timeout: 15000 });
  assert.ok(await shows(office, 'Må velge passord'));
  await clickLabel(office, 'Kopier');
  await waitForLabel(office, 'Kopiert.', { exact: true, timeout: 15000 });
  assert.equal(await office.evaluate(() => navigator.clipboard.readText()), oneTime);
  await screenshot(office, 'office-users');

  // The coordinator logs in with it in another browser and is made to choose a password first.
  const hospitalContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const hospital = await hospitalContext.newPage();
  await hospital.goto(portal.server.url);
  await waitForFrame(hospital);
  await clickLabel(hospital, 'Logg inn');
  await nextFrames(hospital);
  await typeInto(hospital, 'Brukernavn', 'kari.koordinator');
  await typeInto(hospital, 'Passord', oneTime);
  await clickLabel(hospital, 'Logg inn');
  await hospital.waitForFunction(() => Module.alisTestState().screen === 'change_password', null, { timeout: 15000 });
  await nextFrames(hospital);
  assert.ok(await shows(hospital, 'Velg nytt passord'));
  assert.ok(!(await shows(hospital, 'Perioder')), 'nothing of the home screen before the change');
  assert.ok(await shows(hospital, 'Minst 10 tegn, uten brukernavnet.'));
  await typeInto(hospital, 'Engangspassord', oneTime);
  await typeInto(hospital, 'Nytt passord', 'mitt-eget-passord');
  await typeInto(hospital, 'Gjenta nytt passord', 'mitt-eget-passor');
  assert.ok(await shows(hospital, 'Passordene er ikke like.'));
  await screenshot(hospital, 'forced-password-change');
  await typeInto(hospital, 'Gjenta nytt passord', 'd');
  assert.ok(!(await shows(hospital, 'Passordene er ikke like.')));
  await clickLabel(hospital, 'Lagre nytt passord');
  await hospital.waitForFunction(() => Module.alisTestState().screen === 'home', null, { timeout: 15000 });
  await waitForSync(hospital, () => Module.alisTestState().sync.last_sync !== '', 'first sync after the change');
  await nextFrames(hospital);
  assert.ok(await shows(hospital, 'Perioder'), 'the hospital home');
  await screenshot(hospital, 'hospital-home-after-password');

  // The office sees the account active, then disables it: the coordinator's session ends.
  await clickLabel(office, 'Oppdater');
  await office.waitForFunction(() => {
    const items = Module.alisTestState().items;
    const row = items.find((i) => i.label === 'kari.koordinator');
    return row && items.some((i) => i.label === 'Aktiv' && Math.abs(i.y - row.y) < row.h);
  }, null, { timeout: 15000 });
  await clickInRow(office, 'kari.koordinator', 'Deaktiver');
  await office.waitForFunction(() => {
    const items = Module.alisTestState().items;
    const row = items.find((i) => i.label === 'kari.koordinator');
    return row && items.some((i) => i.label === 'Deaktivert' && Math.abs(i.y - row.y) < row.h);
  }, null, { timeout: 15000 });
  await clickLabel(hospital, 'Synkroniser nå');
  await waitForSync(hospital, () => Module.alisTestState().sync.needs_login, 'the disabled account is logged out');

  // Offline, the tab says that accounts need a connection rather than showing a stale list as current.
  await cutApi(office);
  await clickLabel(office, 'Oppdater');
  await waitForLabel(office, 'Brukerkontoene ligger på serveren: å se og endre dem krever nett.', { exact: true, timeout: 15000 });
  await restoreApi(office);
  await clickLabel(office, 'Oppdater');
  await office.waitForFunction(() => !Module.alisTestState().items.some((i) => i.label.startsWith('Brukerkontoene ligger')),
    null, { timeout: 15000 });

  // Every user reaches "Bytt passord" from the top bar, and can go back without changing it.
  await clickLabel(office, 'Bytt passord');
  await office.waitForFunction(() => Module.alisTestState().screen === 'change_password');
  await nextFrames(office);
  assert.ok(await shows(office, 'Nåværende passord'));
  await screenshot(office, 'change-password');
  await clickLabel(office, 'Tilbake');
  await office.waitForFunction(() => Module.alisTestState().screen === 'home');

  await hospitalContext.close();
  await officeContext.close();
});
