// The matching's explanations a GP can act on, end to end: free time registered as two spans that
// touch is one stretch, so a six-month period across the seam fits; a period refused for one fixable
// cause (no wish names it) comes with the smallest change and a button that makes it, and then fits,
// on the server too. The real alis-sync (--demo: its periods start on the first of the month three
// months from now) and Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, clickLabel, nextFrames, waitForLabel, waitForSync, screenshot, logIn } from './lib/portal.mjs';
import { apiLogin, apiPush, apiPull } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const portal = usePortal(['--demo']);

const norwegian = (iso) => iso.split('-').reverse().join('.');
const shift = (iso, { months = 0, days = 0 }) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

test('touching free time fits a period across the seam; a suggested wish is made with one button and the period fits', async () => {
  const gp = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  const periods = Object.fromEntries((await apiPull(portal.server.url, gp)).changes
    .filter((c) => c.kind === 'period' && c.body).map((c) => [c.id, c.body]));
  const med = periods['p-demo-hb-med'];
  const psyk = periods['p-demo-hb-psyk'];
  assert.ok(med && psyk, 'the demo publishes Helse Bergen\'s two periods');
  // Free from the medical period's start, as two spans that meet two months in; the psychiatric
  // period starts a month later and also lies within the joined stretch.
  const seam = shift(med.start, { months: 2 });
  await apiPush(portal.server.url, gp, [
    ['register_doctor', { id: gp.user.doctor_id, name: 'Kari Nordmann (demo)', hpr_number: '1234567',
      municipality_id: 'bergen', general_practice_start: '2019-01-01' }],
    ['put_available_time', { id: 'a-first', doctor_id: gp.user.doctor_id, start: med.start, end: shift(seam, { days: -1 }) }],
    ['put_available_time', { id: 'a-then', doctor_id: gp.user.doctor_id, start: seam, end: shift(med.start, { months: 12 }) }],
    ['put_wish', { id: 'w-med', doctor_id: gp.user.doctor_id, rank: 1, hospital_id: 'helse-bergen',
      department_id: 'helse-bergen-indremedisin' }],
  ]);

  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  await clickLabel(page, 'Perioder');
  await nextFrames(page);
  const medLine = `Medisinsk avdeling: ${norwegian(med.start)}–${norwegian(med.end)}  (Rangering 1`;
  await waitForLabel(page, medLine);
  // The psychiatric period: its reason, the smallest change, and the button that makes it.
  const button = 'Legg til ønske om Divisjon psykisk helsevern, Helse Bergen (Haukeland universitetssjukehus)';
  await waitForLabel(page, 'Legg til et ønske om Divisjon psykisk helsevern, Helse Bergen (Haukeland universitetssjukehus), så passer perioden.');
  await screenshot(page, 'gp-suggestion');
  await clickLabel(page, button);
  await nextFrames(page);
  await waitForLabel(page, `Divisjon psykisk helsevern: ${norwegian(psyk.start)}–${norwegian(psyk.end)}  (Rangering 2`);
  await waitForLabel(page, button, { present: false });
  await waitForSync(page, () => { const s = Module.alisTestState().sync; return s.pending === 0 && !s.in_flight; }, 'the wish sent');
  const wishes = (await apiPull(portal.server.url, gp)).changes.filter((c) => c.kind === 'wish' && c.body).map((c) => c.body);
  const made = wishes.find((w) => w.department_id === 'helse-bergen-psykiatri');
  assert.ok(made, `the server has the wish: ${JSON.stringify(wishes)}`);
  assert.equal(made.hospital_id, 'helse-bergen');
  assert.equal(made.rank, 2, 'ranked after the GP\'s own wish');
  await context.close();
});
