// Monitoring in Debian's Chromium: the public pages (an indicator's chart, table,
// breakdown filter and rating; the city's overview; the catalogue; the comparison) are
// axe-clean in English and Romanian, read on a 390-px phone and work without
// JavaScript; small counts are protected for the public and true for the city's editor;
// a Romanian spreadsheet (semicolons, decimal commas, Windows-1250) is checked, its
// mistakes listed by line, then a corrected file imported and undone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, baseUrl, axeCheck, watchContext, visit } from './lib/browser.mjs';

let browser;
before(async () => {
  baseUrl();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function assertAxeClean(page, where) {
  assert.deepEqual(await axeCheck(page), [], `${where}: axe-core violations`);
}

const PAGES = [
  '/cities/resita/monitoring',
  '/cities/resita/monitoring?by=kflc',
  '/cities/resita/monitoring?by=sdg',
  '/cities/resita/monitoring/4.3.1',
  '/cities/resita/monitoring/4.3.1?sex=F&urbanisation=R',
  '/cities/resita/monitoring/LC.VULNERABLE-LEARNERS?target-group=roma&sex=M',
  '/cities/resita/monitoring/LC.NEW-BUSINESSES',
  '/cities/resita/monitoring/LC.OPPORTUNITIES-PER-1000',
  '/indicators',
  '/indicators/4.3.1',
  '/programme-statuses',
];

test('monitoring pages are axe-clean in both languages and fit a 390-px phone', { timeout: 300_000 }, async () => {
  for (const [locale, width] of [['en-US', 1280], ['ro-RO', 390]]) {
    const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
    const seen = await watchContext(context);
    const page = await context.newPage();
    for (const path of PAGES) {
      const response = await visit(page, path);
      assert.equal(response.status(), 200, path);
      await assertAxeClean(page, `${path} (${locale})`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= width, `${path} is ${wide}px wide on a ${width}px screen`);
    }
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.cspViolations, []);
    await context.close();
  }
});

test('without JavaScript the chart, the table and the filter all work', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', javaScriptEnabled: false });
  const page = await context.newPage();
  // The overview's grouping is a plain form too.
  await visit(page, '/cities/resita/monitoring');
  await page.selectOption('#group-by', 'kflc');
  await Promise.all([page.waitForURL(/by=kflc/), page.locator('form.filters button[type=submit]').click()]);
  const headings = await page.locator('main h2').allInnerTexts();
  assert.ok(headings.some((h) => /^KFLC 2 · /.test(h)), headings.join(' | '));
  await visit(page, '/cities/resita/monitoring/4.3.1');
  await page.getByLabel('Sex', { exact: true }).selectOption('M');
  await Promise.all([page.waitForURL(/sex=M/), page.getByRole('button', { name: 'Arată' }).click()]);
  assert.equal((await page.locator('#series-heading').textContent()).trim(), 'Masculin');
  assert.ok(await page.locator('svg.chart circle').count() > 0, 'the chart is drawn on the server');
  assert.equal(await page.locator('table.data-table tbody tr').count(), 7);
  await context.close();
});

test('the indicator page: chart with a text alternative, the same figures in a table, a filter that keeps both in step', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await visit(page, '/cities/resita/monitoring/4.3.1');
  const chart = page.locator('svg.chart').first();
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.locator('desc').textContent(), /Values from 2019 \(9\.0 %\) to 2025/);
  assert.equal(await page.locator('table.data-table tbody tr').count(), 7);
  assert.equal(await page.locator('svg.chart').first().locator('circle').count(), 7);
  assert.equal(await page.locator('svg.chart').first().locator('circle.hollow').count(), 1, 'the provisional 2025 value is hollow');
  assert.match(await page.locator('.rating').textContent(), /On track/);
  assert.match(await page.locator('.rating').textContent(), /ratio of the two: 1\.\d{3}/);
  // The filter is a plain form: chart and table follow it.
  await page.getByLabel('Sex', { exact: true }).selectOption('F');
  await page.getByLabel('Area', { exact: true }).selectOption('R');
  await Promise.all([page.waitForURL(/sex=F/), page.getByRole('button', { name: 'Show' }).click()]);
  assert.equal((await page.locator('#series-heading').textContent()).trim(), 'Female, Rural');
  assert.match(await page.locator('svg.chart').first().locator('title').textContent(), /Female, Rural/);
  assert.equal(await page.locator('table.data-table tbody tr').count(), 7);
  await context.close();
});

test('small counts: fewer than 5 in public, true values for the city editor', { timeout: 120_000 }, async () => {
  const path = '/cities/resita/monitoring/LC.VULNERABLE-LEARNERS?target-group=roma&sex=M';
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await visit(page, path);
  const cells = await page.locator('table.data-table tbody td.num').allTextContents();
  assert.ok(cells.includes('fewer than 5'), `public cells: ${cells}`);
  assert.ok(cells.includes('withheld'), 'a complementary cell is withheld too');
  assert.ok(!cells.includes('2'), 'the true 2 is not shown');
  await signIn(page);
  await visit(page, path);
  const editor = await page.locator('table.data-table tbody td.num').allTextContents();
  assert.ok(editor.includes('2') && !editor.includes('fewer than 5'), `editor cells: ${editor}`);
  await context.close();
});

test('a computed indicator names its parts, and its editor is sent to them to type values', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await signIn(page);
  await visit(page, '/cities/resita/monitoring/LC.OPPORTUNITIES-PER-1000');
  const about = await page.locator('dl.facts').innerText();
  assert.match(about, /LC\.OPPORTUNITIES[\s\S]*÷[\s\S]*LC\.POPULATION[\s\S]*× 1\.000/, about);
  // 112 listings over 57,700 residents (both labelled samples) in 2025.
  const first = await page.locator('table.data-table tbody tr').first().innerText();
  assert.match(first, /^2025\s+1,94/, first);
  assert.equal(await page.locator('.edit-links a.button').count(), 0, 'no cells to type into');
  await visit(page, '/cities/resita/monitoring/LC.OPPORTUNITIES-PER-1000/edit');
  assert.equal(await page.locator('form.entry-form').count(), 0);
  await assertAxeClean(page, 'the entry page of a computed indicator');
  await Promise.all([page.waitForURL(/LC\.POPULATION\/edit$/), page.getByRole('link', { name: /LC\.POPULATION/ }).click()]);
  assert.equal(await page.locator('form.entry-form').count(), 1, 'a part has its table');
  await context.close();
});

test('the city editor chooses which organisations report an indicator, and the public page names them', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await signIn(page);
  await visit(page, '/cities/resita/monitoring/LC.VULNERABLE-LEARNERS/edit');
  const section = page.locator('#reporters');
  await assertAxeClean(page, 'the entry page with its reporters');
  const schools = section.getByLabel(/Școli și furnizori/);
  assert.ok(await schools.isChecked(), 'the demo\'s course providers report it');
  const community = section.getByLabel(/Grupuri de locuitori/);
  assert.ok(!(await community.isChecked()));
  // Keyboard only: focus the box, tick it with the space bar, submit with Enter.
  await community.focus();
  await page.keyboard.press('Space');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    section.getByRole('button').press('Enter'),
  ]);
  await page.waitForURL(/\/edit#reporters$/);
  assert.ok(await page.locator('#reporters').getByLabel(/Grupuri de locuitori/).isChecked());
  await visit(page, '/cities/resita/monitoring/LC.VULNERABLE-LEARNERS');
  const about = await page.locator('dl.facts').innerText();
  assert.match(about, /Raportat de\s+Școli și furnizori[^\n]*; Grupuri de locuitori/, about);
  // The choice is the newest line of the city's data history, with who made it.
  await visit(page, '/cities/resita/monitoring');
  await Promise.all([page.waitForURL(/\/monitoring\/history$/), page.getByRole('link', { name: 'Istoricul datelor' }).click()]);
  await assertAxeClean(page, 'the data history');
  const first = await page.locator('tbody tr').first().innerText();
  assert.match(first, /Test[\s\S]*Au fost alese organizațiile care raportează LC\.VULNERABLE-LEARNERS/, first);
  assert.ok(await page.getByText(/Importat resita\.csv/).count() > 0, 'the demo imports are there');
  await context.close();
});

test('a network administrator edits an indicator; taking away a breakdown its values use is refused, naming them', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await signIn(page, process.env.FORJA_E2E_ADMIN_EMAIL);
  await visit(page, '/indicators/LC.VULNERABLE-LEARNERS');
  await Promise.all([page.waitForURL(/\/edit$/), page.getByRole('link', { name: 'Editați acest indicator' }).click()]);
  await assertAxeClean(page, 'the indicator form');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the form is ${wide}px wide`);
  await page.getByRole('checkbox', { name: 'Sex' }).uncheck();
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('main form button[type=submit]').first().click(),
  ]);
  assert.equal(refused.status(), 422);
  const errors = await page.locator('.error-summary').innerText();
  assert.match(errors, /Reșița: \d+ \(2022–2025\)/, errors);
  // What was typed stays; put the breakdown back and save a clearer definition.
  await page.getByRole('checkbox', { name: 'Sex' }).check();
  await page.getByLabel('Definiție (română)').fill('Adulți din grupurile prioritare care au absolvit un curs în anul respectiv.');
  await Promise.all([page.waitForURL(/\/indicators\/LC\.VULNERABLE-LEARNERS$/), page.locator('main form button[type=submit]').first().click()]);
  assert.match(await page.locator('main').innerText(), /au absolvit un curs în anul respectiv/);
  await visit(page, '/indicators/LC.VULNERABLE-LEARNERS/history');
  const history = await page.locator('main').innerText();
  assert.match(history, /Definiție \(română\)[\s\S]*anul respectiv/, history);
  assert.match(history, /editată/, 'the edit is a version with its author');
  await context.close();
});

async function signIn(page, email = process.env.FORJA_E2E_EDITOR_EMAIL) {
  const password = process.env.FORJA_E2E_EDITOR_PASSWORD;
  assert.ok(email && password, 'FORJA_E2E_EDITOR_EMAIL and FORJA_E2E_EDITOR_PASSWORD must be set');
  await visit(page, '/login');
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Parolă)$/).fill(password);
  await Promise.all([page.waitForURL(/\/dashboard$/), page.locator('main form button[type=submit]').click()]);
}

/** A CSV as an older Romanian Excel saves it: Windows-1250, semicolons, decimal commas. */
function windows1250(text) {
  const map = { 'ă': 0xe3, 'â': 0xe2, 'î': 0xee, 'ș': 0xba, 'ş': 0xba, 'ț': 0xfe, 'ţ': 0xfe, 'Ș': 0xaa, 'Ț': 0xde };
  return Buffer.from([...text].map((c) => map[c] ?? c.charCodeAt(0)));
}

test('a Romanian spreadsheet is checked, its mistakes named by line, then imported and undone', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forja-import-'));
  const bad = join(dir, 'participare.csv');
  writeFileSync(bad, windows1250('Indicator;Year;Sex;Mediu;Value;Notă\n4.3.1;2026;Feminin;rural;14,5;estimare în lucru\n4.3.1;2026-T1;;;13;\n4.3.1;2026;;;140;\n'));
  const good = join(dir, 'participare-corectat.csv');
  writeFileSync(good, windows1250('Indicator;Year;Sex;Mediu;Value;Notă\n4.3.1;2026;Feminin;rural;14,5;estimare în lucru\n4.3.1;2026;;;13,2;\n'));

  const context = await browser.newContext({ locale: 'ro-RO' });
  const seen = await watchContext(context);
  const page = await context.newPage();
  await signIn(page);
  await visit(page, '/cities/resita/monitoring/import');
  await assertAxeClean(page, 'the import page');

  await page.setInputFiles('#f-file', bad);
  await page.getByRole('button', { name: 'Verifică fișierul' }).click();
  await page.waitForLoadState('load');
  const rejects = page.locator('table.rejects tbody tr');
  assert.equal(await rejects.count(), 2, 'two rows to fix');
  assert.match(await rejects.nth(0).textContent(), /^3.*Year.*nu este o perioadă/s);
  assert.match(await rejects.nth(1).textContent(), /^4.*Value.*Un procent este între 0 și 100/s);
  assert.equal(await page.getByRole('button', { name: 'Importă aceste valori' }).count(), 0, 'nothing to confirm');
  assert.match(await page.locator('.import-summary .meta').first().textContent(), /windows-1250.*„;”.*virgulă/is);
  await assertAxeClean(page, 'the summary with rows to fix');

  await page.setInputFiles('#f-file', good);
  await page.getByRole('button', { name: 'Verifică fișierul' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('table.counts').textContent(), /valori noi\s*2/);
  await Promise.all([page.waitForURL(/imported=/), page.getByRole('button', { name: 'Importă aceste valori' }).click()]);

  await visit(page, '/cities/resita/monitoring/4.3.1?sex=F&urbanisation=R');
  const first = await page.locator('table.data-table tbody tr').first().textContent();
  assert.match(first, /2026.*14,5 %/s, 'read as fourteen and a half, not 145');
  assert.match(first, /estimare în lucru/, 'the note, with its ă and î, came through');

  await visit(page, '/cities/resita/monitoring/import');
  await Promise.all([page.waitForURL(/undone=/), page.getByRole('button', { name: 'Anulează acest import' }).first().click()]);
  assert.match(await page.locator('[role=status]').textContent(), /anulat/);
  await visit(page, '/cities/resita/monitoring/4.3.1?sex=F&urbanisation=R');
  assert.doesNotMatch(await page.locator('table.data-table tbody tr').first().textContent(), /2026/);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('an Excel download goes back in through the import form: read from its sheet, nothing changed', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forja-import-'));
  const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 } });
  const seen = await watchContext(context);
  const page = await context.newPage();
  await signIn(page);
  const download = await page.request.get(`${baseUrl()}/cities/resita/monitoring/4.3.1/data.xlsx`);
  assert.equal(download.status(), 200);
  const book = join(dir, 'participare.xlsx');
  writeFileSync(book, await download.body());

  await visit(page, '/cities/resita/monitoring/import');
  await page.setInputFiles('#f-file', book);
  await page.getByRole('button', { name: 'Verifică fișierul' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.import-summary .meta').first().textContent(), /foaia „[^”]+” a unui registru Excel/);
  const counts = await page.locator('table.counts').textContent();
  assert.match(counts, /valori noi\s*0\b/, counts);
  assert.match(counts, /valori schimbate\s*0\b/, counts);
  assert.doesNotMatch(counts, /deja salvate\s*0\b/, counts);
  assert.equal(await page.locator('table.rejects').count(), 0, 'no row to fix');
  await assertAxeClean(page, 'the summary of a workbook');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

/** Presses Tab until the focused element matches `test`, at most `limit` times. */
async function tabTo(page, test, what, limit = 300) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

test('values are typed and a file is checked with the keyboard alone', { timeout: 300_000 }, async () => {
  const context = await browser.newContext({ locale: 'ro-RO' });
  const seen = await watchContext(context);
  const page = await context.newPage();
  await signIn(page);

  await visit(page, '/cities/resita/monitoring/LC.FESTIVAL/edit');
  await tabTo(page, () => /^p-/.test(document.activeElement?.id ?? ''), 'a new period');
  await page.keyboard.type('2031');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('inputmode')), 'decimal', 'the value cell comes next');
  await page.keyboard.type('1250');
  await tabTo(page, () => document.activeElement?.textContent === 'Salvează valorile', 'the save button');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  await visit(page, '/cities/resita/monitoring/LC.FESTIVAL');
  assert.match(await page.locator('table.data-table').textContent(), /2031\s*1\.?250/, 'saved from the keyboard');

  await visit(page, '/cities/resita/monitoring/import');
  await tabTo(page, () => document.activeElement?.id === 'f-file', 'the file field');
  const dir = mkdtempSync(join(tmpdir(), 'forja-import-'));
  const csv = join(dir, 'festival.csv');
  writeFileSync(csv, 'Indicator;Year;Value\nLC.FESTIVAL;2032;1300\n');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(csv);
  await tabTo(page, () => document.activeElement?.textContent === 'Verifică fișierul', 'the check button');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  assert.match(await page.locator('table.counts').textContent(), /valori noi\s*1\b/);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});
