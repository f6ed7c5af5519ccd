// Time from navigation to the app's first drawn ImGui frame, against the real server on loopback:
// cold (a fresh browser context: nothing cached, everything from the network), then warm (the same
// context once the service worker holds the page: index.html, app.js and app.wasm from its cache).
// Prints the median and the spread of each.
import { startServer, launchBrowser } from '../../tests/e2e/lib/portal.mjs';

const runs = Number(process.env.RUNS ?? 7);
const server = await startServer();
const browser = await launchBrowser();
const cold = [];
const warm = [];

async function timeToFirstFrame(page) {
  const start = Date.now();
  await page.goto(server.url);
  await page.waitForFunction(() => window.Module && Module.calledRun && Module._alis_test_state &&
    Module.alisTestState().frame >= 1, null, { polling: 5, timeout: 30000 });
  return Date.now() - start;
}

try {
  for (let i = 0; i < runs; ++i) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const first = await context.newPage();
    cold.push(await timeToFirstFrame(first));
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await first.close();
    const second = await context.newPage();
    warm.push(await timeToFirstFrame(second));
    if (!(await second.evaluate(() => navigator.serviceWorker.controller !== null))) {
      throw new Error('the warm load was not served by the service worker');
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
for (const [name, times] of [['cold (empty cache)', cold], ['warm (service worker cache)', warm]]) {
  times.sort((a, b) => a - b);
  console.log(`first frame in headless Chromium (SwiftShader), ${runs} ${name}: ` +
    `median ${times[Math.floor(runs / 2)]} ms, min ${times[0]} ms, max ${times[runs - 1]} ms (target <= 1.5 s)`);
}
