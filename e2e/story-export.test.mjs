// `forja story export` writes a folder that needs no Forja: the demo story is exported
// from the running demo's data directory, then read in Chromium opened from disk and
// from a plain static file server — paged, with its pictures, and nothing fetched from
// anywhere else. ./scripts/test.sh gives FORJA_BIN and FORJA_E2E_DATA_DIR.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, extname } from 'node:path';
import { pathToFileURL } from 'node:url';

import { launch, baseUrl, urlFor } from './lib/browser.mjs';

let browser;
let out;

before(async () => {
  baseUrl();
  browser = await launch();
  out = mkdtempSync(join(tmpdir(), 'forja-export-'));
});

after(async () => {
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Waits until the demo story's pictures are made (the server makes them at start). */
async function demoMediaReady() {
  for (let i = 0; i < 120; i += 1) {
    const html = await (await fetch(urlFor('/cities/resita/stories/resita-learns'))).text();
    if (html.includes('class="bg-image"') && html.includes('class="bg-video"')) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the demo media were not ready within 120 s');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.mp4': 'video/mp4', '.m4a': 'audio/mp4', '.vtt': 'text/vtt' };

/** The plainest static server: files under `dir`, nothing else. */
function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Reads the exported story at `url`; returns the addresses fetched outside `origin`. */
async function readStory(url, origin) {
  const context = await browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(20_000);
  const elsewhere = [];
  context.on('request', (r) => { if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) elsewhere.push(r.url()); });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.classList.contains('paged'));
    assert.match(await page.locator('#story-progress').textContent(), /Page 1 of 19/);
    const cover = page.locator('#page-1 img.bg-image');
    await page.waitForFunction(() => document.querySelector('#page-1 img.bg-image')?.naturalWidth > 0);
    assert.ok(await cover.count(), 'the cover picture shows');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => location.hash === '#page-2');
    assert.match(await page.locator('#story-progress').textContent(), /Page 2 of 19/);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('paged'));
    assert.match(await page.locator('#story-progress').textContent(), /Page 2 of 19/, 'a reload keeps the page');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  return elsewhere;
}

test('an exported story reads from disk and from a static server', { timeout: 240_000 }, async () => {
  const bin = process.env.FORJA_BIN;
  const data = process.env.FORJA_E2E_DATA_DIR;
  assert.ok(bin && data, 'FORJA_BIN and FORJA_E2E_DATA_DIR must be set (./scripts/test.sh does)');
  await demoMediaReady();
  const said = execFileSync(bin, ['story', 'export', '--city', 'resita', '--story', 'resita-learns', '--out', out, '--data-dir', data], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.match(said, /wrote \d+ files/);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(src|href|srcset)="\//, 'every address is relative');

  const fromDisk = await readStory(pathToFileURL(join(out, 'index.html')).href, 'file://');
  assert.deepEqual(fromDisk, [], 'from disk, nothing is fetched from anywhere');

  const server = await serve(out);
  try {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const served = await readStory(`${origin}/`, origin);
    assert.deepEqual(served, [], 'served, nothing is fetched from anywhere else');
  } finally {
    server.close();
  }
});
