// The documents end to end (issue 14): a GP uploads a CV PDF through Chromium's own file picker, sees
// it listed, downloads it and gets the same bytes; a 6 MB file and a renamed text file are refused
// with their messages; a hospital that may not see the GP gets 403 from /api/documents/get and the
// attempt is in the audit log; a CV chosen offline waits ("Venter på nett") and arrives once the
// browser is online again; on a phone (320x640) the GP deletes her CV through the question "Slette
// «...»?" by keyboard, where "Avbryt" keeps focus and deletes nothing. The real alis-sync with its
// demo, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { usePortal, clickLabel, logIn, waitForLabel, screenshot, nextFrames } from './lib/portal.mjs';
import { apiLogin, apiPush, apiPull } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const NAME = 'Dora Dokument (e2e)';
const portal = usePortal(['--demo'], () => seedGp());

// The GP's profile, with no wish: Helse Stavanger's coordinator does not see her.
async function seedGp() {
  const gp = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  await apiPush(portal.server.url, gp, [
    ['register_doctor', { id: gp.user.doctor_id, name: NAME, hpr_number: '1234567', municipality_id: 'bergen',
      general_practice_start: '2019-01-01' }],
  ]);
}

// A small PDF with NUL and high bytes in its body, as a real one has.
function pdf(text) {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 10]), Buffer.from(`${text}\n%%EOF\n`)]);
}

async function gpPage(options = {}) {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-lege', PASSWORD);
  await waitForLabel(page, 'Dokumenter', { exact: true });
  return { context, page };
}

const focusedName = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el ? (el.getAttribute('aria-label') || el.textContent || el.id) : null;
});

// Enter on a node of the accessible mirror, as a keyboard user presses a button.
async function press(page, locator) {
  await locator.press('Enter');
  await nextFrames(page);
}

async function chooseCv(page, name, buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 20000 }), clickLabel(page, 'Last opp CV')]);
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer });
}

async function storedCvId() {
  const gp = await apiLogin(portal.server.url, 'demo-lege', PASSWORD);
  const docs = (await apiPull(portal.server.url, gp)).changes.filter((c) => c.kind === 'document' && c.body);
  return docs.find((c) => c.body.kind === 'cv')?.body;
}

test('a GP uploads a CV through the file picker, sees it listed and downloads the same bytes', async () => {
  const { context, page } = await gpPage();
  const bytes = pdf('CV for Dora');
  await chooseCv(page, 'dora-cv.pdf', bytes);
  await waitForLabel(page, 'dora-cv.pdf, 1 kB, lastet opp');
  await waitForLabel(page, 'Venter på nett', { present: false });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), clickLabel(page, 'Last ned CV')]);
  assert.equal(download.suggestedFilename(), 'dora-cv.pdf');
  assert.ok(readFileSync(await download.path()).equals(bytes), 'the downloaded bytes are the uploaded ones');
  assert.equal((await storedCvId()).size, bytes.length);
  // Focus on the download button scrolls the profile to the documents (as a keyboard user sees it).
  await page.getByRole('button', { name: 'Last ned CV', exact: true }).focus();
  await nextFrames(page);
  await screenshot(page, 'documents-gp-profile');
  await context.close();
});

test('a 6 MB file and a renamed text file are refused with their messages', async () => {
  const { context, page } = await gpPage();
  await chooseCv(page, 'stor.pdf', Buffer.alloc(6_000_000, 0x25));
  await waitForLabel(page, 'Fila er for stor: et dokument kan være høyst 5 MB.', { exact: true });
  await chooseCv(page, 'tekst.pdf', Buffer.from('Bare tekst, ikke en PDF.\n'));
  await waitForLabel(page, 'Fila er ikke en PDF (det sjekkes i innholdet, ikke i navnet).', { exact: true });
  // The refusal is an alert for a screen reader too (the accessibility mirror).
  await page.getByRole('alert').filter({ hasText: 'ikke en PDF' }).first().waitFor({ state: 'attached', timeout: 20000 });
  await page.getByRole('button', { name: 'Last opp CV', exact: true }).focus();
  await nextFrames(page);
  await screenshot(page, 'documents-gp-refused');
  await context.close();
});

test('a hospital that may not see the GP gets 403 for her CV, and the attempt is audited', async () => {
  const cv = await storedCvId();
  assert.ok(cv, 'the first test stored a CV');
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await logIn(page, portal.server.url, 'demo-sykehus2', PASSWORD);
  const answer = await page.evaluate(async (id) => {
    const r = await fetch('/api/documents/get', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id }) });
    return { status: r.status, body: await r.text() };
  }, cv.id);
  assert.equal(answer.status, 403);
  assert.equal(JSON.parse(answer.body).error.rule, 'not_allowed');
  await context.close();

  const office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const res = await fetch(`${portal.server.url}/api/audit?limit=50`, { headers: { Cookie: office.cookie } });
  assert.equal(res.status, 200);
  const entries = (await res.json()).entries;
  const refused = entries.find((e) => e.action === 'document_download_refused' && e.record_id === cv.id);
  assert.ok(refused, JSON.stringify(entries.slice(0, 5)));
  assert.equal(refused.doctor_id, cv.doctor_id);
});

test('a CV chosen offline is listed as waiting and arrives once the browser is online', async () => {
  const { context, page } = await gpPage();
  await context.setOffline(true);
  const bytes = pdf('CV skrevet på toget');
  await chooseCv(page, 'toget.pdf', bytes);
  await waitForLabel(page, 'toget.pdf, 1 kB: Venter på nett', { exact: true });
  await context.setOffline(false);
  await waitForLabel(page, 'toget.pdf, 1 kB, lastet opp', { timeout: 60000 });
  await waitForLabel(page, 'Venter på nett', { present: false });
  const cv = await storedCvId();
  assert.equal(cv.file_name, 'toget.pdf');
  assert.equal(cv.size, bytes.length);
  await context.close();
});

test('on a phone a GP deletes her CV through the question: "Avbryt" keeps focus and deletes nothing, "Ja, slett" deletes and focus goes to "Last opp CV"', async () => {
  const cv = await storedCvId();
  assert.equal(cv?.file_name, 'toget.pdf', 'the offline test stored a CV');
  const { context, page } = await gpPage({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 });
  const remove = page.getByRole('button', { name: 'Slett CV', exact: true });
  await remove.focus();  // scrolls the profile to the documents
  await nextFrames(page);
  await screenshot(page, 'documents-gp-phone');

  await press(page, remove);
  const question = 'Slette «toget.pdf»? Det kan ikke angres.';
  await page.getByRole('alert').filter({ hasText: question }).first().waitFor({ state: 'attached', timeout: 20000 });
  await page.getByRole('button', { name: 'Ja, slett', exact: true }).waitFor({ state: 'attached', timeout: 20000 });
  assert.equal(await focusedName(page), 'Avbryt', 'focus moves from "Slett CV" to "Avbryt", not to the page\'s start');
  await nextFrames(page);
  await screenshot(page, 'documents-gp-phone-delete-question');

  await press(page, page.getByRole('button', { name: 'Avbryt', exact: true }));
  await waitForLabel(page, question, { present: false });
  assert.equal(await focusedName(page), 'Slett CV', 'after "Avbryt" focus is on "Slett CV" again');
  assert.equal((await storedCvId())?.id, cv.id, '"Avbryt" deleted nothing');

  await press(page, remove);
  await press(page, page.getByRole('button', { name: 'Ja, slett', exact: true }));
  await waitForLabel(page, 'toget.pdf, 1 kB, lastet opp', { present: false, timeout: 30000 });
  // The question and the file's buttons are gone: focus is on the slot's upload button, not at the
  // page's start (probe::request_focus).
  await page.waitForFunction(() => document.activeElement && document.activeElement.textContent === 'Last opp CV',
    null, { timeout: 20000 }).catch(() => {});
  assert.equal(await focusedName(page), 'Last opp CV', 'after "Ja, slett" focus is on "Last opp CV"');
  await nextFrames(page);
  await screenshot(page, 'documents-gp-phone-after-delete');
  assert.equal(await storedCvId(), undefined, 'the CV is deleted on the server');
  await context.close();
});
