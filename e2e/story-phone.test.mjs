// The demo story on phones (320 to 430 px wide, upright and sideways) and a desktop, in
// Romanian (the longer words): every page, before and after the sound question, with
// nothing overlapping anything and nothing cut off; a page taller than the screen
// scrolls inside itself before a swipe turns it; "read in English" follows the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, visit, visitWithDemoMedia, swipe } from './lib/browser.mjs';

const STORY = '/cities/resita/stories/resita-learns';
let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const SIZES = [
  [320, 568],
  [390, 844],
  [430, 932],
  [844, 390],
  [1280, 800],
];

/**
 * What is wrong with the page in view: controls overlapping one another, the bar, the
 * page and its buttons overlapping, anything wider than the screen or cut off at a
 * side, content that cannot be scrolled to. Empty when all is well.
 */
function layoutProblems(width) {
  const problems = [];
  const shown = (el) => {
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    // checkVisibility also skips what a closed <details> holds.
    return el.checkVisibility({ visibilityProperty: true }) && style.display !== 'none' && r.width > 0 && r.height > 0;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
  const bar = document.querySelector('.story-bar').getBoundingClientRect();
  const nav = document.querySelector('.story-nav').getBoundingClientRect();
  const story = document.getElementById('story').getBoundingClientRect();
  const page = document.querySelector('section.page.current');
  const inner = page.querySelector('.page-inner');
  const box = inner.getBoundingClientRect();
  if (bar.bottom > story.top + 0.5) problems.push(`the bar (bottom ${bar.bottom}) covers the page (top ${story.top})`);
  if (story.bottom > nav.top + 0.5) problems.push(`the page buttons (top ${nav.top}) cover the page (bottom ${story.bottom})`);
  if (nav.bottom > innerHeight + 0.5) problems.push(`the page buttons end below the screen (${nav.bottom} > ${innerHeight})`);
  // On a phone the layout viewport grows to fit what is too wide: compare with the
  // screen's own width.
  if (document.documentElement.scrollWidth > width || innerWidth > width) problems.push(`the page is ${Math.max(document.documentElement.scrollWidth, innerWidth)} px wide on a ${width}-px screen`);
  if (box.top < story.top - 0.5 || box.bottom > story.bottom + 0.5) problems.push(`the page's words (${box.top}–${box.bottom}) leave their room (${story.top}–${story.bottom})`);
  if (inner.scrollWidth > inner.clientWidth + 1) problems.push(`the page's words are wider than their room (${inner.scrollWidth} > ${inner.clientWidth})`);
  // Everything the reader can use, where it shows (inside the page's visible part).
  const visible = (r) => {
    const top = Math.max(r.top, box.top);
    const bottom = Math.min(r.bottom, box.bottom);
    return { left: r.left, right: r.right, top, bottom };
  };
  const controls = [
    ...document.querySelectorAll('.story-bar a, .story-bar button, .story-bar summary, .story-bar .story-progress, .story-nav a, .story-nav button'),
    ...page.querySelectorAll('.page-inner a, .page-inner button, .page-inner audio, .page-inner video, .page-inner textarea, .page-inner h2, .page-inner p, .page-inner li, .page-inner blockquote'),
  ].filter(shown);
  const rects = controls.map((el) => {
    const r = el.getBoundingClientRect();
    return page.contains(el) ? visible(r) : r;
  });
  for (let i = 0; i < controls.length; i++) {
    const a = rects[i];
    if (a.left < -0.5 || a.right > innerWidth + 0.5) problems.push(`${name(controls[i])} is cut off at a side (${a.left}–${a.right})`);
    if (page.contains(controls[i]) && (a.left < box.left - 1 || a.right > box.right + 1)) problems.push(`${name(controls[i])} sticks out of the page's words`);
    for (let j = i + 1; j < controls.length; j++) {
      if (controls[i].contains(controls[j]) || controls[j].contains(controls[i])) continue;
      const b = rects[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) problems.push(`${name(controls[i])} overlaps ${name(controls[j])}`);
    }
  }
  return problems;
}

for (const [width, height] of SIZES) {
  test(`every page at ${width} × ${height}: nothing overlaps, nothing is cut off`, { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ locale: 'ro-RO', viewport: { width, height }, hasTouch: width < 900, isMobile: width < 900 });
    try {
      const page = await context.newPage();
      await visitWithDemoMedia(page, STORY);
      const count = Number(await page.locator('#story').getAttribute('data-count'));
      // The sound question is open on the first page: it takes room, hides nothing.
      assert.ok(await page.locator('.sound-choice').isVisible(), 'the sound question is asked');
      assert.deepEqual(await page.evaluate(layoutProblems, width), [], `page 1 with the sound question at ${width} × ${height}`);
      await page.locator('.sound-choice button[data-sound="off"]').click();
      for (let n = 1; n <= count; n++) {
        if (n > 1) await page.keyboard.press('ArrowRight');
        // Measured once the page has finished sliding in.
        await page.waitForFunction((k) => {
          const current = document.querySelector('section.page.current');
          return current?.dataset.n === String(k) && current.getAnimations().length === 0;
        }, n);
        assert.deepEqual(await page.evaluate(layoutProblems, width), [], `page ${n} at ${width} × ${height}`);
        // A page taller than its room scrolls to its very end.
        const reach = await page.evaluate(() => {
          const inner = document.querySelector('section.page.current .page-inner');
          inner.scrollTop = inner.scrollHeight;
          const last = inner.lastElementChild?.getBoundingClientRect();
          const room = inner.getBoundingClientRect();
          const ok = !last || last.bottom <= room.bottom + 1;
          inner.scrollTop = 0;
          return ok;
        });
        assert.ok(reach, `page ${n}'s end can be scrolled to at ${width} × ${height}`);
      }
    } finally {
      await context.close();
    }
  });
}

test('a page taller than a small phone scrolls before a swipe turns it', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 320, height: 568 }, hasTouch: true, isMobile: true });
  try {
    const page = await context.newPage();
    await visitWithDemoMedia(page, STORY);
    const count = Number(await page.locator('#story').getAttribute('data-count'));
    // The credits are the longest page.
    const credits = await page.locator('section.page-credits').getAttribute('data-n');
    await visit(page, `${STORY}/${credits}`);
    const inner = page.locator('section.page.current .page-inner');
    const tall = await inner.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
    assert.ok(tall, 'the credits are taller than a 320 × 568 screen');
    assert.equal(await inner.getAttribute('tabindex'), '0', 'a page that scrolls can be reached with Tab');
    assert.deepEqual(await axeCheck(page), [], 'axe on a page that scrolls on a phone');
    const swipeUp = () => swipe(page, [160, 450], [160, 150]);
    await swipeUp();
    assert.equal(await page.locator('section.page.current').getAttribute('data-n'), credits, 'not read to its end: the swipe scrolls, the page stays');
    await inner.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await swipeUp();
    assert.equal(Number(await page.locator('section.page.current').getAttribute('data-n')), Math.min(Number(credits) + 1, count), 'read to its end: the swipe turns the page');
    // Keys scroll it too before turning.
    await visit(page, `${STORY}/${credits}`);
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(600);
    assert.equal(await page.locator('section.page.current').getAttribute('data-n'), credits, 'PageDown scrolls first');
    assert.ok(await inner.evaluate((el) => el.scrollTop > 0), 'and the page moved');
  } finally {
    await context.close();
  }
});

test('"read in English" opens the translation at the page being read', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await visit(page, STORY);
    const link = page.locator('.story-translation');
    assert.ok(await link.count() > 0, 'the demo story has its translation');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const chapter = (await page.locator('section.page.current').getAttribute('aria-label'));
    assert.ok(chapter);
    await link.first().click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /\/4$/, 'page 4 opens page 4 of the translation');
    assert.equal(await page.locator('section.page.current').getAttribute('data-n'), '4');
  } finally {
    await context.close();
  }
});
