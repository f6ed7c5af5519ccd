// A municipality's list uploaded from the browser (issue 14): the file chosen in Chromium's own file
// picker (an <input type=file> opened from the click on "Last opp liste (CSV)") reaches the app, core
// reads it into a preview, and only "Erstatt listen" changes the list. A file with one bad row names
// the row and changes nothing. The real alis-sync with its demo, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { usePortal, clickLabel, logIn, waitForLabel, portalState } from './lib/portal.mjs';

const PASSWORD = 'demo-passord-2027';
const portal = usePortal(['--demo']);

async function loggedIn(user) {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, portal.server.url, user, PASSWORD);
  return { context, page };
}

async function downloadList(page) {
  await waitForLabel(page, 'Last ned listen som CSV (Excel)', { exact: true });
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
    clickLabel(page, 'Last ned listen som CSV (Excel)')]);
  return readFileSync(await file.path());
}

// Chooses `bytes` as `name` in the picker the upload button opens.
async function upload(page, name, bytes) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 20000 }),
    clickLabel(page, 'Last opp liste (CSV)')]);
  assert.ok(!chooser.isMultiple());
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: bytes });
}

// The list's rows in the order the screen draws them (top to bottom).
async function shownOrder(page, names) {
  const state = await portalState(page);
  return names.map((n) => [n, state.items.find((i) => i.label === n)?.y]).filter(([, y]) => y !== undefined)
    .sort((a, b) => a[1] - b[1]).map(([n]) => n);
}

test('a municipality uploads its edited list: a preview first, then the list in the new order', async () => {
  const { context, page } = await loggedIn('demo-kommune');
  const original = await downloadList(page);
  const text = original.toString('utf8');
  const rows = text.split('\r\n');
  assert.ok(rows[1].startsWith('1;Ingrid Haugland (demo);7654321;'), rows[1]);
  assert.ok(rows[2].startsWith('2;Nils Aarø (demo);7654322;'), rows[2]);
  // Edited as in Excel: Nils moved to the top.
  const edited = [rows[0], rows[2].replace(/^2;/, '1;'), rows[1].replace(/^1;/, '2;'), ''].join('\r\n');
  await upload(page, 'kandidater.csv', Buffer.from(edited, 'utf8'));
  await waitForLabel(page, 'Forhåndsvisning av kandidater.csv', { exact: true });
  await waitForLabel(page, '0 nye, 2 beholdt, 0 fjernet', { exact: true });
  // Nothing changed yet.
  assert.deepEqual(await shownOrder(page, ['Ingrid Haugland (demo)', 'Nils Aarø (demo)']), ['Ingrid Haugland (demo)', 'Nils Aarø (demo)']);

  await clickLabel(page, 'Erstatt listen');
  await waitForLabel(page, 'Erstatt listen', { present: false, exact: true });
  await page.waitForFunction(() => Module.alisTestState().sync.pending === 0, null, { timeout: 20000 });
  assert.deepEqual(await shownOrder(page, ['Ingrid Haugland (demo)', 'Nils Aarø (demo)']), ['Nils Aarø (demo)', 'Ingrid Haugland (demo)']);
  await context.close();

  // The server has it: a fresh browser downloads the new order.
  const fresh = await loggedIn('demo-kommune');
  await waitForLabel(fresh.page, 'Nils Aarø (demo)', { exact: true });
  const after = (await downloadList(fresh.page)).toString('utf8').split('\r\n');
  assert.ok(after[1].startsWith('1;Nils Aarø (demo);7654322;'), after[1]);
  assert.ok(after[2].startsWith('2;Ingrid Haugland (demo);7654321;'), after[2]);
  await fresh.context.close();
});

test('an upload with one bad row names the row and changes nothing', async () => {
  const { context, page } = await loggedIn('demo-kommune');
  const before = await downloadList(page);
  const bad = Buffer.concat([before, Buffer.from('9;Ukjent;12x4567;;;;Nei;;\r\n', 'utf8')]);
  await upload(page, 'feil.csv', bad);
  await waitForLabel(page, 'Fila kan ikke leses inn, og ingenting er endret');
  const line = before.toString('utf8').split('\r\n').length;  // the added row's line in the file
  await waitForLabel(page, `Linje ${line}, HPR-nummer`);
  await waitForLabel(page, 'Erstatt listen', { present: false, exact: true });
  await clickLabel(page, 'Avbryt');
  await waitForLabel(page, 'Fila kan ikke leses inn', { present: false });
  assert.ok((await downloadList(page)).equals(before));
  await context.close();
});

// Without a mouse: Enter on the button's node in the accessibility mirror (a screen reader's or the
// keyboard's way) reaches the app as a click in the next frame, still within the key's activation,
// so Chromium opens the picker; "Avbryt" the same way drops the preview.
test('the picker opens from the keyboard, through the accessibility mirror', async () => {
  const { context, page } = await loggedIn('demo-kommune');
  const before = await downloadList(page);
  const button = page.getByRole('button', { name: 'Last opp liste (CSV)' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 20000 }), button.press('Enter')]);
  await chooser.setFiles({ name: 'samme.csv', mimeType: 'text/csv', buffer: before });
  await waitForLabel(page, 'Forhåndsvisning av samme.csv', { exact: true });
  await page.getByRole('button', { name: 'Avbryt' }).press('Enter');
  await waitForLabel(page, 'Forhåndsvisning av samme.csv', { present: false, exact: true });
  await context.close();
});
