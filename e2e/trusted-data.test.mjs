// Data nobody loses, as a Reșița editor meets it: the Romanian interface on a 390-px
// phone, two tabs on one programme, numbers typed the Romanian way, and a delete that
// asks first — keyboard only where a person would use it, axe-core on every new page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, watchContext, visit } from './lib/browser.mjs';

const PROGRAMME = '/cities/resita/programmes/local-tourism-entrepreneurship';
let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function signIn(page) {
  const email = process.env.FORJA_E2E_EDITOR_EMAIL;
  const password = process.env.FORJA_E2E_EDITOR_PASSWORD;
  assert.ok(email && password, 'FORJA_E2E_EDITOR_EMAIL and FORJA_E2E_EDITOR_PASSWORD must be set');
  await visit(page, '/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(/\/dashboard$/), page.locator('#password').press('Enter')]);
}

async function assertAxeClean(page, where) {
  assert.deepEqual(await axeCheck(page), [], `${where}: axe-core violations`);
}

async function openForm(page) {
  await visit(page, `${PROGRAMME}/edit`);
  await page.waitForSelector('#f-title_ro');
}

/** Saves with the keyboard: Enter in a one-line field submits the form. */
async function saveFrom(page, selector) {
  await Promise.all([page.waitForLoadState('load'), page.waitForEvent('framenavigated'), page.locator(selector).press('Enter')]);
}

test('two tabs on a phone in Romanian: disjoint edits merge, the same field asks, numbers read as shown, delete asks', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 }, hasTouch: true });
  const seen = await watchContext(context);
  try {
    const a = await context.newPage();
    await signIn(a);
    const b = await context.newPage();
    await openForm(a);
    await openForm(b);
    assert.equal(await a.locator('html').getAttribute('lang'), 'ro');

    // Tab A changes the progress, tab B the Romanian summary: both stay.
    await a.locator('#f-progress').fill('55');
    await saveFrom(a, '#f-progress');
    assert.equal(new URL(a.url()).pathname, PROGRAMME);
    const summary = `Rezumat scris în al doilea tab ${Date.now()}`;
    await b.locator('#f-summary_ro').fill(summary);
    await saveFrom(b, '#f-title_ro');
    assert.equal(new URL(b.url()).pathname, PROGRAMME, 'merged without asking');
    await visit(a, `${PROGRAMME}/edit`);
    assert.equal(await a.locator('#f-progress').inputValue(), '55', "tab A's figure is kept");
    assert.equal(await a.locator('#f-summary_ro').inputValue(), summary);

    // Both change the title: only the title is asked about, side by side.
    await openForm(b);
    await a.locator('#f-title_ro').fill('Titlul din primul tab');
    await saveFrom(a, '#f-title_ro');
    await b.locator('#f-title_ro').fill('Titlul din al doilea tab');
    await saveFrom(b, '#f-title_ro');
    const conflict = b.locator('section.conflict');
    await conflict.waitFor();
    assert.equal(await conflict.locator('fieldset').count(), 1, 'one field both changed');
    assert.match(await conflict.textContent(), /Titlul din primul tab[\s\S]*Titlul din al doilea tab/);
    await assertAxeClean(b, 'the conflict page (ro, 390 px)');
    // Saving without choosing asks again and keeps the saved title.
    await saveFrom(b, '#f-title_ro');
    await b.locator('.conflict-field.missing').waitFor();
    // Keyboard only: the first radio of the question, Space to choose, Enter to save.
    await b.locator('input[name="resolve.title_ro"][value="saved"]').focus();
    await b.keyboard.press('Space');
    await saveFrom(b, '#f-title_ro');
    assert.equal(new URL(b.url()).pathname, PROGRAMME);
    assert.match(await b.locator('h1').textContent(), /Titlul din primul tab/);

    // Numbers the Romanian way: what could mean two things is asked, with both readings.
    await openForm(a);
    await a.locator('#f-weight').fill('1.500');
    await saveFrom(a, '#f-weight');
    const error = await a.locator('#e-weight').textContent();
    assert.match(error, /1500/);
    assert.match(error, /1,5/);
    assert.equal(await a.locator('#f-weight').inputValue(), '1.500', 'what was typed stays');
    await assertAxeClean(a, 'the form with an ambiguous number');
    await a.locator('#f-weight').fill('2,5');
    await saveFrom(a, '#f-weight');
    assert.equal(new URL(a.url()).pathname, PROGRAMME);
    await openForm(a);
    assert.equal(await a.locator('#f-weight').inputValue(), '2,5');

    // Delete asks first; going back keeps what was typed.
    await a.locator('#f-title_ro').fill('Nesalvat încă');
    await Promise.all([a.waitForURL(/\/delete$/), a.getByRole('button', { name: 'Ștergeți' }).click()]);
    assert.match(await a.locator('h1').textContent(), /Ștergeți „Nesalvat încă”\?/);
    await assertAxeClean(a, 'the delete confirmation');
    await Promise.all([a.waitForURL(/\/edit$/), a.getByRole('button', { name: 'Nu, înapoi la editare' }).click()]);
    assert.equal(await a.locator('#f-title_ro').inputValue(), 'Nesalvat încă', 'unsaved edits survive');
    await visit(a, PROGRAMME);
    assert.match(await a.locator('h1').textContent(), /Titlul din primul tab/, 'nothing deleted or saved');

    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.foreignRequests, []);
  } finally {
    await context.close();
  }
});
