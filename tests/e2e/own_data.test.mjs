// A GP's own data end to end (GDPR art. 15 and 17): the GP downloads everything the portal holds
// about them as JSON from the Profile tab, then deletes the account with the password; a hospital
// coordinator's browser (another context) no longer lists the GP after its next pull, and the GP
// cannot log in again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { usePortal, portalState, clickLabel, screenshot, typeInto, nextFrames, logIn, waitForLabel } from './lib/portal.mjs';
import { apiLogin, apiPush } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const NAME = 'Eva Sletting (e2e)';
const portal = usePortal(['--demo'], () => seedGp());

// The GP's profile, free time and a wish for Helse Bergen's medical department, set up over the API.
async function seedGp() {
  const gpApi = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  const doctorId = gpApi.user.doctor_id;
  await apiPush(portal.server.url, gpApi, [
    ['register_doctor', { id: doctorId, name: NAME, hpr_number: '1234567', municipality_id: 'bergen',
      general_practice_start: '2019-01-01' }],
    ['put_available_time', { id: 'a-e2e-gdpr', doctor_id: doctorId, start: '2026-12-01', end: '2028-12-31' }],
    ['put_wish', { id: 'w-e2e-gdpr', doctor_id: doctorId, rank: 1, hospital_id: 'helse-bergen',
      department_id: 'helse-bergen-indremedisin' }],
  ]);
}

test('a GP downloads everything the portal holds about them as JSON', async () => {
  const gpContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const gp = await gpContext.newPage();
  await logIn(gp, portal.server.url, 'demo-lege', PASSWORD);
  await waitForLabel(gp, 'Dine opplysninger', { exact: true });
  // The browser's own download, a JSON file with the GP's free time in it.
  const [download] = await Promise.all([
    gp.waitForEvent('download', { timeout: 20000 }),
    clickLabel(gp, 'Last ned alt vi har om deg (JSON)'),
  ]);
  assert.equal(download.suggestedFilename(), 'alis-mine-data.json');
  const data = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(data.account.username, 'demo-lege');
  assert.equal(data.records.doctor.name, NAME);
  assert.deepEqual(data.records.available_times.map((a) => [a.id, a.start, a.end]), [['a-e2e-gdpr', '2026-12-01', '2028-12-31']]);
  assert.ok(!JSON.stringify(data).includes('argon2'), 'no password hash in the export');
  await waitForLabel(gp, 'Filen alis-mine-data.json er lagt i nedlastingene dine.', { exact: true });
  await gpContext.close();
});

test('a GP deletes the account; the hospital no longer lists them and the GP cannot log in', async () => {
  // The hospital coordinator sees the GP among the candidates for its medical department's period.
  const hospitalContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const hospital = await hospitalContext.newPage();
  await logIn(hospital, portal.server.url, 'demo-sykehus', PASSWORD);
  await waitForLabel(hospital, 'Medisinsk avdeling', { exact: true });
  await clickLabel(hospital, 'Medisinsk avdeling');
  await waitForLabel(hospital, NAME, { exact: true });

  const gpContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const gp = await gpContext.newPage();
  await logIn(gp, portal.server.url, 'demo-lege', PASSWORD);
  await waitForLabel(gp, 'Dine opplysninger', { exact: true });

  // Delete: a confirmation that asks for the password; then the start screen says it is done.
  await clickLabel(gp, 'Slett kontoen min');
  await nextFrames(gp);
  await typeInto(gp, 'Passordet ditt (for å bekrefte)', PASSWORD);
  await clickLabel(gp, 'Slett alt');
  await gp.waitForFunction(() => Module.alisTestState().screen === 'start', null, { timeout: 20000 });
  await waitForLabel(gp, 'Kontoen og opplysningene dine er slettet.', { exact: true });
  await screenshot(gp, 'own-data-deleted');
  assert.equal((await portalState(gp)).user, '');
  // Nothing of the user is left in the browser's storage: a reload opens the start screen.
  await gp.reload();
  await gp.waitForFunction(() => window.Module && Module.calledRun && Module._alis_test_state && Module.alisTestState().frame >= 2,
    null, { timeout: 20000 });
  assert.equal((await portalState(gp)).screen, 'start');

  // The hospital's next pull drops the GP.
  await hospital.bringToFront();
  await clickLabel(hospital, 'Synkroniser nå');
  await waitForLabel(hospital, NAME, { exact: true, present: false });

  // Logging in again fails, in the portal and over the API.
  await gp.bringToFront();
  await clickLabel(gp, 'Logg inn');
  await nextFrames(gp);
  await typeInto(gp, 'Brukernavn', 'demo-lege');
  await typeInto(gp, 'Passord', PASSWORD);
  await clickLabel(gp, 'Logg inn');
  await waitForLabel(gp, 'Feil brukernavn eller passord.', { exact: true });
  await assert.rejects(apiLogin(portal.server.url, 'demo-lege', PASSWORD), /401/);
  await hospitalContext.close();
  await gpContext.close();
});
