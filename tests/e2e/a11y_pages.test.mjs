// Each screen has an address and a title (WCAG 2.4.2), back and forward move between screens, a deep
// link opens its screen, <html lang> follows the language, and changes are announced through live
// regions (4.1.3): the sync state, "Lagret", a field's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, waitForFrame, nextFrames, portalState, logIn, typeInto, clickLabel, cutApi, restoreApi } from './lib/portal.mjs';

const portal = usePortal(['--demo']);

const screenIs = (page, s) => page.waitForFunction((x) => Module.alisTestState().screen === x, s);
const announced = (page, kind, text) => page.waitForFunction(([k, t]) =>
  (document.getElementById(`alis-announce-${k}`)?.textContent ?? '').includes(t) ||
  (window.alisSaid ?? []).some((said) => said.includes(t)), [kind, text]).catch(async (e) => {
  const said = await page.evaluate((k) => document.getElementById(`alis-announce-${k}`)?.textContent, kind);
  const status = (await portalState(page)).items.filter((i) => ['status', 'alert'].includes(i.role)).map((i) => i.label);
  throw new Error(`"${text}" not announced (${kind}): the region says "${said}"; status items: ${status.join(' | ')}; ${e.message}`);
});

test('screens have addresses and titles; back, forward and a deep link land on the right screen', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await nextFrames(page);
  assert.equal(await page.evaluate(() => location.hash), '#/start');
  assert.equal(await page.title(), 'ALIS-portalen Vest');
  await page.getByRole('button', { name: 'Logg inn' }).press('Enter');
  await screenIs(page, 'log_in');
  await page.waitForFunction(() => location.hash === '#/log_in' && document.title === 'Logg inn – ALIS-portalen Vest');
  await page.getByRole('button', { name: 'Tilbake' }).press('Enter');
  await screenIs(page, 'start');
  await page.getByRole('button', { name: 'Registrer deg som fastlege' }).press('Enter');
  await screenIs(page, 'register_gp');
  await page.goBack();
  await screenIs(page, 'start');
  await page.goBack();
  await screenIs(page, 'log_in');
  await page.goForward();
  await screenIs(page, 'start');
  await page.goForward();
  await screenIs(page, 'register_gp');
  assert.equal(await page.title(), 'Registrer deg som fastlege – ALIS-portalen Vest');

  // A deep link, opened in a new page, shows its screen from the start.
  const other = await context.newPage();
  await other.goto(`${portal.server.url}/#/log_in`);
  await waitForFrame(other);
  await screenIs(other, 'log_in');
  assert.equal((await portalState(other)).route, '#/log_in');
  await context.close();
});

test('a page\'s address: a link opened logged out asks for the log-in and then opens that page; tabs change the address', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${portal.server.url}/#/home/varsler`);
  await waitForFrame(page);
  await screenIs(page, 'log_in');
  await typeInto(page, 'Brukernavn', 'demo-sykehus');
  await typeInto(page, 'Passord', 'demo-passord-2027');
  await clickLabel(page, 'Logg inn');
  await page.waitForFunction(() => location.hash === '#/home/varsler' && document.title.startsWith('Varsler'));
  await page.getByRole('tab', { name: 'Tidslinje' }).press('Enter');
  await page.waitForFunction(() => location.hash === '#/home/tidslinje' && document.title.startsWith('Tidslinje'));
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/home/varsler' && document.title.startsWith('Varsler'));
  await context.close();
});

test('<html lang>, the title and the skip link follow the language', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  await page.getByRole('button', { name: 'English' }).press('Enter');
  await nextFrames(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.locator('#alis-skip').textContent(), 'Skip to main content');
  await page.getByRole('button', { name: 'Log in' }).press('Enter');
  await page.waitForFunction(() => document.title === 'Log in – ALIS portal West').catch(async (e) => {
    const st = await portalState(page);
    throw new Error(`title "${await page.title()}", screen ${st.screen}, ${st.language}, focus ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120))}: ${e.message}`);
  });
  await nextFrames(page);
  await page.getByRole('button', { name: 'Nynorsk' }).press('Enter');
  await nextFrames(page);
  await page.waitForFunction(() => document.documentElement.lang === 'nn');
  await context.close();
});

test('the sync state, "Lagret" and a field\'s error are announced', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portal.server.url);
  await waitForFrame(page);
  // A field's error: said at once.
  await clickLabel(page, 'Registrer deg som fastlege');
  await nextFrames(page);
  await typeInto(page, 'Brukernavn', 'x');
  const error = await page.locator('[aria-invalid="true"]').first().evaluate((el) =>
    document.getElementById(el.getAttribute('aria-describedby')).textContent);
  await announced(page, 'assertive', error);

  await logIn(page, portal.server.url, 'demo-lege', 'demo-passord-2027');
  // Everything said from now on, as a screen reader would hear it (the regions change often).
  await page.evaluate(() => {
    window.alisSaid = [];
    for (const id of ['alis-announce-polite', 'alis-announce-assertive']) {
      new MutationObserver(() => window.alisSaid.push(document.getElementById(id).textContent))
        .observe(document.getElementById(id), { childList: true, characterData: true, subtree: true });
    }
  });
  await announced(page, 'polite', 'På nett');
  // Offline: the status line changes and is said.
  await cutApi(page);
  await page.getByRole('button', { name: 'Synkroniser nå' }).press('Enter');
  await announced(page, 'polite', 'Uten nett');
  await restoreApi(page);
  // Saved: "Lagret" is said.
  await typeInto(page, 'HPR-nummer', '9876543');
  await clickLabel(page, 'Kommune');
  await nextFrames(page);
  await clickLabel(page, 'Bergen kommune');
  await nextFrames(page);
  await typeInto(page, 'Start i allmennpraksis', '15.08.2019');
  await clickLabel(page, 'Lagre');
  await announced(page, 'polite', 'Lagret');
  await context.close();
});
