// Time from navigation to the app's first drawn ImGui frame, in a fresh browser context each run
// (nothing cached), against the real server on loopback. Prints the median and the spread.
import { startServer, launchBrowser } from '../../tests/e2e/lib/portal.mjs';

const runs = Number(process.env.RUNS ?? 7);
const server = await startServer();
const browser = await launchBrowser();
const times = [];
try {
  for (let i = 0; i < runs; ++i) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(server.url);
    await page.waitForFunction(() => window.Module && Module.calledRun && Module._alis_test_state &&
      Module.alisTestState().frame >= 1, null, { polling: 5, timeout: 30000 });
    times.push(Date.now() - start);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
times.sort((a, b) => a - b);
console.log(`first frame in headless Chromium (SwiftShader), ${runs} cold loads: ` +
  `median ${times[Math.floor(runs / 2)]} ms, min ${times[0]} ms, max ${times[runs - 1]} ms (target <= 1.5 s)`);
