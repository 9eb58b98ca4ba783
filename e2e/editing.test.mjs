// The editing journey of a city editor, in Debian's Chromium: sign in, edit a
// programme, see the new revision in its history, restore the previous version, sign
// out — with axe-core on every signed-in page. Credentials come from ./scripts/test.sh
// (FORJA_E2E_EDITOR_EMAIL / FORJA_E2E_EDITOR_PASSWORD).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, watchContext, visit } from './lib/browser.mjs';

const PROGRAMME = '/cities/resita/programmes/riverside-rehabilitation';
let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function credentials() {
  const email = process.env.FORJA_E2E_EDITOR_EMAIL;
  const password = process.env.FORJA_E2E_EDITOR_PASSWORD;
  assert.ok(email && password, 'FORJA_E2E_EDITOR_EMAIL and FORJA_E2E_EDITOR_PASSWORD must be set (./scripts/test.sh does)');
  return { email, password };
}

async function assertAxeClean(page, where) {
  const violations = await axeCheck(page);
  assert.deepEqual(violations, [], `${where}: axe-core violations`);
}

test('a city editor signs in, edits a programme, restores the previous version and signs out', { timeout: 300_000 }, async () => {
  const { email, password } = credentials();
  const context = await browser.newContext({ locale: 'en-US' });
  const seen = await watchContext(context);
  try {
    const page = await context.newPage();

    // Sign in from the header link, by keyboard-friendly form fields.
    await visit(page, PROGRAMME);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(/\/login/);
    await assertAxeClean(page, '/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.getByRole('button', { name: 'Sign in' }).click()]);
    await assertAxeClean(page, 'the dashboard');
    assert.match(await page.locator('main .lead').textContent(), /for Reșița/, 'the role names the city');
    assert.ok(await page.getByRole('link', { name: 'Programmes' }).count() > 0, 'what they can edit');

    // The programme page now offers editing.
    await visit(page, PROGRAMME);
    const originalTitle = (await page.locator('h1').textContent()).trim();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(/\/edit$/);
    await assertAxeClean(page, 'the edit form');

    // A bad value is refused beside its field, and what was typed is kept.
    const newTitle = `${originalTitle} (checked in the browser)`;
    await page.locator('#f-title_en').fill(newTitle);
    await page.getByLabel('Progress (%)').fill('140');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('#e-progress').textContent(), /Out of range/);
    assert.equal(await page.locator('#f-title_en').inputValue(), newTitle, 'the typed title is kept');
    await assertAxeClean(page, 'the edit form with errors');

    // Corrected, it saves and the page shows the new title.
    await page.getByLabel('Progress (%)').fill('60');
    await Promise.all([page.waitForURL((u) => u.pathname === PROGRAMME), page.getByRole('button', { name: 'Save' }).first().click()]);
    assert.equal((await page.locator('h1').textContent()).trim(), newTitle);

    // History shows the change as a diff, and restores the previous version.
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(/\/history/);
    await assertAxeClean(page, 'the history page');
    assert.match(await page.locator('.diff ins').first().textContent(), /checked in the browser/);
    const rows = page.locator('tbody tr');
    assert.ok((await rows.count()) >= 2, 'the loaded version and the edit are both listed');
    await rows.last().getByRole('button', { name: /Restore/ }).click();
    await page.waitForURL(/\/history/);
    await visit(page, PROGRAMME);
    assert.equal((await page.locator('h1').textContent()).trim(), originalTitle, 'the original title is back');

    // Sign out; the edit link is gone.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await visit(page, PROGRAMME);
    assert.equal(await page.getByRole('link', { name: 'Edit', exact: true }).count(), 0);
    assert.deepEqual(seen.foreignRequests, [], 'no request left the server');
    assert.deepEqual(seen.cspViolations, [], 'no CSP refusal');
  } finally {
    await context.close();
  }
});

test('wrong credentials get one clear message that does not say whether the email exists', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await visit(page, '/login');
    await page.getByLabel('Email').fill('nobody@resita.test');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    const unknown = (await page.getByRole('alert').textContent()).trim();
    await page.getByLabel('Email').fill(credentials().email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    const known = (await page.getByRole('alert').textContent()).trim();
    assert.equal(known, unknown, 'the same message for a known and an unknown email');
    assert.equal(await page.getByLabel('Email').inputValue(), credentials().email, 'the email is kept');
  } finally {
    await context.close();
  }
});

test('the city profile editor and its history pass axe, and a bad value is explained in Romanian', { timeout: 180_000 }, async () => {
  const { email, password } = credentials();
  const context = await browser.newContext({ locale: 'ro-RO' });
  try {
    const page = await context.newPage();
    await visit(page, '/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.locator('form[action="/login"] button[type=submit]').click()]);
    await visit(page, '/cities/resita');
    await page.locator('a[href="/cities/resita/edit"]').click();
    await page.waitForURL(/\/cities\/resita\/edit$/);
    await assertAxeClean(page, '/cities/resita/edit');
    await page.locator('#f-population').fill('-3');
    await page.locator('form.edit-form button[type=submit]').click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('#e-population').textContent(), /În afara limitelor/);
    await assertAxeClean(page, '/cities/resita/edit with errors');
    await visit(page, '/cities/resita/history');
    await assertAxeClean(page, '/cities/resita/history');
    await visit(page, '/cities/resita/programmes');
    await page.locator('a[href="/cities/resita/programmes/new"]').click();
    await page.waitForURL(/\/programmes\/new$/);
    await assertAxeClean(page, '/cities/resita/programmes/new');
    await visit(page, '/cities/resita/programmes/deleted');
    await assertAxeClean(page, '/cities/resita/programmes/deleted');
  } finally {
    await context.close();
  }
});

test("a coordinator's people page passes axe and adds a person", { timeout: 120_000 }, async () => {
  const email = process.env.FORJA_E2E_COORDINATOR_EMAIL;
  const { password } = credentials();
  assert.ok(email, 'FORJA_E2E_COORDINATOR_EMAIL must be set (./scripts/test.sh does)');
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await visit(page, '/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.getByRole('button', { name: 'Sign in' }).click()]);
    await visit(page, '/cities/resita');
    await page.getByRole('link', { name: 'People and roles' }).click();
    await page.waitForURL(/\/cities\/resita\/people$/);
    await assertAxeClean(page, '/cities/resita/people');
    await page.locator('#new-email').fill(`someone${Date.now()}@resita.test`);
    await page.locator('#new-name').fill('Someone');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('code.secret').count(), 1, 'the new password is shown once');
    await assertAxeClean(page, '/cities/resita/people after adding');
  } finally {
    await context.close();
  }
});
