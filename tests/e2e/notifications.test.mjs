// Notifications reach the portal: the server's job makes one for an offer, the GP's next sync round
// brings the unread count to the Alerts tab, and opening the tab marks it read on the server.
// The real alis-sync (with --test-clock, for running its jobs now) and Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, clickLabel, labels, screenshot, waitForSync, logIn } from './lib/portal.mjs';
import { apiLogin, apiPost, apiPush } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const portal = usePortal(['--demo', '--test-clock']);

const alertsTab = (state) => labels(state).find((l) => /^Varsler( \(.*\))?$/.test(l));

test('an offer made to a GP shows as "Varsler (1 ny)" after the next sync, and opening the tab marks it read', async () => {
  const office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const gp = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  await apiPush(portal.server.url, office, [
    ['register_doctor', { id: gp.user.doctor_id, name: 'Kari Nordmann (demo)', hpr_number: '1234567',
      municipality_id: 'bergen', general_practice_start: '2019-01-01' }],
    ['publish_period', { id: 'p-varsel', hospital_id: 'haraldsplass', department_id: 'haraldsplass-indremedisin',
      start: '2027-03-01', end: '2027-08-31', places: 1, published_on: '2026-11-22' }],
    ['make_offer', { id: 'o-varsel', period_id: 'p-varsel', hospital_id: 'haraldsplass', doctor_id: gp.user.doctor_id,
      start: '2027-03-01', end: '2027-08-31' }],
  ]);

  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  assert.equal(alertsTab(await portalState(page)), 'Varsler', 'no notification before the job has run');

  // The server's job makes the notification; the portal learns of it with its next sync round.
  await apiPost(portal.server.url, gp, '/api/test/run-jobs');
  const listed = await apiPost(portal.server.url, gp, '/api/notifications');
  const offers = listed.notifications.filter((n) => n.kind === 'offer_made' && !n.read);
  assert.equal(offers.length, 1, JSON.stringify(listed));
  const unread = listed.notifications.filter((n) => !n.read && n.in_app).length;
  await clickLabel(page, 'Synkroniser nå');
  const want = `Varsler (${unread} ${unread === 1 ? 'ny' : 'nye'})`;
  await page.waitForFunction((label) => Module.alisTestState().items.some((i) => i.label === label), want,
    { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
  // Told to a screen reader too: the status line (a polite live region) counts the new alerts.
  const status = (await portalState(page)).items.filter((i) => i.role === 'status').map((i) => i.label).join(' | ');
  assert.ok(status.includes(`${unread} ${unread === 1 ? 'nytt varsel' : 'nye varsler'}`), `status: ${status}`);
  await screenshot(page, 'alerts-unread');

  // Opened: the offer is shown as new, and the server has it as read.
  await clickLabel(page, want);
  await page.waitForFunction(() => Module.alisTestState().items.some((i) => i.label.startsWith('Nytt: ')), null,
    { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${e.message}; visible: ${labels(await portalState(page)).join(' | ')}`);
  });
  const fresh = labels(await portalState(page)).filter((l) => l.startsWith('Nytt: '));
  assert.ok(fresh.some((l) => l.includes('Haraldsplass')), `the offer is among the new ones: ${fresh.join(' | ')}`);
  await waitForSync(page, () => Module.alisTestState().items.some((i) => i.label === 'Varsler'), 'the count gone');
  const after = await apiPost(portal.server.url, gp, '/api/notifications');
  assert.equal(after.notifications.filter((n) => !n.read && n.in_app).length, 0, JSON.stringify(after));
  await screenshot(page, 'alerts-read');
  await context.close();
});
