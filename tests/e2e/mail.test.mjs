// Alerts by e-mail, end to end: a GP subscribes in the Alerts tab to new periods by e-mail, a
// hospital coordinator publishes a fitting period in another browser, the server's jobs (every
// second here) send the mail to a real SMTP server on loopback (python3-aiosmtpd), and the
// unsubscribe link in it, followed in Chromium without logging in, ends the subscription.
// The real alis-sync (demo seed), the real WebAssembly app, Debian's Chromium.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, portalState, clickLabel, labels, typeInto, nextFrames, waitForSync, waitForLabel, logIn, screenshot } from './lib/portal.mjs';
import { apiLogin, apiPull } from './lib/api.mjs';
import { pick } from './lib/gp_steps.mjs';
import { startSmtpSink } from './lib/smtp_sink.mjs';

const PASSWORD = 'demo-passord-2027';
const sink = await startSmtpSink();
after(() => sink.stop());
const portal = usePortal(['--demo', '--job-interval', '1', '--smtp-url', sink.url, '--mail-from', 'varsel@alis-vest.no']);

// A GP whose account is in nynorsk: the mail and the unsubscribe page must be too.
async function registerGp(baseUrl) {
  const res = await fetch(`${baseUrl}/api/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ username: 'solveig.nn', password: 'et-langt-passord', name: 'Solveig Nynorsk',
      email: 'solveig@example.no', language: 'nn' }),
  });
  assert.equal(res.status, 201, await res.text());
}

const subscriptionsOf = async (baseUrl, session) => (await apiPull(baseUrl, session)).changes
  .filter((c) => c.kind === 'subscription' && !c.deleted && c.body.user_id === session.user.id);

test('a GP subscribed by e-mail gets the mail for a period published in another browser, and its link unsubscribes', async () => {
  const url = portal.server.url;
  await registerGp(url);
  const api = await apiLogin(url, 'solveig.nn', 'et-langt-passord');

  // The GP subscribes in the Alerts tab: new periods in paediatrics, by e-mail (sent at once: the
  // mail job's turn). The demo's three periods are in other specialties, so only the new one fits.
  const gpContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const gp = await gpContext.newPage();
  await logIn(gp, url, 'solveig.nn', 'et-langt-passord');
  await clickLabel(gp, 'Varsler');
  await nextFrames(gp);
  await waitForLabel(gp, 'Ingen abonnementer ennå.');
  await pick(gp, 'Kanal', 'E-post');
  await typeInto(gp, 'Fagområde', 'pediatri');
  await clickLabel(gp, 'Legg til');
  await nextFrames(gp);
  await waitForSync(gp, () => { const s = Module.alisTestState().sync; return s.pending === 0 && s.online && !s.in_flight; },
    'subscription sent');
  const subscribed = await subscriptionsOf(url, api);
  assert.equal(subscribed.length, 1, JSON.stringify(subscribed));
  assert.equal(subscribed[0].body.channel, 'email');
  assert.equal(subscribed[0].body.specialty, 'pediatri');

  // The coordinator of Helse Bergen publishes a period in the children's clinic.
  const hospitalContext = await portal.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const hospital = await hospitalContext.newPage();
  await logIn(hospital, url, 'demo-sykehus', PASSWORD);
  await pick(hospital, 'Avdeling', 'Barne- og ungdomsklinikken');
  await typeInto(hospital, 'Fra', '01.03.2027');
  await typeInto(hospital, 'Til og med', '31.08.2027');
  await clickLabel(hospital, 'Publiser');
  await waitForSync(hospital, () => Module.alisTestState().sync.pending === 0, 'period sent');

  // The server's jobs make the notification and send its mail: wait for the sink to hold it.
  const mail = await sink.waitForMessage((m) => m.header('to') === 'solveig@example.no', 'the mail to the GP');
  assert.equal(mail.header('from'), 'varsel@alis-vest.no');
  assert.match(mail.header('x-rcptto'), /solveig@example\.no/);
  assert.match(mail.header('subject'), /^=\?UTF-8\?B\?/, 'the subject is RFC 2047 encoded');
  assert.equal(mail.subject, 'ALIS-portalen Vest: Ny periode lyst ut');
  assert.equal(mail.header('content-type'), 'text/plain; charset=UTF-8');
  assert.match(mail.header('message-id'), /^<[0-9a-f]{32}@alis-vest\.no>$/);
  // In nynorsk, the account's language, and pointing to the portal's Alerts tab.
  assert.ok(mail.body.startsWith('Ny periode lyst ut ('), mail.body);
  assert.ok(mail.body.includes('Sjå varselet i ALIS-portalen Vest under Varsel:'), mail.body);
  assert.ok(mail.body.includes(`\n${url}/#/home/varsler\n`), `the Alerts page's address on its own line: ${mail.body}`);
  assert.ok(mail.body.includes('Abonnementa endrar du under Varsel.'), mail.body);
  assert.equal(mail.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  const link = mail.header('list-unsubscribe').match(/^<(.*)>$/)?.[1];
  assert.ok(link?.startsWith(`${url}/api/unsubscribe?token=`), mail.header('list-unsubscribe'));
  // Only the fitting period made a mail (the demo's periods are in other specialties).
  assert.equal(sink.messages().length, 1, sink.messages().map((m) => m.subject).join(' | '));

  // The mail's link opens the portal on its Alerts page, where the GP (still logged in) finds the
  // e-mail subscription (an e-mail-only alert is not listed in the portal).
  // Opened as a mail program opens it: a new tab of the GP's browser.
  const portalLink = mail.body.split('\n').find((line) => line.startsWith('http'));
  const fromMail = await gpContext.newPage();
  await fromMail.goto(portalLink);
  await fromMail.waitForFunction(() => window.Module && Module.calledRun && Module._alis_test_state &&
    Module.alisTestState().screen === 'home' && document.title.startsWith('Varsler'), null, { timeout: 20000 });
  await waitForSync(fromMail, () => Module.alisTestState().sync.last_sync !== '', 'sync after the link');
  await waitForLabel(fromMail, 'E-post', { exact: true });
  await screenshot(fromMail, 'mail-alert');
  await fromMail.close();

  // The unsubscribe link in a browser with no session. A GET only asks (link checkers and
  // prefetchers follow links, RFC 8058): the page, in nynorsk, has a button and changes nothing.
  const strangerContext = await portal.browser.newContext();
  const stranger = await strangerContext.newPage();
  const asked = await stranger.goto(link);
  assert.equal(asked.status(), 200);
  assert.equal(await stranger.getAttribute('html', 'lang'), 'nn');
  assert.equal(await stranger.textContent('h1'), 'Meld av e-postvarsel');
  assert.equal((await subscriptionsOf(url, api)).length, 1, 'a GET changes nothing');
  await screenshot(stranger, 'mail-unsubscribe-asked');
  // The button posts the form: the subscription is ended, and the page says so in nynorsk.
  await Promise.all([stranger.waitForNavigation(), stranger.click('button[type=submit]')]);
  assert.equal(await stranger.textContent('h1'), 'Avmeld');
  assert.match(await stranger.textContent('p'), /^Du får ikkje fleire varsel på e-post\. Abonnement sletta: 1\.$/);
  assert.equal(await stranger.getAttribute('html', 'lang'), 'nn');
  await screenshot(stranger, 'mail-unsubscribed');
  assert.equal((await subscriptionsOf(url, api)).length, 0, 'the server has no subscription left');

  // The GP's Alerts tab shows it gone after the next sync.
  await clickLabel(gp, 'Synkroniser nå');
  await waitForLabel(gp, 'Ingen abonnementer ennå.');
  await strangerContext.close();
  await hospitalContext.close();
  await gpContext.close();
});
