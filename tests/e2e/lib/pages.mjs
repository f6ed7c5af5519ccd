// Going through a role's pages and judging what the probe saw there: shared by the tests of phones,
// zoom and axe-core.
import assert from 'node:assert/strict';
import { clickLabel, portalState, nextFrames } from './portal.mjs';

// The pages of each demo role, as their tabs are named.
export const ROLE_PAGES = {
  gp: ['Profil', 'Ledig tid', 'Ønsker', 'Perioder', 'Tilbud', 'Varsler'],
  hospital: ['Perioder', 'Tidslinje', 'Varsler', 'Evaluering'],
  municipality: ['Kandidater', 'Evaluering'],
  office: ['Organisasjoner', 'Regional liste', 'Matching', 'Tidslinje', 'Oversikt', 'Evaluering', 'Brukere'],
};

// A page's tab or option is named by the page, the alerts' with its unread count ("Varsler (2 nye)").
const named = (name) => (i) => i.label === name || i.label.startsWith(`${name} (`);

// Opens a page of the role: its tab on a wide screen, else its option in the "Skjerm" combo.
export async function openPage(page, name) {
  let state = await portalState(page);
  const tab = state.items.find((i) => i.role === 'tab' && named(name)(i));
  if (!tab) {
    await clickLabel(page, 'Skjerm');
    await nextFrames(page);
    state = await portalState(page);
  }
  const item = state.items.find((i) => (i.role === 'tab' || i.role === 'option') && named(name)(i));
  assert.ok(item, `no tab or option "${name}": ${state.items.map((i) => `${i.role} ${i.label}`).join(' | ')}`);
  await clickLabel(page, item.label);
  await nextFrames(page);
  await page.waitForFunction((n) => document.title.startsWith(n), name);
}

// Items (label and right edge) drawn past the viewport's right edge, in canvas pixels. An item in a
// region that scrolls sideways counts by that region's clip rectangle.
export function pastRightEdge(state) {
  const width = state.canvas.width;
  return state.items
    .filter((i) => i.w > 0 && i.x < width && i.x + i.w > width + 1 && !(i.scrolls_x && i.clip_right <= width + 1))
    .map((i) => `${i.role} "${i.label}" ends at ${Math.round(i.x + i.w)} > ${width}`);
}
