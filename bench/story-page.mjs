// Page changes in the story viewer, measured in Chromium: the time from a key press to
// the next page being shown (two animation frames later, i.e. painted), and the layout
// shift over a run through the whole story. Prints JSON.
import { chromium } from '../e2e/node_modules/playwright-core/index.mjs';

const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.FORJA_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
await page.goto(url, { waitUntil: 'load' });
const result = await page.evaluate(async () => {
  let shift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const count = Number(document.getElementById('story').dataset.count);
  const times = [];
  for (let i = 1; i < count; i++) {
    const t0 = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await frame();
    if (!document.getElementById(`page-${i + 1}`).classList.contains('current')) throw new Error(`page ${i + 1} not shown`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    changes: times.length,
    median_ms: times[Math.floor(times.length / 2)],
    max_ms: times[times.length - 1],
    layout_shift: shift,
  };
});
console.log(JSON.stringify(result));
await browser.close();
