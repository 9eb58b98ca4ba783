// Good practices as their users meet them, in Debian's Chromium: Reșița's coordinator
// writes one up from a programme and submits it, by keyboard in Romanian on a 390 px
// phone; network staff return it with a note, then pass and publish it; readers then
// find it. axe-core on every page. Credentials come from ./scripts/test.sh.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, watchContext, visit, tabUntil, signIn, assertFits } from './lib/browser.mjs';

const PROGRAMME = '/cities/resita/programmes/educators-empowerment';
const PRACTICE = '/practices/resita-educators-empowerment';
const PHONE = { width: 390, height: 844 };

let browser;

before(async () => {
  baseUrl();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a coordinator writes up a programme as a good practice and submits it, by keyboard in Romanian on a phone', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: PHONE, isMobile: true, hasTouch: true });
  const seen = await watchContext(context);
  try {
    const page = await context.newPage();
    await signIn(page, process.env.FORJA_E2E_COORDINATOR_EMAIL);
    await visit(page, PROGRAMME);
    await tabUntil(page, (f) => f.tag === 'button' && /Descrieți ca bună practică/.test(f.text), { description: 'the write-up button' });
    await Promise.all([page.waitForURL(/\/practices\/resita-educators-empowerment\/edit$/), page.keyboard.press('Enter')]);
    // Filled in from the programme: its words, its partner's part, its target group.
    assert.match(await page.locator('#title_ro, [name=title_ro]').first().inputValue(), /educatorilor/);
    assert.match(await page.locator('[name=partners_ro]').inputValue(), /Planifică oferta de formare/);
    assert.ok(await page.locator('input[name=target_groups][value=educators]').isChecked());
    assert.equal(await page.locator('select[name=licence]').inputValue(), 'CC-BY-4.0');
    await assertFits(page, 'the practice form');
    await page.locator('[name=problem_ro]').fill('Profesorii nu aveau unde să învețe metodele noi în orașul lor.');
    await page.locator('[name=problem_ro]').focus();
    await tabUntil(page, (f) => f.tag === 'button' && /Salvați/.test(f.text), { description: 'save', max: 400 });
    await Promise.all([page.waitForURL(new RegExp(`${PRACTICE}$`)), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /Ciornă/);
    assert.match(await page.locator('main').innerText(), /Profesorii nu aveau unde să învețe/);
    await assertFits(page, 'the draft practice');
    await tabUntil(page, (f) => f.tag === 'button' && /Trimiteți spre evaluare/.test(f.text), { description: 'submit' });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /Trimisă spre evaluare/);
    // Readers do not see it before it is published.
    const anonymous = await browser.newContext({ locale: 'ro-RO' });
    const reader = await anonymous.newPage();
    assert.equal((await visit(reader, PRACTICE)).status(), 404);
    await anonymous.close();
    assert.deepEqual(seen.foreignRequests, [], 'no request leaves the site');
    assert.deepEqual(seen.cspViolations, [], 'no Content-Security-Policy refusals');
    assert.deepEqual(seen.pageErrors, [], 'no script errors');
  } finally {
    await context.close();
  }
});

test('network staff return a practice with a note, then pass and publish it', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await signIn(page, process.env.FORJA_E2E_ADMIN_EMAIL);
    await visit(page, PRACTICE);
    assert.match(await page.locator('main').innerText(), /Submitted for review/);
    // Returning without a note is refused beside the note, nothing changes.
    await page.getByRole('button', { name: 'Return to the city' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /Fill this in/);
    await assertFits(page, 'the refused return');
    await page.getByLabel(/Reviewer's note/).fill('Add what teachers said after the first year.');
    await page.getByRole('button', { name: 'Return to the city' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /Add what teachers said/);
    // Back with the city: its coordinator submits again (through the same page).
    const coordinator = await browser.newContext({ locale: 'en-US' });
    const c = await coordinator.newPage();
    await signIn(c, process.env.FORJA_E2E_COORDINATOR_EMAIL);
    await visit(c, PRACTICE);
    assert.match(await c.locator('main').innerText(), /Add what teachers said/);
    await c.getByRole('button', { name: 'Submit for review' }).click();
    await c.waitForLoadState('load');
    await coordinator.close();
    await visit(page, PRACTICE);
    await page.getByRole('button', { name: 'Pass' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForLoadState('load');
    const anonymous = await browser.newContext({ locale: 'en-US' });
    const reader = await anonymous.newPage();
    assert.equal((await visit(reader, PRACTICE)).status(), 200);
    assert.match(await reader.locator('h1').innerText(), /educators/i);
    await visit(reader, '/practices');
    assert.ok(await reader.locator(`a[href="${PRACTICE}"]`).count(), 'listed once published');
    await assertFits(reader, 'the practices list');
    await anonymous.close();
  } finally {
    await context.close();
  }
});
