// Files the portal hands to the browser's downloads, checked byte for byte as the person receiving
// them would open them: the evaluation and a municipality's list as CSV for Norwegian Excel, and a
// hospital's periods as an iCalendar file parsed by a real parser (Debian's python3-icalendar).
// The real alis-sync with its demo, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { usePortal, clickLabel, logIn, waitForLabel } from './lib/portal.mjs';

const PASSWORD = 'demo-passord-2027';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const portal = usePortal(['--demo']);

// Clicks the button and returns the downloaded file's name and bytes.
async function download(page, label) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), clickLabel(page, label)]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function loggedIn(user) {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, portal.server.url, user, PASSWORD);
  return { context, page };
}

test('the office downloads the evaluation as CSV, the bytes the server reports', async () => {
  const { context, page } = await loggedIn('demo-kontor');
  await clickLabel(page, 'Evaluering');
  await waitForLabel(page, 'Perioder lyst ut i tidsrommet', { exact: true });
  await clickLabel(page, 'I år');  // a preset window: 1 January to today
  const year = new Date().getFullYear();
  const file = await download(page, 'Last ned som CSV (Excel)');
  assert.match(file.name, new RegExp(`^alis-evaluering-${year}-01-01-${year}-\\d\\d-\\d\\d\\.csv$`));
  assert.ok(file.bytes.subarray(0, 3).equals(BOM), 'starts with the byte order mark Excel needs');
  const text = file.bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('Del;Nøkkel;Mål;Verdi\r\n'), text.slice(0, 80));
  assert.ok(text.includes(`Vindu;;Fra;01.01.${year}\r\n`), text);
  assert.match(text, /\r\nTotalt;;Perioder;3\r\n/, 'the demo\'s three periods were published today');
  await waitForLabel(page, `Lastet ned: ${file.name}`, { exact: true });
  await context.close();
});

test('a municipality downloads its list as CSV in its own order', async () => {
  const { context, page } = await loggedIn('demo-kommune');
  await waitForLabel(page, 'Last ned listen som CSV (Excel)', { exact: true });
  const file = await download(page, 'Last ned listen som CSV (Excel)');
  assert.equal(file.name, 'alis-kandidater-bergen.csv');
  assert.ok(file.bytes.subarray(0, 3).equals(BOM));
  const rows = file.bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(rows[0], 'Prioritet;Navn;HPR-nummer;Ønsket tjeneste;Utdanningsplan;Søknad;Strøket;Grunn;Strøket dato');
  assert.equal(rows[1], '1;Ingrid Haugland (demo);7654321;6 måneder indremedisin;;;Nei;;');
  assert.equal(rows[2], '2;Nils Aarø (demo);7654322;6 måneder indremedisin;;;Nei;;');
  assert.equal(rows[3], '');
  await context.close();
});

test('a hospital adds its periods to a calendar: an .ics a real parser reads', async () => {
  const { context, page } = await loggedIn('demo-sykehus');
  await waitForLabel(page, 'Legg i kalenderen (.ics)', { exact: true });
  const file = await download(page, 'Legg i kalenderen (.ics)');
  assert.equal(file.name, 'alis-perioder.ics');
  const parsed = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
print(json.dumps([{"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "start": e["DTSTART"].dt.isoformat(),
                   "end": e["DTEND"].dt.isoformat(), "status": str(e["STATUS"])} for e in cal.walk("VEVENT")]))
`], { input: file.bytes }).toString());
  assert.equal(parsed.length, 2, JSON.stringify(parsed));  // Helse Bergen's two demo periods
  const med = parsed.find((e) => e.uid === 'period-p-demo-hb-med@alis-vest');
  assert.ok(med, JSON.stringify(parsed));
  assert.match(med.summary, /^ALIS-periode: .+ \(1 plass\)$/);
  assert.equal(med.status, 'TENTATIVE');  // nobody matched yet
  assert.ok(med.start < med.end);
  await context.close();
});
