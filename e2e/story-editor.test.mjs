// The story editor in Debian's Chromium: a coordinator builds a story from a picture they
// upload, sees the page in the live preview, is refused a faint theme, publishes it and
// reads it; an editor may not publish; the outline works without JavaScript and by drag
// and drop; axe-core finds nothing on any editor page. Accounts come from
// ./scripts/test.sh (FORJA_E2E_COORDINATOR_EMAIL, FORJA_E2E_EDITOR_EMAIL and the shared
// FORJA_E2E_EDITOR_PASSWORD).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, baseUrl, axeCheck, visit, watchContext } from './lib/browser.mjs';

let browser;
let scratch;

before(async () => {
  baseUrl();
  browser = await launch();
  scratch = mkdtempSync(join(tmpdir(), 'forja-editor-'));
});

after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function signedIn(emailVariable, options = {}) {
  const email = process.env[emailVariable];
  const password = process.env.FORJA_E2E_EDITOR_PASSWORD;
  assert.ok(email && password, `${emailVariable} and FORJA_E2E_EDITOR_PASSWORD must be set (./scripts/test.sh does)`);
  const context = await browser.newContext({ locale: 'en-US', ...options });
  // A missing element fails the test with its name instead of waiting for ever.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await visit(page, '/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(/\/dashboard$/), page.locator('form[action="/login"] button[type=submit]').click()]);
  return { context, page };
}

async function assertAxeClean(page, where) {
  assert.deepEqual(await axeCheck(page), [], `${where}: axe-core violations`);
}

/** Starts a story from the stories page; resolves on its editor. The title is made
 * unique, so the tests can run again against the same server. */
async function newStory(page, title) {
  await visit(page, '/cities/resita/stories');
  await page.getByLabel('Title').fill(`${title} ${Date.now().toString(36)}`);
  await Promise.all([page.waitForURL(/\/stories\/[a-z0-9-]+\/edit$/), page.getByRole('button', { name: 'Create the story' }).click()]);
}

/** The outline's page kinds, per chapter, as the editor lists them. */
async function outlineKinds(page) {
  return page.locator('fieldset.outline-chapter').evaluateAll((chapters) =>
    chapters.map((c) => [...c.querySelectorAll('li.outline-page .outline-kind')].map((k) => k.textContent.trim())));
}

test('a coordinator builds a story from an uploaded picture, previews, publishes and reads it', { timeout: 240_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_COORDINATOR_EMAIL');
  const seen = await watchContext(context);
  try {
    // A picture made here, as a city's photographer would upload one.
    const picture = join(scratch, 'furnace-dusk.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'gradients=s=1280x720:c0=0x8a3b12:c1=0x1d2a44:duration=1', '-frames:v', '1', picture]);

    await newStory(page, 'Forge of learning (browser test)');
    await assertAxeClean(page, 'the story editor');
    const editor = page.url();

    // Upload: a missing credit is refused beside its field, nothing stored.
    await page.getByRole('link', { name: 'Media library' }).first().click();
    await page.waitForURL(/\/media$/);
    await assertAxeClean(page, 'the media library');
    await page.getByLabel('File', { exact: true }).setInputFiles(picture);
    await page.getByLabel(/Description of what it shows.*\(English\)/).fill('A furnace at dusk, in orange and blue (test picture)');
    await page.getByLabel('Credit (author or owner)').fill('');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('.error-summary').textContent(), /Credit/);
    // A file that is no picture is refused at upload, saying what to do; nothing is stored.
    const notes = join(scratch, 'notes.jpg');
    writeFileSync(notes, 'a text file named like a picture');
    await page.getByLabel('File', { exact: true }).setInputFiles(notes);
    await page.getByLabel('Credit (author or owner)').fill('Forja browser test');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('.error-summary').textContent(), /cannot read this file/);
    assert.equal(await page.locator('table.media-items tbody tr', { hasText: 'notes.jpg' }).count(), 0);
    await page.getByLabel('File', { exact: true }).setInputFiles(picture);
    await page.getByLabel('Credit (author or owner)').fill('Forja browser test');
    await Promise.all([page.waitForURL(/\/media$/), page.getByRole('button', { name: 'Upload' }).click()]);
    const row = page.locator('table.media-items tbody tr', { hasText: 'furnace-dusk.jpg' }).first();
    // The page keeps itself up to date while the picture is prepared.
    await row.locator('.media-status[data-status="ready"]').waitFor({ timeout: 120_000 });
    const item = await row.getAttribute('data-item');

    // A text page in the first chapter, two steps up to follow the cover.
    await page.goto(editor);
    await page.getByLabel('Kind of the new page').first().selectOption('text');
    await page.getByRole('button', { name: /Add a page to/ }).first().click();
    await page.waitForLoadState('load');
    assert.deepEqual((await outlineKinds(page))[0], ['Cover', 'Text over a picture or video', 'Credits', 'End'], 'a new page goes before the closing pages');
    // Moved with the keyboard, the page keeps the focus on its button at its new place.
    await page.getByRole('button', { name: 'Move page 2 down' }).focus();
    await Promise.all([page.waitForURL(/#outline-page-3$/), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.activeElement?.value === 'page-down:3');
    assert.deepEqual((await outlineKinds(page))[0], ['Cover', 'Credits', 'Text over a picture or video', 'End']);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.value), 'page-up:3', 'its other button is next to it');
    await Promise.all([page.waitForURL(/#outline-page-2$/), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.activeElement?.value === 'page-up:2');
    assert.deepEqual((await outlineKinds(page))[0], ['Cover', 'Text over a picture or video', 'Credits', 'End']);
    assert.match(await page.locator('.story-publish').textContent(), /Pages still missing words: 2/);

    // Its form: the live preview shows the words as they are typed, before saving.
    await page.locator('li.outline-page[data-n="2"] a').click();
    await page.waitForURL(/\/edit\/2$/);
    await assertAxeClean(page, 'the page form');
    await page.getByLabel('Background picture or video').selectOption(item);
    await page.getByLabel('Text', { exact: true }).fill('Steel since 1771; **learning** every day since 2022.');
    const preview = page.frameLocator('iframe[name="story-preview"]');
    await preview.locator('#page-2 .prose strong', { hasText: 'learning' }).waitFor({ timeout: 15_000 });
    assert.equal(await preview.locator(`#page-2 img.bg-image[src^="/media/${item}/"]`).count(), 1, 'the picked background in the preview');
    await Promise.all([page.waitForURL(/\/edit\/2$/), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    await page.goto(editor);
    assert.equal((await page.locator('li.outline-page[data-n="2"] a').textContent()).trim(), 'Steel since 1771; learning every day since 2022.', 'the outline shows the words, not the Markdown');

    // A theme too faint to read is refused with its ratio, and nothing is saved.
    await page.goto(editor);
    await page.locator('#f-theme_background').fill('#ffffff');
    await page.locator('#f-theme_text').fill('#aaaaaa');
    await page.locator('#f-theme_accent').fill('#1d4f91');
    await page.locator('form[action$="/edit"] .actions button:not(.danger)').click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('.error-summary').textContent(), /Text colour: Too faint on the background: contrast 2\.32:1/);
    await assertAxeClean(page, 'the story editor with a refused theme');
    await page.locator('#f-theme_text').fill('#222222');
    await Promise.all([page.waitForURL(/\/edit$/), page.locator('form[action$="/edit"] .actions button:not(.danger)').click()]);

    // Publish, then read it as anyone would, in the story's own colours.
    await page.getByRole('button', { name: 'Publish these changes' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('.story-publish').textContent(), /Published: readers see this version/);
    assert.equal(await page.getByRole('button', { name: 'Publish these changes' }).count(), 0, 'nothing left to publish');
    const reader = await browser.newContext({ locale: 'en-US' });
    try {
      const r = await reader.newPage();
      const story = editor.replace(/\/edit$/, '/2');
      const response = await r.goto(story);
      assert.equal(response.status(), 200);
      assert.match(await r.locator('#page-2 .prose').textContent(), /Steel since 1771/);
      const colour = await r.evaluate(() => getComputedStyle(document.body).color);
      assert.equal(colour, 'rgb(34, 34, 34)', 'the theme applies, allowed by its hash');
    } finally {
      await reader.close();
    }
    assert.deepEqual(seen.cspViolations, [], 'no style or script refused by the policy');
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('an editor builds but cannot publish; the outline works without JavaScript', { timeout: 120_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_EDITOR_EMAIL', { javaScriptEnabled: false });
  try {
    await newStory(page, 'Without script (browser test)');
    assert.match(await page.locator('.story-publish').textContent(), /Only the city's coordinator can publish/);
    assert.equal(await page.getByRole('button', { name: 'Publish these changes' }).count(), 0);
    await page.getByLabel('Title of a new chapter').fill('People');
    await page.getByRole('button', { name: 'Add the chapter' }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('Kind of the new page').nth(1).selectOption('quote');
    await page.getByRole('button', { name: 'Add a page to “People”' }).click();
    await page.waitForLoadState('load');
    assert.deepEqual(await outlineKinds(page), [['Cover', 'Credits', 'End'], ['Quote']]);
    // Past its chapter's first page, a page goes up into the chapter before.
    await page.getByRole('button', { name: 'Move page 4 up' }).click();
    await page.waitForLoadState('load');
    assert.deepEqual(await outlineKinds(page), [['Cover', 'Credits', 'End', 'Quote'], []]);
    // The chapter left empty can go now; a chapter with pages cannot.
    await page.getByRole('button', { name: 'Remove the empty chapter “People”' }).click();
    await page.waitForLoadState('load');
    assert.deepEqual(await outlineKinds(page), [['Cover', 'Credits', 'End', 'Quote']]);
  } finally {
    await context.close();
  }
});

test('a page is dragged to another place in the outline', { timeout: 120_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_EDITOR_EMAIL');
  try {
    await newStory(page, 'Drag and drop (browser test)');
    await page.getByLabel('Kind of the new page').first().selectOption('map');
    await page.getByRole('button', { name: /Add a page to/ }).first().click();
    await page.waitForLoadState('load');
    assert.deepEqual((await outlineKinds(page))[0], ['Cover', 'Map', 'Credits', 'End']);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('li.outline-page[data-n="3"]').dragTo(page.locator('li.outline-page[data-n="2"]'), { targetPosition: { x: 10, y: 2 } }),
    ]);
    assert.deepEqual((await outlineKinds(page))[0], ['Cover', 'Credits', 'Map', 'End']);
  } finally {
    await context.close();
  }
});

test('on a phone, the page editor fits, warns when words over a bright picture would be hard to read, and the focal point is picked on the picture', { timeout: 240_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_EDITOR_EMAIL', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    // A pale sky, as phones photograph one at noon.
    const picture = join(scratch, 'pale-sky.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'gradients=s=1600x900:c0=0xf4f6f8:c1=0xdfe9f2:duration=1', '-frames:v', '1', picture]);
    await newStory(page, 'Pale sky (browser test)');
    const editor = page.url();
    await page.getByRole('link', { name: 'Media library' }).first().click();
    await page.waitForURL(/\/media$/);
    await page.getByLabel('File', { exact: true }).setInputFiles(picture);
    await page.getByLabel(/Description of what it shows.*\(English\)/).fill('A pale sky (test picture)');
    await page.getByLabel('Credit (author or owner)').fill('Forja browser test');
    await Promise.all([page.waitForURL(/\/media$/), page.getByRole('button', { name: 'Upload' }).click()]);
    const row = page.locator('table.media-items tbody tr', { hasText: 'pale-sky.jpg' }).first();
    await row.locator('.media-status[data-status="ready"]').waitFor({ timeout: 120_000 });
    const item = await row.getAttribute('data-item');
    // The focal point: a tap on the picture near its top right moves the point there.
    const picker = row.locator('.focal-picture');
    const box = await picker.boundingBox();
    await picker.click({ position: { x: box.width * 0.78, y: box.height * 0.22 } });
    assert.equal(await row.locator('select[name="x"]').inputValue(), '80');
    assert.equal(await row.locator('select[name="y"]').inputValue(), '20');
    assert.match(await picker.getAttribute('class'), /\bfx-80\b.*\bfy-20\b|\bfy-20\b.*\bfx-80\b/, 'the point shows where it was put');
    await Promise.all([page.waitForURL(/\/media#item-/), row.getByRole('button', { name: 'Save the focal point' }).click()]);
    const saved = page.locator(`tr[data-item="${item}"]`);
    assert.equal(await saved.locator('select[name="x"]').inputValue(), '80', 'saved');
    assert.match(await saved.locator('.focal-picture').getAttribute('class'), /\bfx-80\b/);

    await page.goto(editor.replace(/\/edit$/, '/edit/1'));
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]), [390, 390], 'the page editor fits a 390-px screen');
    await page.getByLabel('Background picture or video').selectOption(item);
    await page.getByLabel('How much the background is darkened under the text').selectOption('0');
    await Promise.all([page.waitForURL(/\/edit\/1$/), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    const warning = page.locator('#contrast-warning');
    assert.ok(await warning.isVisible(), 'a pale picture with no darkening is warned about');
    const text = await warning.textContent();
    const needed = text.match(/Darken the picture to (\d+) %/);
    assert.ok(needed, text);
    assert.match(text, /falls to \d(\.\d)?:1/);
    await assertAxeClean(page, 'the page form with its contrast warning');
    await page.getByLabel('How much the background is darkened under the text').selectOption(needed[1]);
    await Promise.all([page.waitForURL(/\/edit\/1$/), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    assert.equal(await page.locator('#contrast-warning').count(), 0, `darkened to ${needed[1]} %, the words read well`);
  } finally {
    await context.close();
  }
});
