// The demo story with its generated media (made in the background by `serve --demo`):
// background video plays only on the page in view and never under reduced motion, has
// a pause button and, having sound, a toggle to hear it; quote clips are sound (an
// audio player whose captions are written under it) or video (captions on the picture);
// credits list the media.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, visit, visitWithDemoMedia } from './lib/browser.mjs';

const STORY = '/cities/resita/stories/resita-learns';
let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const withMedia = (page) => visitWithDemoMedia(page, STORY);

const pageOf = (locator) => locator.evaluate((el) => Number(el.closest('section.page').dataset.n));

test('background video plays only in view, pauses on request, and quote clips show captions', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await withMedia(page);
    const video = page.locator('video.bg-video').first();
    const n = await pageOf(video);
    assert.equal(await video.evaluate((v) => v.paused), true, 'not playing while its page is not in view');
    await visit(page, `${STORY}/${n}`);
    await page.waitForFunction((k) => !document.querySelector(`#page-${k} video.bg-video`).paused, n);
    assert.equal(await video.evaluate((v) => v.muted && !v.controls), true, 'silent, without controls');
    await page.locator(`.page-tools .bg-toggle[data-page="${n}"]`).click();
    assert.equal(await video.evaluate((v) => v.paused), true, 'the pause button pauses it');
    assert.deepEqual(await axeCheck(page), [], 'axe on a page with background video');
    await page.keyboard.press('ArrowDown');
    assert.equal(await video.evaluate((v) => v.paused), true, 'paused when the page is left');

    // The video has sound: its page offers a toggle to hear it, muted first.
    await visit(page, `${STORY}/${n}`);
    const hear = page.locator(`.page-tools .bg-sound[data-page="${n}"]`);
    assert.equal(await hear.getAttribute('aria-pressed'), 'false', 'muted first');
    await hear.click();
    assert.equal(await video.evaluate((v) => v.muted), false, 'the toggle lets it be heard');
    assert.equal(await hear.getAttribute('aria-pressed'), 'true');

    const clip = page.locator('audio.quote-clip').first();
    const q = await pageOf(clip);
    await visit(page, `${STORY}/${q - 2}`);
    assert.equal(await clip.evaluate((v) => v.preload), 'none', 'later pages wait');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((k) => document.querySelector(`#page-${k} .quote-clip`).preload === 'auto', q);
    await visit(page, `${STORY}/${q}`);
    assert.equal(await clip.evaluate((v) => v.paused), true, 'nothing plays with sound before the reader asks');
    assert.equal(await page.locator(`#page-${q} video`).count(), 0, 'a sound is an audio player, not an empty video box');
    assert.equal(await clip.evaluate((v) => v.textTracks[0]?.mode), 'hidden', 'its captions are written under it instead');
    assert.equal(await page.locator(`#page-${q} .clip-caption`).count(), 1);
    const film = page.locator('video.quote-clip').first();
    const f = await pageOf(film);
    await visit(page, `${STORY}/${f}`);
    assert.ok(await film.getAttribute('poster'), 'a video clip shows its poster');
    assert.match(await film.getAttribute('src'), /\/media\/\d+\/\d+p\.mp4$/, 'a video clip plays a rung of its own');
    assert.equal(await film.evaluate((v) => v.textTracks[0]?.mode), 'showing', 'captions on the picture by default');
    assert.deepEqual(await axeCheck(page), [], 'axe on a page with a video clip');
    await visit(page, `${STORY}/18`);
    assert.ok((await page.locator('#page-18 .credits li').count()) >= 5, 'credits list the media');
    assert.match(await page.locator('#page-18 .credits').textContent(), /Generated for the Forja demo/);
  } finally {
    await context.close();
  }
});

test('under reduced motion the background video shows its poster and does not play', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await withMedia(page);
    const video = page.locator('video.bg-video').first();
    const n = await pageOf(video);
    await visit(page, `${STORY}/${n}`);
    await page.waitForTimeout(1000);
    assert.equal(await video.evaluate((v) => v.paused), true);
    assert.ok(await video.getAttribute('poster'), 'a poster stands in');
  } finally {
    await context.close();
  }
});

test('sound is asked once, plays clips only after the choice, and the mute is remembered', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await withMedia(page);
    const clip = page.locator('audio.quote-clip').first();
    const q = await pageOf(clip);
    await visit(page, `${STORY}/${q}`);
    const choice = page.getByRole('group', { name: /Read it with sound/ });
    assert.ok(await choice.isVisible(), 'the choice is offered');
    assert.equal(await clip.evaluate((v) => v.paused), true, 'nothing plays before it');
    assert.deepEqual(await axeCheck(page), [], 'axe with the choice shown');
    await choice.getByRole('button', { name: 'With sound' }).click();
    await page.waitForFunction(() => {
      const v = document.querySelector('section.page.current .quote-clip');
      return v && !v.paused && !v.muted;
    });
    await page.waitForFunction(() => document.querySelector('section.page.current .clip-caption')?.textContent.trim().length > 0, null, { timeout: 10_000 });
    // With sound on, a quote's clip starts when its page comes into view, and stops
    // when the reader moves on.
    await page.keyboard.press('ArrowUp');
    assert.equal(await clip.evaluate((v) => v.paused), true, 'left behind, it stops');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => {
      const v = document.querySelector('section.page.current .quote-clip');
      return v && !v.paused;
    });
    await page.getByRole('button', { name: 'Sound off' }).click();
    assert.equal(await clip.evaluate((v) => v.muted && v.paused), true, 'the toggle silences it');
    await page.reload();
    assert.equal(await page.getByRole('group', { name: /Read it with sound/ }).count(), 0, 'asked once');
    assert.equal(await page.getByRole('button', { name: 'Sound off' }).getAttribute('aria-pressed'), 'true', 'the mute is remembered');
  } finally {
    await context.close();
  }
});
