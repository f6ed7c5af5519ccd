// Steps a GP takes in several end-to-end tests, through the labels a person reads.
import { clickLabel, typeInto, nextFrames, waitForSync } from './portal.mjs';

// Opens a combo box and picks an option, each click drawn before the next.
export async function pick(page, combo, option) {
  await clickLabel(page, combo);
  await nextFrames(page);
  await clickLabel(page, option);
  await nextFrames(page);
}

// The GP's profile, sent. The click is drawn first (the change is made in that frame): waiting for
// "nothing pending" right after the click could pass on the state from before it.
export async function fillProfile(page, { hpr = '7654321', start = '01.09.2019' } = {}) {
  await typeInto(page, 'HPR-nummer', hpr);
  await pick(page, 'Kommune', 'Bergen kommune');
  await typeInto(page, 'Start i allmennpraksis', start);
  await clickLabel(page, 'Lagre');
  await nextFrames(page);
  await waitForSync(page, () => { const s = Module.alisTestState().sync; return s.pending === 0 && s.online && !s.in_flight; },
    'profile sent');
}

// A span of free time added in the Ledig tid tab. A tab in the background draws no frames (no
// requestAnimationFrame while hidden), so the tab is brought to the front first, as a person looks at
// the tab they type in.
export async function addFreeTime(page, from, to) {
  await page.bringToFront();
  await nextFrames(page);
  await clickLabel(page, 'Ledig tid');
  await nextFrames(page);
  await typeInto(page, 'Fra', from);
  await typeInto(page, 'Til og med', to);
  await clickLabel(page, 'Legg til');
  await nextFrames(page);
}
