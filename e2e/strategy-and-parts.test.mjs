// Editing a programme's parts, the strategy and its objectives, the organisations, and
// adding a member city, in Debian's Chromium with axe-core on every page. Accounts come
// from ./scripts/test.sh (FORJA_E2E_EDITOR_EMAIL, FORJA_E2E_ADMIN_EMAIL and the shared
// FORJA_E2E_EDITOR_PASSWORD).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, visit } from './lib/browser.mjs';

let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function signedIn(emailVariable, options = {}) {
  const email = process.env[emailVariable];
  const password = process.env.FORJA_E2E_EDITOR_PASSWORD;
  assert.ok(email && password, `${emailVariable} and FORJA_E2E_EDITOR_PASSWORD must be set (./scripts/test.sh does)`);
  const context = await browser.newContext({ locale: 'en-US', ...options });
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

test('a programme gets a milestone through "Add a milestone" and keeps it', { timeout: 180_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_EDITOR_EMAIL');
  try {
    await visit(page, '/cities/resita/programmes/hala-minda/edit');
    await assertAxeClean(page, 'the programme form with its parts');
    const rows = await page.locator('#g-milestones fieldset.row').count();
    await page.getByRole('button', { name: 'Add a milestone' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('#g-milestones fieldset.row').count(), rows + 1, 'one more blank row, nothing saved');
    const last = page.locator('#g-milestones fieldset.row').last();
    await last.getByLabel('Title (English)').fill('Open day checked in the browser');
    await last.getByLabel('Due date').fill('2027-05-01');
    await page.locator('form.edit-form .actions button[type=submit]').first().click();
    await page.waitForURL(/\/programmes\/hala-minda$/);
    assert.match(await page.locator('main').textContent(), /Open day checked in the browser/);
  } finally {
    await context.close();
  }
});

test('the strategy and an objective are edited with the framework pickers', { timeout: 180_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_EDITOR_EMAIL');
  try {
    await visit(page, '/cities/resita/strategy');
    await page.getByRole('link', { name: 'Edit the strategy' }).click();
    await page.waitForURL(/\/strategy\/edit$/);
    await assertAxeClean(page, 'the strategy form');
    await visit(page, '/cities/resita/strategy/objectives/O4/edit');
    await assertAxeClean(page, 'the objective form');
    // SDG 4 is folded away until opened; its targets are then ticked by keyboard.
    const sdg = page.locator('fieldset', { has: page.locator('legend', { hasText: 'Sustainable Development Goals' }) });
    await sdg.locator('summary', { hasText: /^4 · / }).click();
    const target = sdg.locator('input[value="4.6"]');
    await target.focus();
    await page.keyboard.press('Space');
    assert.ok(await target.isChecked());
    await page.locator('form.edit-form .actions button[type=submit]').first().click();
    await page.waitForURL(/\/strategy$/);
    const o4 = page.locator('article', { has: page.locator('#objective-O4') });
    assert.equal(await o4.locator('a[href="/framework/sdg/4.6"]').count(), 1, 'the new link shows under O4');
    await visit(page, '/cities/resita/strategy/objectives/O4/history');
    await assertAxeClean(page, 'the objective history');
    await visit(page, '/cities/resita/strategy/objectives/new');
    await assertAxeClean(page, 'the new objective form');
  } finally {
    await context.close();
  }
});

test('organisations are listed, created and edited', { timeout: 180_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_EDITOR_EMAIL');
  try {
    await visit(page, '/cities/resita');
    await page.getByRole('link', { name: 'Organisations', exact: true }).click();
    await page.waitForURL(/\/organisations$/);
    await assertAxeClean(page, 'the organisations list');
    await page.getByRole('link', { name: 'Add an organisation' }).click();
    await assertAxeClean(page, 'the new organisation form');
    await page.getByLabel('Name (English)').fill('Chess club (browser test)');
    await page.getByLabel('Kind').selectOption('ngo');
    await page.locator('form.edit-form button[type=submit]').click();
    await page.waitForURL(/\/organisations$/);
    await page.getByRole('link', { name: 'Edit Chess club (browser test)' }).click();
    await assertAxeClean(page, 'the organisation form');
  } finally {
    await context.close();
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`an administrator adds a member city from GeoNames (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, { timeout: 180_000 }, async () => {
    const { context, page } = await signedIn('FORJA_E2E_ADMIN_EMAIL', { javaScriptEnabled });
    try {
      await visit(page, '/cities');
      await page.getByRole('link', { name: 'Add a member city' }).click();
      await page.waitForURL(/\/admin\/cities\/new$/);
      // axe-core runs as a script in the page, so only where scripts run.
      if (javaScriptEnabled) await assertAxeClean(page, 'the new city form');
      const name = javaScriptEnabled ? 'timis' : 'sibiu';
      await page.getByLabel('City name').fill(name);
      if (!javaScriptEnabled) {
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForLoadState('load');
      }
      const first = page.locator('#place-results li a').first();
      await first.waitFor();
      const place = (await first.textContent()).trim();
      await first.click();
      await page.waitForURL(/geonames=/);
      assert.equal(await page.getByLabel('Name (English)').inputValue(), place);
      assert.equal(await page.getByLabel('Country').inputValue(), 'RO');
      if (javaScriptEnabled) await assertAxeClean(page, 'the new city form, filled in');
      await page.getByRole('button', { name: 'Add the city' }).click();
      await page.waitForURL(/\/cities\/[a-z-]+$/);
      assert.equal((await page.locator('h1').textContent()).trim(), place);
    } finally {
      await context.close();
    }
  });
}

test('an administrator edits the texts of a framework node', { timeout: 120_000 }, async () => {
  const { context, page } = await signedIn('FORJA_E2E_ADMIN_EMAIL');
  try {
    await visit(page, '/framework/kflc/2.5.3');
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(/\/edit$/);
    await assertAxeClean(page, 'the framework node form');
    await page.locator('#f-summary_en').fill('Teachers and trainers are well prepared (checked in the browser).');
    await page.locator('form.edit-form button[type=submit]').first().click();
    await page.waitForURL(/\/framework\/kflc\/2\.5\.3$/);
    assert.match(await page.locator('main').textContent(), /checked in the browser/);
    await visit(page, '/framework/kflc/2.5.3/history');
    await assertAxeClean(page, 'the framework node history');
  } finally {
    await context.close();
  }
});
