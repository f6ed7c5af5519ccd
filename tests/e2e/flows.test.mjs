// The end-to-end scenarios, as people would do them: the real alis-sync (with its demo
// organisations and accounts), the real WebAssembly app, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, waitForFrame, portalState, clickLabel, labels, screenshot, typeInto, nextFrames, waitForSync, cutApi, restoreApi, logIn } from './lib/portal.mjs';
import { apiLogin, apiPush, apiPull } from './lib/api.mjs';
import { pick } from './lib/gp_steps.mjs';

const PASSWORD = 'demo-passord-2027';
const portal = usePortal(['--demo']);

test('a GP registers, edits offline across a reload, syncs, and the hospital sees the GP as a candidate', async () => {
  // The hospital coordinator publishes a period first.
  const hospitalContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const hospital = await hospitalContext.newPage();
  await logIn(hospital, portal.server.url, 'demo-sykehus', PASSWORD);
  await pick(hospital, 'Avdeling', 'Medisinsk avdeling');
  await typeInto(hospital, 'Fra', '01.02.2027');
  await typeInto(hospital, 'Til og med', '31.07.2027');
  await typeInto(hospital, 'Veileder', 'Overlege Åsmund Ærø');
  await clickLabel(hospital, 'Publiser');
  await waitForSync(hospital, () => Module.alisTestState().sync.pending === 0, 'period sent');

  // A GP registers online and fills in the profile.
  const gpContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const gp = await gpContext.newPage();
  await gp.goto(portal.server.url);
  await waitForFrame(gp);
  await clickLabel(gp, 'Registrer deg som fastlege');
  await nextFrames(gp);
  await typeInto(gp, 'Fullt navn', 'Åse Ødegård');
  await typeInto(gp, 'E-post', 'ase@example.no');
  await typeInto(gp, 'Brukernavn', 'ase');
  await typeInto(gp, 'Passord', 'et-langt-passord');
  await clickLabel(gp, 'Opprett konto');
  await gp.waitForFunction(() => Module.alisTestState().screen === 'home', null, { timeout: 15000 });
  await typeInto(gp, 'HPR-nummer', '9876543');
  await pick(gp, 'Kommune', 'Bergen kommune');
  await typeInto(gp, 'Start i allmennpraksis', '15.08.2019');
  await clickLabel(gp, 'Lagre');
  await waitForSync(gp, () => Module.alisTestState().sync.pending === 0 && Module.alisTestState().sync.online, 'profile sent');
  await screenshot(gp, 'gp-profile');

  // Offline: free time and a wish, then a reload with no network at all (the page itself comes from
  // the service worker, shell/browser/sw.js).
  await gp.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  await gpContext.setOffline(true);
  await clickLabel(gp, 'Ledig tid');
  await nextFrames(gp);
  await typeInto(gp, 'Fra', '01.01.2027');
  await typeInto(gp, 'Til og med', '31.12.2027');
  await clickLabel(gp, 'Legg til');
  await clickLabel(gp, 'Ønsker');
  await nextFrames(gp);
  await pick(gp, 'Sykehus', 'Helse Bergen (Haukeland universitetssjukehus)');
  await pick(gp, 'Avdeling', 'Medisinsk avdeling');
  await clickLabel(gp, 'Legg til');
  await nextFrames(gp);
  let state = await portalState(gp);
  assert.equal(state.sync.pending, 2);
  await waitForSync(gp, () => !Module.alisTestState().sync.online, 'noticed offline');
  await screenshot(gp, 'gp-wishes-offline');
  await gp.waitForFunction(() => !Module.alisUnsaved());  // every change committed to IndexedDB
  const reloaded = await gp.reload();
  assert.ok(reloaded.fromServiceWorker(), 'the page opened from the service worker');
  state = await waitForFrame(gp);
  assert.equal(state.screen, 'home');
  assert.equal(state.sync.pending, 2, 'the offline changes are still waiting after the reload');
  await clickLabel(gp, 'Ledig tid');
  await nextFrames(gp);
  assert.ok(labels(await portalState(gp)).includes('01.01.2027'));

  // Back online: the changes reach the server.
  await gpContext.setOffline(false);
  await clickLabel(gp, 'Synkroniser nå');
  await waitForSync(gp, () => Module.alisTestState().sync.pending === 0 && Module.alisTestState().sync.online, 'offline changes sent');
  const office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const everything = await apiPull(portal.server.url, office);
  const ase = everything.changes.find((c) => c.kind === 'doctor' && c.body.name === 'Åse Ødegård');
  assert.ok(ase, 'the profile typed with æ, ø, å is stored exactly');
  assert.equal(ase.body.hpr_number, '9876543');
  const mine = (kind) => everything.changes.filter((c) => c.kind === kind && !c.deleted && c.body.doctor_id === ase.body.id);
  assert.deepEqual(mine('wish').map((c) => c.body.department_id), ['helse-bergen-indremedisin']);
  assert.deepEqual(mine('available_time').map((c) => [c.body.start, c.body.end]), [['2027-01-01', '2027-12-31']]);

  // The hospital, in its own browser context, sees the GP among the period's candidates.
  await clickLabel(hospital, 'Synkroniser nå');
  await hospital.waitForFunction(() => Module.alisTestState().items.some((i) => i.label === 'Medisinsk avdeling'));
  await clickLabel(hospital, 'Medisinsk avdeling');
  // The demo's own GPs rank first by score; Åse is listed among the candidates.
  await hospital.waitForFunction(() => Module.alisTestState().items.some((i) => i.label === 'Åse Ødegård'),
    null, { timeout: 20000 }).catch(async (e) => {
    await screenshot(hospital, 'hospital-candidates-failed');
    throw new Error(`${e.message}; visible: ${labels(await portalState(hospital)).join(' | ')}`);
  });
  await screenshot(hospital, 'hospital-candidates');
  await hospitalContext.close();
  await gpContext.close();
});

test('two GPs accept the one place while offline: after sync one holds it, the other sees why not', async () => {
  const office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const lege = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  const lege2 = await apiLogin(portal.server.url, 'demo-lege2', PASSWORD);
  const doctor = (s, name) => ({ id: s.user.doctor_id, name, hpr_number: '1234567', municipality_id: 'bergen',
    general_practice_start: '2019-01-01' });
  await apiPush(portal.server.url, office, [
    ['register_doctor', doctor(lege, 'Kari Nordmann (demo)')],
    ['register_doctor', doctor(lege2, 'Ola Nordmann (demo)')],
    ['publish_period', { id: 'p-one-place', hospital_id: 'haraldsplass', department_id: 'haraldsplass-indremedisin',
      start: '2027-03-01', end: '2027-08-31', places: 1, published_on: '2026-11-22' }],
    ...[lege, lege2].map((s, i) => ['make_offer', { id: `o-${i}`, period_id: 'p-one-place', hospital_id: 'haraldsplass',
      doctor_id: s.user.doctor_id, start: '2027-03-01', end: '2027-08-31' }]),
  ]);

  const pages = [];
  for (const username of ['demo-lege', 'demo-lege2']) {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await logIn(page, portal.server.url, username, PASSWORD);
    await clickLabel(page, 'Tilbud');
    await nextFrames(page);
    await cutApi(page);
    await clickLabel(page, 'Godta');
    await nextFrames(page);
    assert.equal((await portalState(page)).sync.pending, 1);
    pages.push(page);
  }
  for (const page of pages) {
    await restoreApi(page);
    await clickLabel(page, 'Synkroniser nå');
    await waitForSync(page, () => Module.alisTestState().sync.pending === 0 && Module.alisTestState().sync.online, 'accept sent');
  }
  const [first, second] = await Promise.all(pages.map(portalState));
  const refused = (s) => labels(s).includes('Endring avvist av serveren: Godta tilbud');
  assert.equal(refused(first), false, 'the first GP keeps the place');
  assert.equal(refused(second), true, 'the second GP sees the refusal');
  assert.ok(labels(second).includes('Alle plassene i perioden er tatt.'), 'and why');
  await screenshot(pages[1], 'gp-offer-refused');

  const offers = (await apiPull(portal.server.url, office)).changes.filter((c) => c.kind === 'offer').map((c) => c.body);
  assert.deepEqual(offers.filter((o) => o.status === 'accepted').map((o) => o.id), ['o-0']);
  for (const page of pages) await page.context().close();
});
