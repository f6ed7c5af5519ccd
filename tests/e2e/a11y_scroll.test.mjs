// The accessible mirror of a long table while it scrolls (docs/accessibility.md, "Long tables"):
// after every wheel step, down and back up, each item the app drew is one mirror node with its
// text, over its item, in a row numbered as the item's row of the whole table, the rows in the
// table's order and no node left over from rows scrolled away. The mirror moves as few nodes as it
// can when it puts them in order, and moves rows rather than cells (shell/browser/a11y.js): this is
// what must stay true while it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal, clickLabel, portalState, logIn, typeInto, waitForSync, screenshot } from './lib/portal.mjs';
import { apiLogin, apiPush } from './lib/api.mjs';

const PASSWORD = 'demo-passord-2027';
const ORGANISATIONS = 300;

// 300 organisations in one push: above the ordinary per-user push limit.
const portal = usePortal(['--demo', '--push-rate', '100000', '--push-burst', '100000'], async () => {
  const office = await apiLogin(portal.server.url, 'demo-kontor', PASSWORD);
  const batch = [];
  for (let i = 0; i < ORGANISATIONS; ++i) {
    batch.push(['put_organisation', { id: `scroll-org-${i}`, kind: 'municipality', name: `Rullekommune ${String(i).padStart(3, '0')}`,
      parent_id: '', specialty: '', party_to_agreement: false }]);
  }
  await apiPush(portal.server.url, office, batch);
});

// What in the mirror differs from the frame the app drew, as readable lines (none: it matches).
function mirrorDiffers(page) {
  return page.evaluate(() => {
    const state = Module.alisTestState();
    const items = new Map();
    for (const item of state.items) if (!items.has(item.key)) items.set(item.key, item);
    const problems = [];
    const ratio = state.canvas.pixel_ratio || 1;
    for (const item of items.values()) {
      const el = Module.alisMirrorNode(item.key);
      if (!el) { problems.push(`no node for ${item.role} "${item.label}"`); continue; }
      // Over its item (the mirror writes CSS pixels to the half; a table's cells are placed in rows
      // that a scroll moves, not each cell).
      const r = el.getBoundingClientRect(), drawn = [item.x, item.y, item.w, item.h].map((v) => v / ratio);
      if ([r.left, r.top, r.width, r.height].some((v, i) => Math.abs(v - drawn[i]) > 0.75)) {
        problems.push(`${item.role} "${item.label}" at ${[r.left, r.top, r.width, r.height].join(',')}, drawn at ${drawn.join(',')}`);
      }
      if ((item.role === 'cell' || item.role === 'button') && el.textContent !== item.label) {
        problems.push(`${item.role} "${item.label}" reads "${el.textContent}"`);
      }
      const row = item.group && item.row >= 1 ? el.closest('[role=row]') : null;
      if (row && row.getAttribute('aria-rowindex') !== String(item.row + 1)) {
        problems.push(`"${item.label}" is in row ${row.getAttribute('aria-rowindex')}, drawn in ${item.row + 1}`);
      }
    }
    // The table's drawn rows follow each other (no row drawn out of sight to be measured).
    const drawnRows = [...new Set(state.items.filter((i) => i.group && i.row >= 1).map((i) => i.row))].sort((a, b) => a - b);
    if (drawnRows.some((r, i) => i > 0 && r !== drawnRows[i - 1] + 1)) problems.push(`rows drawn: ${drawnRows.join(',')}`);
    const nodes = document.querySelectorAll('#alis-mirror .alis-node');
    if (nodes.length !== items.size) problems.push(`${nodes.length} mirror nodes for ${items.size} drawn items`);
    for (const table of document.querySelectorAll('#alis-mirror [role=table]')) {
      const rows = [...table.querySelectorAll('[role=row]')];
      const numbers = rows.map((r) => Number(r.getAttribute('aria-rowindex')));
      if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) problems.push(`rows out of order: ${numbers.join(',')}`);
      if (rows.some((r) => !r.firstChild)) problems.push('an empty row');
    }
    return { problems, labels: [...items.values()].map((i) => i.label) };
  });
}

async function wheel(page, steps, dy) {
  for (let i = 0; i < steps; ++i) {
    const before = (await portalState(page)).frame;
    await page.mouse.wheel(0, dy);
    await page.waitForFunction((f) => Module.alisTestState().frame > f + 1, before);
    const { problems } = await mirrorDiffers(page);
    assert.deepEqual(problems, [], `after wheel step ${i + 1} of ${steps} (${dy} px)`);
  }
}

test('a long table scrolled down and back up: the mirror holds exactly the drawn rows, numbered and in order', async () => {
  const context = await portal.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, portal.server.url, 'demo-kontor', PASSWORD);
  await waitForSync(page, () => Module.alisTestState().sync.pending === 0 && !Module.alisTestState().sync.in_flight, 'replica pulled');
  await clickLabel(page, 'Organisasjoner');
  await typeInto(page, 'Filter', 'Rullekommune');  // only the 300, the first one on top
  await page.waitForFunction(() => Module.alisTestState().items.some((i) => i.label === 'Rullekommune 000'));
  const start = await mirrorDiffers(page);
  assert.deepEqual(start.problems, []);

  const state = await portalState(page);
  const first = state.items.find((i) => i.label === 'Rullekommune 000');
  const ratio = state.canvas.pixel_ratio || 1;
  await page.mouse.move((first.x + first.w / 2) / ratio, (first.y + first.h / 2) / ratio);
  await wheel(page, 12, 120);  // whole steps: rows leave at the top and enter at the bottom
  await wheel(page, 5, 45);    // part of a row: some steps bring none
  const down = await mirrorDiffers(page);
  await screenshot(page, 'a11y-scroll-organisations');
  assert.ok(!down.labels.includes('Rullekommune 000'), `the first organisation scrolled out of the mirror: ${down.labels.join(' / ')}`);
  await wheel(page, 90, 120);  // to the end: the last organisation is drawn (the rows' height is right)
  const end = await mirrorDiffers(page);
  assert.ok(end.labels.includes('Rullekommune 299'), `the last organisation at the end: ${end.labels.join(' / ')}`);
  await wheel(page, 110, -120);  // back up past the top
  const up = await mirrorDiffers(page);
  assert.ok(up.labels.includes('Rullekommune 000'), 'the first organisation is back');
  assert.equal(await page.getByRole('cell', { name: 'Rullekommune 000', exact: true }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
