// The story viewer in Debian's Chromium: every way of moving (wheel, each key, swipes
// in four directions, buttons, chapter overview, deep link and reload, back and
// forward), reduced motion, JavaScript off, and axe-core with and without JavaScript.
// story-phone.test.mjs checks the layout at phone sizes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, visit, swipe } from './lib/browser.mjs';

const STORY = '/cities/resita/stories/resita-learns';
let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const at = async (page) => Number((await page.locator('#story-progress').textContent()).match(/\d+/)[0]);

test('keys, wheel, buttons, overview and history move one page at a time', { timeout: 120_000 }, async () => {
  // Tall enough that every page fits: keys turn pages here (a page taller than the
  // screen scrolls first: story-phone.test.mjs).
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
  try {
    const page = await context.newPage();
    await visit(page, `${STORY}/3`);
    assert.equal(await at(page), 3, 'a deep link opens its page');
    assert.deepEqual(await axeCheck(page), [], 'axe with JavaScript');
    for (const [key, expected] of [['ArrowDown', 4], ['PageDown', 5], [' ', 6], ['ArrowUp', 5], ['PageUp', 4], ['Shift+ ', 3], ['ArrowRight', 4], ['ArrowLeft', 3], ['End', 19], ['Home', 1]]) {
      await page.keyboard.press(key === ' ' ? 'Space' : key === 'Shift+ ' ? 'Shift+Space' : key);
      assert.equal(await at(page), expected, `after ${key}`);
    }
    assert.match(page.url(), /resita-learns$/, 'the first page has the story address');
    await page.mouse.move(640, 400);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 100);
    await page.waitForTimeout(400);
    assert.equal(await at(page), 2, 'one wheel gesture, however long its inertia, is one page');
    await page.getByRole('link', { name: 'Next page' }).click();
    assert.equal(await at(page), 3);
    await page.getByRole('link', { name: 'Previous page' }).click();
    assert.equal(await at(page), 2);
    await page.locator('.story-overview summary').click();
    await page.locator('.story-overview a', { hasText: 'What the city does' }).click();
    const chapter = await at(page);
    assert.ok(chapter > 8, 'the overview jumps to a chapter');
    assert.match(page.url(), new RegExp(`/${chapter}$`));
    await page.goBack();
    assert.equal(await at(page), 2, 'back returns to the previous page');
    await page.goForward();
    assert.equal(await at(page), chapter, 'forward goes there again');
    await page.reload();
    assert.equal(await at(page), chapter, 'reload keeps the page');
    await page.keyboard.press('End');
    await page.locator('section.page.current').getByRole('link', { name: 'Go to the first page' }).click();
    assert.equal(await at(page), 1);
  } finally {
    await context.close();
  }
});

test('a swipe on a touch screen moves one page, up or sideways', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  try {
    const page = await context.newPage();
    await visit(page, STORY);
    await swipe(page, [200, 600], [200, 200]);
    assert.equal(await at(page), 2, 'swipe up: next page');
    await swipe(page, [200, 200], [200, 600]);
    assert.equal(await at(page), 1, 'swipe down: previous page');
    await swipe(page, [330, 400], [40, 420]);
    assert.equal(await at(page), 2, 'swipe left: next page');
    await swipe(page, [40, 400], [330, 380]);
    assert.equal(await at(page), 1, 'swipe right: previous page');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > 390 || window.innerWidth > 390);
    assert.equal(overflow, false, 'no sideways scrolling on a phone');
  } finally {
    await context.close();
  }
});

test('with reduced motion pages change without transitions', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await visit(page, STORY);
    const transition = await page.locator('#page-1').evaluate((el) => getComputedStyle(el).transitionDuration);
    assert.equal(transition, '0s');
  } finally {
    await context.close();
  }
});

test('without JavaScript the story is a readable article with every page in order', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await visit(page, STORY);
    const sections = page.locator('main section.page');
    assert.equal(await sections.count(), 19);
    assert.ok(await sections.nth(18).isVisible(), 'the last page is there to scroll to');
    assert.match(await sections.nth(11).textContent(), /15/, 'the fact page shows the live figure');
    const html = await page.content();
    assert.ok(!html.includes('class="paged"'));
  } finally {
    await context.close();
  }
});

test('axe-core finds nothing in the article the story is without its script', { timeout: 60_000 }, async () => {
  // axe itself runs as a script, so the page is loaded with scripts on but the story's
  // own script blocked: what a reader without JavaScript gets.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(/\/static\/story\.[0-9a-f]+\.js$/, (route) => route.abort());
    await visit(page, STORY);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('paged')), false);
    assert.deepEqual(await axeCheck(page), [], 'axe without the story script');
  } finally {
    await context.close();
  }
});
