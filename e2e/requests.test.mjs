// Partner requests as cities use them, in Debian's Chromium: Reșița's editor asks for
// partners by keyboard in Romanian on a 390 px phone (a past deadline refused by name,
// what was typed kept); Galați's editor answers; Reșița reads the answer, which
// readers do not see. axe-core on every page. Credentials come from ./scripts/test.sh.

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

/** A date `days` from today as a Romanian writes it. */
function inDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

test('Reșița asks for partners by keyboard on a phone, Galați answers, readers do not see the answer', { timeout: 300_000 }, async () => {
  const phone = await browser.newContext({ locale: 'ro-RO', viewport: PHONE, isMobile: true, hasTouch: true });
  const seen = await watchContext(phone);
  let requestPath;
  try {
    const page = await phone.newPage();
    await signIn(page, process.env.FORJA_E2E_EDITOR_EMAIL);
    await visit(page, '/requests');
    await assertFits(page, 'the requests');
    await tabUntil(page, (f) => f.path === '/cities/resita/requests/new', { description: 'look for partners' });
    await Promise.all([page.waitForURL(/\/cities\/resita\/requests\/new$/), page.keyboard.press('Enter')]);
    await assertFits(page, 'the request form');
    await page.locator('[name=title_ro]').fill('Parteneri pentru ateliere de meserii');
    await page.locator('[name=summary_ro]').fill('Doi ani de ateliere comune cu școli profesionale.');
    await page.locator('input[name=partner_kinds][value=city]').check();
    // The features are grouped by pillar, each group folded until opened.
    await page.locator('details:has(input[name=kflc][value="2.3"]) > summary').click();
    await page.locator('input[name=kflc][value="2.3"]').check();
    await page.locator('[name=countries]').fill('ro, hu');
    await page.locator('[name=deadline]').fill('01.01.2020');
    await page.locator('[name=reply_cap]').focus();
    await tabUntil(page, (f) => f.tag === 'button' && /Salvați/.test(f.text), { description: 'save', max: 400 });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('#e-deadline').innerText(), /\d/);
    assert.equal(await page.locator('[name=title_ro]').inputValue(), 'Parteneri pentru ateliere de meserii');
    assert.equal(await page.locator('[name=countries]').inputValue(), 'ro, hu');
    await assertFits(page, 'the refused request');
    await page.locator('[name=deadline]').fill(inDays(30));
    await page.locator('[name=reply_cap]').focus();
    await tabUntil(page, (f) => f.tag === 'button' && /Salvați/.test(f.text), { description: 'save', max: 400 });
    await Promise.all([page.waitForURL(/\/requests\/resita-parteneri/), page.keyboard.press('Enter')]);
    requestPath = new URL(page.url()).pathname;
    const main = await page.locator('main').innerText();
    assert.match(main, /Ungaria/);
    assert.match(main, /0 din cele 10/);
    await assertFits(page, 'the new request');
    assert.deepEqual(seen.foreignRequests, [], 'no request leaves the site');
    assert.deepEqual(seen.cspViolations, [], 'no Content-Security-Policy refusals');
    assert.deepEqual(seen.pageErrors, [], 'no script errors');
  } finally {
    await phone.close();
  }

  const desk = await browser.newContext({ locale: 'ro-RO' });
  try {
    const page = await desk.newPage();
    await signIn(page, process.env.FORJA_E2E_GALATI_EMAIL);
    await visit(page, requestPath);
    await tabUntil(page, (f) => f.tag === 'textarea', { description: 'the reply box' });
    await page.keyboard.type('Galați are două școli interesate. Contact: biroul orașului care învață.');
    await tabUntil(page, (f) => f.tag === 'button' && /Trimiteți răspunsul/.test(f.text), { description: 'send' });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('#replies').locator('..').innerText(), /două școli interesate/);
    assert.deepEqual(await axeCheck(page), [], 'the answered request: axe-core violations');
  } finally {
    await desk.close();
  }

  const reader = await browser.newContext({ locale: 'ro-RO' });
  try {
    const page = await reader.newPage();
    await visit(page, requestPath);
    const main = await page.locator('main').innerText();
    assert.match(main, /1 din cele 10/);
    assert.doesNotMatch(main, /două școli interesate/);
  } finally {
    await reader.close();
  }

  // Reșița's editor hears of it: in the inbox, from the header, by keyboard on the phone.
  const back = await browser.newContext({ locale: 'ro-RO', viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    const page = await back.newPage();
    await signIn(page, process.env.FORJA_E2E_EDITOR_EMAIL);
    await tabUntil(page, (f) => f.path === '/inbox', { description: 'the inbox in the header' });
    await Promise.all([page.waitForURL(/\/inbox$/), page.keyboard.press('Enter')]);
    const inbox = await page.locator('main').innerText();
    assert.match(inbox, /Galați a răspuns cererii dumneavoastră de parteneriat „Parteneri pentru ateliere de meserii”/);
    await assertFits(page, 'the inbox');
    await tabUntil(page, (f) => f.path === requestPath, { description: 'the notification' });
    await Promise.all([page.waitForURL((u) => u.pathname === requestPath), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /două școli interesate/);
  } finally {
    await back.close();
  }

  // The same news by e-mail, when the server sends mail (./scripts/test.sh gives it an
  // SMTP sink); the mail's unsubscribe link works in the browser without signing in.
  const maildir = process.env.FORJA_TEST_MAILDIR;
  if (!maildir) {
    assert.notEqual(process.env.CI, 'true', 'CI=true but FORJA_TEST_MAILDIR is not set');
    return;
  }
  const mail = await waitForMail(maildir, 'Parteneri pentru ateliere de meserii');
  assert.match(mail, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  const unsubscribe = mail.match(/https?:\/\/\S+\/unsubscribe\/[0-9a-f]{64}/)[0];
  const anyone = await browser.newContext({ locale: 'ro-RO', viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    const page = await anyone.newPage();
    await visit(page, new URL(unsubscribe).pathname);
    await assertFits(page, 'the unsubscribe page');
    await tabUntil(page, (f) => f.tag === 'button' && /Opriți e-mailurile/.test(f.text), { description: 'stop the mails' });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /Nu veți mai primi e-mailuri/);
  } finally {
    await anyone.close();
  }
});

/** The text of the first mail in a maildir that holds `needle` (quoted-printable undone). */
async function waitForMail(maildir, needle) {
  const { readdir, readFile } = await import('node:fs/promises');
  for (let i = 0; i < 100; i++) {
    const names = await readdir(`${maildir}/new`).catch(() => []);
    for (const name of names) {
      const raw = await readFile(`${maildir}/new/${name}`, 'latin1');
      const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      const text = Buffer.from(bytes, 'latin1').toString('utf8');
      if (text.includes(needle)) return text;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail holding ${needle} in ${maildir}`);
}
