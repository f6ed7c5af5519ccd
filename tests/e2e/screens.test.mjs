// A tour of every screen for every role, as the demo accounts see them: each tab is opened by a
// click on its label, must draw without a page error, and is saved as a screenshot in artifacts/e2e/
// so a person can look at all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, clickLabel, labels, portalState, screenshot, nextFrames, logIn, typeInto, waitForSync } from './lib/portal.mjs';
import { fillProfile } from './lib/gp_steps.mjs';

const PASSWORD = 'demo-passord-2027';
// Per role: the tabs in order, and a label each tab shows only once it is open (so a tab that draws
// nothing, or a click that does not switch tabs, fails). The first tab is open after log-in.
const TOURS = {
  gp: {
    user: 'demo-lege',
    tabs: [['Profil', 'HPR-nummer'], ['Ledig tid', 'Til og med'], ['Ønsker', 'Avdeling'], ['Perioder', 'Perioder som passer'],
      ['Tilbud', 'Ingen tilbud.'], ['Varsler', 'Nytt for deg']],
  },
  hospital: {
    user: 'demo-sykehus',
    tabs: [['Perioder', 'Publiser'], ['Tidslinje', 'Medisinsk avdeling – Helse Bergen (Haukeland universitetssjukehus)'],
      ['Varsler', 'Abonnementer']],
  },
  municipality: { user: 'demo-kommune', tabs: [['Kandidater', 'Ingrid Haugland (demo)']] },
  office: {
    user: 'demo-kontor',
    tabs: [['Organisasjoner', 'Filter'], ['Regional liste', 'Forslag'], ['Matching', 'Forklaring'],
      ['Tidslinje', 'Medisinsk avdeling – Helse Bergen (Haukeland universitetssjukehus)'], ['Oversikt', 'Fastleger i ALIS'],
      ['Brukere', 'Ny brukerkonto']],
  },
};

const portal = usePortal(['--demo']);

for (const [role, tour] of Object.entries(TOURS)) {
  test(`every screen of the ${role} draws, and is saved as a screenshot`, async () => {
    const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, portal.server.url, tour.user, PASSWORD);
    if (role === 'gp') await fillProfile(page, { hpr: '9876543', start: '15.08.2019' });  // the demo GP starts without one; the other tabs need it
    for (const [index, [tab, expected]] of tour.tabs.entries()) {
      const before = labels(await portalState(page));
      await clickLabel(page, tab);
      await nextFrames(page);
      const shown = labels(await portalState(page));
      assert.ok(shown.includes(expected), `${role} / ${tab}: expected "${expected}"; visible: ${shown.join(' | ')}`);
      if (index > 0) assert.ok(!before.includes(expected), `${role} / ${tab}: "${expected}" was there before the click`);
      await screenshot(page, `screen-${role}-${tab.toLowerCase().replace(/[^a-zæøå]+/g, '-')}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}
