// The resource library as its users meet it, in Debian's Chromium: network staff add a
// resource by keyboard in Romanian on a 390 px phone (a wrong address refused by name,
// what was typed kept); a coordinator narrows the library to a collection and a level
// with the keyboard alone and opens what it finds. axe-core on every page.
// Credentials come from ./scripts/test.sh.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, watchContext, visit, tabUntil, signIn, assertFits } from './lib/browser.mjs';

const PHONE = { width: 390, height: 844 };

let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('network staff add a resource by keyboard in Romanian on a phone', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: PHONE, isMobile: true, hasTouch: true });
  const seen = await watchContext(context);
  try {
    const page = await context.newPage();
    await signIn(page, process.env.FORJA_E2E_ADMIN_EMAIL);
    await visit(page, '/resources');
    await assertFits(page, 'the library');
    await tabUntil(page, (f) => f.path === '/resources/new', { description: 'add a resource' });
    await Promise.all([page.waitForURL(/\/resources\/new$/), page.keyboard.press('Enter')]);
    await assertFits(page, 'the new resource form');
    await page.locator('[name=title_ro]').fill('Șablon pentru raportul de progres');
    await page.locator('[name=summary_ro]').fill('Un tabel cu indicatorii orașului și cifrele fiecărui an.');
    await page.locator('select[name=kind]').selectOption('template');
    await page.locator('select[name=language]').selectOption('ro');
    await page.locator('select[name=level]').selectOption('intermediate');
    await page.locator('input[name=collections][value=monitoring]').check();
    await page.locator('[name=link]').fill('www.exemplu.ro/sablon');
    await page.locator('[name=link]').focus();
    await tabUntil(page, (f) => f.tag === 'button' && /Salvați|Creați|Adăugați/.test(f.text), { description: 'save', max: 300 });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    // The address without https:// is refused by name; everything typed stays.
    assert.match(await page.locator('.error-summary').innerText(), /https:\/\//);
    assert.equal(await page.locator('[name=title_ro]').inputValue(), 'Șablon pentru raportul de progres');
    assert.ok(await page.locator('input[name=collections][value=monitoring]').isChecked());
    await assertFits(page, 'the refused form');
    await page.locator('[name=link]').fill('https://www.exemplu.ro/sablon');
    await page.locator('[name=link]').focus();
    await tabUntil(page, (f) => f.tag === 'button' && /Salvați|Creați|Adăugați/.test(f.text), { description: 'save', max: 300 });
    await Promise.all([page.waitForURL(/\/resources\/sablon-pentru-raportul-de-progres$/), page.keyboard.press('Enter')]);
    const main = await page.locator('main').innerText();
    assert.match(main, /Șablon · Intermediar/);
    assert.match(main, /Monitorizare/);
    await assertFits(page, 'the new resource');
    assert.deepEqual(seen.foreignRequests, [], 'no request leaves the site');
    assert.deepEqual(seen.cspViolations, [], 'no Content-Security-Policy refusals');
    assert.deepEqual(seen.pageErrors, [], 'no script errors');
  } finally {
    await context.close();
  }
});

test('a coordinator narrows the library with the keyboard alone', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await visit(page, '/resources');
    // The level, then the collection, each chosen with the arrow keys.
    await tabUntil(page, (f) => f.id === 'filter-level', { description: 'the level list' });
    await page.keyboard.press('ArrowDown'); // Introductory
    await tabUntil(page, (f) => f.id === 'filter-collection', { description: 'the collection list' });
    await page.keyboard.press('ArrowDown'); // Start here
    await tabUntil(page, (f) => f.tag === 'button' && /Show/.test(f.text), { description: 'show' });
    await Promise.all([page.waitForURL(/collection=start-here/), page.keyboard.press('Enter')]);
    assert.match(page.url(), /level=introductory/);
    const found = await page.locator('.practice-list h3').allInnerTexts();
    assert.deepEqual(found.sort(), [
      'Lifelong learning policy through the learning city model',
      'Reșița, UNESCO learning city: the multimedia story',
    ]);
    assert.deepEqual(await axeCheck(page), [], 'the narrowed library: axe-core violations');
    await tabUntil(page, (f) => /multimedia story/.test(f.text ?? ''), { description: 'the story resource' });
    await Promise.all([page.waitForURL(/\/resources\/resita-learning-city-story$/), page.keyboard.press('Enter')]);
    const open = page.getByRole('link', { name: 'Open the resource' });
    assert.equal(await open.getAttribute('href'), 'https://unesco-uil.pageflow.io/unesco-learning-city-of-resita-romania');
  } finally {
    await context.close();
  }
});
