// Policy dialogue in Debian's Chromium, keyboard only, in Romanian on a 390 px phone:
// Reșița's editor opens a discussion on a good practice that asks for positions; Galați's
// editor answers without one (refused beside the form, what was typed kept), then with
// one, and Reșița replies under the answer. A reader sees the thread and the count of
// positions. axe-core on every page. Credentials come from ./scripts/test.sh.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, watchContext, visit, tabUntil, signIn, assertFits } from './lib/browser.mjs';

const PHONE = { width: 390, height: 844 };

let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const phone = () => browser.newContext({ locale: 'ro-RO', viewport: PHONE, isMobile: true, hasTouch: true });

test('cities discuss a practice by keyboard on a phone, with positions and threads', { timeout: 300_000 }, async () => {
  const title = `Poate funcționa Hala Minda fără o hală? ${Date.now()}`;
  let at;
  const resita = await phone();
  const seen = await watchContext(resita);
  try {
    const page = await resita.newPage();
    await signIn(page, process.env.FORJA_E2E_EDITOR_EMAIL);
    await visit(page, '/practices/resita-hala-minda');
    await tabUntil(page, (f) => f.path === '/discussions' && /Discutați/.test(f.text), { description: 'discuss', max: 400 });
    await Promise.all([page.waitForURL(/\/discussions\?practice=/), page.keyboard.press('Enter')]);
    await assertFits(page, 'the practice discussions');
    await tabUntil(page, (f) => f.path === '/discussions/new', { description: 'open a discussion' });
    await Promise.all([page.waitForURL(/\/discussions\/new\?/), page.keyboard.press('Enter')]);
    await assertFits(page, 'the new discussion form');
    await tabUntil(page, (f) => f.tag === 'input' && f.name === 'title', { description: 'the title' });
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Un oraș mai mic ar putea începe cu atelierul unei școli profesionale?');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.tag === 'button' && /Deschideți discuția/.test(f.text), { description: 'open' });
    await Promise.all([page.waitForURL(/\/discussions\/poate-functiona/), page.keyboard.press('Enter')]);
    at = new URL(page.url()).pathname;
    await assertFits(page, 'the new discussion');
    assert.deepEqual(seen.pageErrors, [], 'no script errors');
    assert.deepEqual(seen.cspViolations, [], 'no Content-Security-Policy refusals');
  } finally {
    await resita.close();
  }

  const galati = await phone();
  try {
    const page = await galati.newPage();
    await signIn(page, process.env.FORJA_E2E_GALATI_EMAIL);
    await visit(page, at);
    // The answer form is the last on the page: its text box, then send without a position.
    await tabUntil(page, (f) => f.tag === 'textarea' && f.id === 'body', { description: 'the answer', max: 400 });
    await page.keyboard.type('Da, la Galați am face-o cu liceul tehnologic.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('#e-body').innerText(), /Alegeți una dintre variantele oferite/);
    assert.equal(await page.locator('#body').inputValue(), 'Da, la Galați am face-o cu liceul tehnologic.');
    await assertFits(page, 'the refused answer');
    // Now with a position, chosen with the arrow keys.
    await tabUntil(page, (f) => f.tag === 'input' && f.name === 'position', { description: 'the position', max: 400 });
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.tag === 'button' && /Publicați/.test(f.text), { description: 'post', max: 20 });
    await Promise.all([page.waitForURL(/#post-\d+$/), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /liceul tehnologic/);
  } finally {
    await galati.close();
  }

  const back = await phone();
  try {
    const page = await back.newPage();
    await signIn(page, process.env.FORJA_E2E_EDITOR_EMAIL);
    await visit(page, at);
    // Reply under Galați's answer: open its "Răspundeți" with Enter, type, send.
    await tabUntil(page, (f) => f.tag === 'summary' && /Răspundeți/.test(f.text), { description: 'reply', max: 400 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    if (!(await page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA'))) {
      await tabUntil(page, (f) => f.tag === 'textarea', { description: 'the reply box', max: 10 });
    }
    await page.keyboard.type('Mulțumim! Vă scriem săptămâna viitoare.');
    await tabUntil(page, (f) => f.tag === 'button' && /Publicați/.test(f.text), { description: 'post', max: 10 });
    await Promise.all([page.waitForURL(/#post-\d+$/), page.keyboard.press('Enter')]);
    await assertFits(page, 'the thread');
  } finally {
    await back.close();
  }

  const reader = await phone();
  try {
    const page = await reader.newPage();
    await visit(page, at);
    const main = await page.locator('main').innerText();
    assert.match(main, /Pentru: 1/);
    assert.match(main, /Vă scriem săptămâna viitoare/);
    // The reply sits one level under the answer it is for.
    assert.equal(await page.locator('li.post.depth-1').count(), 1);
    assert.equal(await page.locator('form[action$="/posts"]').count(), 0, 'no forms for readers');
    await assertFits(page, 'the thread for readers');
  } finally {
    await reader.close();
  }
});
