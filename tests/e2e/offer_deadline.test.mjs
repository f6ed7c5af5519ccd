// An offer's answer deadline end to end: the GP reads "Svar innen DD.MM.ÅÅÅÅ"; the day after it the
// server's daily job lapses the offer, the GP's next sync shows it as expired, accepting is refused
// naming the rule, and both the GP and the hospital get the notification.
// The real alis-sync (--demo --test-clock: the clock is moved and the jobs run through /api/test/*)
// and Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, clickLabel, labels, screenshot, logIn, waitForLabel } from './lib/portal.mjs';
import { apiLogin, apiPost, apiPush, apiPull } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const portal = usePortal(['--demo', '--test-clock']);

const norwegian = (iso) => iso.split('-').reverse().join('.');

test('the GP reads the deadline; after it the offer lapses, cannot be accepted, and both sides are told', async () => {
  let office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const gp = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  const { today } = await apiPost(portal.server.url, office, '/api/test/clock', {});
  const year = Number(today.slice(0, 4)) + 1;
  await apiPush(portal.server.url, office, [
    ['register_doctor', { id: gp.user.doctor_id, name: 'Kari Nordmann (demo)', hpr_number: '1234567',
      municipality_id: 'bergen', general_practice_start: '2019-01-01' }],
    ['publish_period', { id: 'p-frist', hospital_id: 'helse-bergen', department_id: 'helse-bergen-indremedisin',
      start: `${year}-03-01`, end: `${year}-08-31`, places: 1, published_on: today }],
    ['make_offer', { id: 'o-frist', period_id: 'p-frist', hospital_id: 'helse-bergen', doctor_id: gp.user.doctor_id,
      start: `${year}-03-01`, end: `${year}-08-31` }],
  ]);
  const offerNow = async () => (await apiPull(portal.server.url, office)).changes.find((c) => c.kind === 'offer' && c.id === 'o-frist')?.body;
  const offer = await offerNow();
  assert.ok(offer, 'the office pulls the offer');
  const expected = new Date(`${today}T12:00:00Z`);
  expected.setUTCDate(expected.getUTCDate() + 14);
  assert.equal(offer.answer_by, expected.toISOString().slice(0, 10), 'the default deadline is 14 days after the offer');
  const deadline = norwegian(offer.answer_by);

  let context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  let page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  await clickLabel(page, 'Tilbud');
  await waitForLabel(page, `Venter på svar · Svar innen ${deadline}`);
  assert.ok(labels(await portalState(page)).includes('Godta'), 'the GP may still answer');
  await screenshot(page, 'offer-deadline-pending');

  // The deadline day itself is open: the job changes nothing. (Moving the clock two weeks ends the
  // sessions, so everyone logs in again, as they would.)
  await apiPost(portal.server.url, office, '/api/test/clock', { today: offer.answer_by });
  office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  await apiPost(portal.server.url, office, '/api/test/run-jobs');
  assert.equal((await offerNow()).status, 'pending');
  // The day after: the job lapses it, and the GP's next sync brings that.
  await apiPost(portal.server.url, office, '/api/test/clock', { advance_days: 1 });
  office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  await apiPost(portal.server.url, office, '/api/test/run-jobs');
  assert.equal((await offerNow()).status, 'lapsed', 'a versioned change that reaches clients');
  // Two weeks later the session has ended: the GP opens the portal anew and logs in.
  await context.close();
  context = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  await clickLabel(page, 'Tilbud');
  await waitForLabel(page, `Utløpt: ikke besvart innen fristen · Svar innen ${deadline}`);
  assert.ok(!labels(await portalState(page)).includes('Godta'), 'no answer buttons on a lapsed offer');
  await screenshot(page, 'offer-deadline-lapsed');

  // An answer sent anyway (say, from a tab that was offline) is refused, naming the rule and the day.
  const gpAgain = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  const res = await fetch(`${portal.server.url}/api/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: portal.server.url, Cookie: gpAgain.cookie },
    body: JSON.stringify({ client_id: gpAgain.clientId, mutations: [{ id: gpAgain.nextId++, name: 'accept_offer', args: { offer_id: 'o-frist' } }] }),
  });
  assert.equal(res.status, 200);
  const { rejections } = await apiPull(portal.server.url, gpAgain);
  assert.equal(rejections.length, 1, JSON.stringify(rejections));
  const problem = rejections[0].problems[0];
  assert.equal(problem.rule, 'answer_deadline_passed');
  assert.equal(problem.field, 'args.offer_id');
  assert.ok(problem.message.nb.includes(`gikk ut ${deadline}`), problem.message.nb);

  // Both sides are told, through the notifications the job made.
  const hospital = await apiLogin(portal.server.url, 'demo-sykehus', PASSWORD);
  for (const session of [gpAgain, hospital]) {
    const { notifications } = await apiPost(portal.server.url, session, '/api/notifications');
    assert.ok(notifications.some((n) => n.kind === 'offer_lapsed'), `${session.user.id}: ${JSON.stringify(notifications)}`);
  }
  await context.close();
});
