// Browser tests of Forja's public pages against a running server (FORJA_BASE_URL),
// in Debian's Chromium. Run by ./scripts/test.sh after `forja serve --demo`.
//
// The page contract these tests hold every public page to:
// - <html lang> is "en" or "ro"; a non-empty <title>; exactly one <h1>;
// - the first focusable element is the skip link a.skip-link[href="#main"], and
//   <main id="main"> exists;
// - nav.language holds the links a[hreflang="ro"] and a[hreflang="en"];
// - no axe-core violation (WCAG 2.0/2.1 A and AA, and best practice), in English and
//   in Romanian; no request to any host but the server; no script error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launch, baseUrl, axeCheck, watchContext, visit, tabUntil } from './lib/browser.mjs';

/** Public pages with a fixed address; the first programme page is found at run time. */
const PAGES = [
  '/',
  '/cities',
  '/cities?country=RO',
  '/cities/resita',
  '/cities/resita/strategy',
  '/cities/resita/programmes',
  '/framework',
  '/framework/kflc',
  '/framework/sdg',
  '/framework/kflc/2.5',
  '/framework/target-groups/roma',
  '/login',
  '/cities/galati',
  '/cities/cugir',
  '/cities?region=africa',
  '/cities?region=latin-america-caribbean&year=2024',
  '/cities/larissa',
  '/search',
  '/search?q=invatare&kind=programme',
  '/cities/resita/peers',
  '/framework/challenges/industrial-decline/cities',
  '/framework/kflc/2.5/cities',
  '/practices',
  '/practices/resita-hala-minda',
  '/practices/resita-roma-work-and-learning',
  '/resources',
  '/requests',
  '/requests/cugir-sample-family-learning-partners',
  '/resources?collection=monitoring&level=advanced',
  '/resources/unlocking-the-potential-of-urban-communities',
];
const NOT_FOUND_PAGE = '/cities/nowhere';
const PROGRAMMES_PAGE = '/cities/resita/programmes';
const PROGRAMME_PATH = /^\/cities\/resita\/programmes\/[^/]+\/?$/;
const MAP_CITIES = ['/cities/resita', '/cities/galati', '/cities/cugir'];

const TEST_TIMEOUT = 300_000;

let browser;
/** Path of the first programme linked from /cities/resita/programmes. */
let programmePath;

before(async () => {
  baseUrl(); // fail at once, with a clear message, when FORJA_BASE_URL is missing
  browser = await launch();
  programmePath = await findProgrammePath();
});

after(async () => {
  await browser?.close();
});

/**
 * A new browser context, watched by watchContext (foreign requests are recorded and
 * blocked). English (locale en-US) unless the options set their own headers.
 */
async function newContext(options = {}) {
  const defaults = options.extraHTTPHeaders ? {} : { locale: 'en-US' };
  const context = await browser.newContext({ ...defaults, ...options });
  const seen = await watchContext(context);
  return { context, seen };
}

async function findProgrammePath() {
  const { context } = await newContext();
  try {
    const page = await context.newPage();
    const response = await visit(page, PROGRAMMES_PAGE);
    assert.equal(response.status(), 200, `${PROGRAMMES_PAGE} answered ${response.status()}`);
    const hrefs = await page
      .locator('a[href^="/cities/resita/programmes/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const path = hrefs.map((href) => new URL(href, 'http://x').pathname).find((p) => PROGRAMME_PATH.test(p));
    assert.ok(
      path,
      `${PROGRAMMES_PAGE} links to no programme page (a[href^="/cities/resita/programmes/"]); found: ${JSON.stringify(hrefs)}`,
    );
    return path;
  } finally {
    await context.close();
  }
}

/** Every public page, the programme page and the 404 page, with the status each must answer. */
function allPages() {
  return [
    ...PAGES.map((path) => ({ path, status: 200 })),
    { path: programmePath, status: 200 },
    { path: NOT_FOUND_PAGE, status: 404 },
  ];
}

/** Reads what the page contract is about from the current document. */
async function readContract(page) {
  return page.evaluate(() => {
    const text = (el) => (el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '');
    const languageNav = document.querySelector('nav.language');
    return {
      lang: document.documentElement.getAttribute('lang'),
      title: document.title.trim(),
      h1s: [...document.querySelectorAll('h1')].map(text),
      hasMain: document.querySelector('main#main') !== null,
      hasSkipLink: document.querySelector('a.skip-link[href="#main"]') !== null,
      hasLanguageNav: languageNav !== null,
      languageLinks: languageNav
        ? [...languageNav.querySelectorAll('a[hreflang]')].map((a) => a.getAttribute('hreflang'))
        : [],
    };
  });
}

/** Asserts the page contract on the page currently shown (fresh after navigation). */
async function assertContract(page, path, expectedLang) {
  const where = `${path} (${expectedLang ?? 'any language'})`;
  const c = await readContract(page);
  if (expectedLang) {
    assert.equal(c.lang, expectedLang, `${where}: <html lang> is ${JSON.stringify(c.lang)}`);
  } else {
    assert.ok(['en', 'ro'].includes(c.lang), `${where}: <html lang> is ${JSON.stringify(c.lang)}, want "en" or "ro"`);
  }
  assert.ok(c.title.length > 0, `${where}: <title> is empty`);
  assert.equal(c.h1s.length, 1, `${where}: want exactly one <h1>, found ${c.h1s.length}: ${JSON.stringify(c.h1s)}`);
  assert.ok(c.h1s[0].length > 0, `${where}: the <h1> is empty`);
  assert.ok(c.hasMain, `${where}: no <main id="main">`);
  assert.ok(c.hasSkipLink, `${where}: no skip link a.skip-link[href="#main"]`);
  assert.ok(c.hasLanguageNav, `${where}: no nav.language`);
  for (const lang of ['ro', 'en']) {
    assert.ok(
      c.languageLinks.includes(lang),
      `${where}: nav.language has no a[hreflang="${lang}"] (has ${JSON.stringify(c.languageLinks)})`,
    );
  }
  await assertFirstTabFocusesSkipLink(page, where);
}

/** The first Tab on a freshly loaded page must land on the skip link. */
async function assertFirstTabFocusesSkipLink(page, where) {
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return {
      isSkipLink: el?.matches('a.skip-link[href="#main"]') ?? false,
      html: el ? el.outerHTML.slice(0, 160) : '(none)',
    };
  });
  assert.ok(focused.isSkipLink, `${where}: first Tab focused ${focused.html}, want a.skip-link[href="#main"]`);
}

function assertCleanTraffic(seen, what) {
  assert.deepEqual(seen.foreignRequests, [], `${what}: requests to hosts other than the server`);
  assert.deepEqual(seen.cspViolations, [], `${what}: Content-Security-Policy refusals`);
  assert.deepEqual(seen.pageErrors, [], `${what}: uncaught script errors`);
}

/** Visits every page in the context's current language and checks contract and axe. */
async function scanAllPages(t, page, lang) {
  for (const { path, status } of allPages()) {
    await t.test(`${lang} ${path}`, async () => {
      const response = await visit(page, path);
      assert.equal(response.status(), status, `${path}: HTTP status ${response.status()}, want ${status}`);
      const violations = await axeCheck(page);
      assert.equal(
        violations.length,
        0,
        `${path} (${lang}): ${violations.length} axe violation(s):\n${violations.join('\n')}`,
      );
      await assertContract(page, path, lang);
    });
  }
}

test('every page passes axe and the page contract, in English', { timeout: TEST_TIMEOUT }, async (t) => {
  const { context, seen } = await newContext();
  try {
    const page = await context.newPage();
    await scanAllPages(t, page, 'en');
    assertCleanTraffic(seen, 'English pages');
  } finally {
    await context.close();
  }
});

test('every page passes axe and the page contract, in Romanian', { timeout: TEST_TIMEOUT }, async (t) => {
  const { context, seen } = await newContext();
  try {
    const page = await context.newPage();
    // The language switch sets a cookie and redirects to `next`.
    const response = await visit(page, '/language/ro?next=/');
    assert.equal(response.status(), 200, `/language/ro?next=/ ended with HTTP ${response.status()}`);
    assert.equal(new URL(page.url()).pathname, '/', `/language/ro?next=/ should redirect to /, ended at ${page.url()}`);
    await scanAllPages(t, page, 'ro');
    assertCleanTraffic(seen, 'Romanian pages');
  } finally {
    await context.close();
  }
});

test('keyboard alone reaches a programme from the home page', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext();
  try {
    const page = await context.newPage();
    await visit(page, '/');
    await assertFirstTabFocusesSkipLink(page, '/');

    await tabUntil(page, (f) => f.tag === 'a' && f.path === '/cities/resita', {
      description: 'a link to /cities/resita',
    });
    await Promise.all([page.waitForURL((u) => u.pathname === '/cities/resita'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    await assertFirstTabFocusesSkipLink(page, '/cities/resita');

    await tabUntil(page, (f) => f.tag === 'a' && f.path === PROGRAMMES_PAGE, {
      description: `a link to ${PROGRAMMES_PAGE}`,
    });
    await Promise.all([page.waitForURL((u) => u.pathname === PROGRAMMES_PAGE), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    await assertFirstTabFocusesSkipLink(page, PROGRAMMES_PAGE);

    const link = await tabUntil(page, (f) => f.tag === 'a' && PROGRAMME_PATH.test(f.path ?? ''), {
      description: 'a link to a programme page /cities/resita/programmes/<programme>',
    });
    await Promise.all([page.waitForURL((u) => u.pathname === link.path), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');

    const finalPath = new URL(page.url()).pathname;
    assert.match(finalPath, PROGRAMME_PATH, `keyboard journey ended at ${page.url()}`);
    assert.equal(finalPath, link.path, `Enter on the link to ${link.path} led to ${page.url()}`);
    assert.ok(await page.locator('h1').first().isVisible(), `${finalPath}: the <h1> is not visible`);
    assertCleanTraffic(seen, 'keyboard journey');
  } finally {
    await context.close();
  }
});

test('the skip link moves keyboard focus into the main content', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext();
  try {
    const page = await context.newPage();
    await visit(page, '/cities');
    await assertFirstTabFocusesSkipLink(page, '/cities');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main', null, { timeout: 5_000 }).catch(() => {});
    assert.equal(new URL(page.url()).hash, '#main', `Enter on the skip link left the URL at ${page.url()}`);
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => {
      const el = document.activeElement;
      return { inside: document.getElementById('main')?.contains(el) ?? false, html: el?.outerHTML.slice(0, 160) };
    });
    assert.ok(inMain.inside, `after the skip link, Tab focused ${inMain.html}, which is outside <main>`);
    assertCleanTraffic(seen, 'skip link');
  } finally {
    await context.close();
  }
});

test('the language follows Accept-Language, then the language switch (cookie)', { timeout: TEST_TIMEOUT }, async (t) => {
  const cases = [
    { header: 'ro-RO,ro;q=0.9', lang: 'ro' },
    { header: 'en-US', lang: 'en' },
    { header: '!!!;q=abc', lang: 'en' },
  ];
  for (const { header, lang } of cases) {
    await t.test(`Accept-Language ${JSON.stringify(header)} gives ${lang}`, async () => {
      const { context, seen } = await newContext({ extraHTTPHeaders: { 'Accept-Language': header } });
      try {
        const page = await context.newPage();
        const response = await visit(page, '/');
        assert.equal(response.status(), 200, `/ with Accept-Language ${JSON.stringify(header)}: HTTP ${response.status()}`);
        const got = await page.evaluate(() => document.documentElement.getAttribute('lang'));
        assert.equal(got, lang, `/ with Accept-Language ${JSON.stringify(header)}: <html lang="${got}">`);
        assertCleanTraffic(seen, `Accept-Language ${JSON.stringify(header)}`);
      } finally {
        await context.close();
      }
    });
  }

  await t.test('switching to English keeps the page and sticks', async () => {
    const { context, seen } = await newContext({ extraHTTPHeaders: { 'Accept-Language': 'ro-RO,ro;q=0.9' } });
    try {
      const page = await context.newPage();
      const path = '/cities/resita';
      await visit(page, path);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ro', `${path} should start in Romanian`);

      const english = page.locator('nav.language a[hreflang="en"]');
      assert.equal(await english.count(), 1, `${path}: want one nav.language a[hreflang="en"]`);
      await Promise.all([page.waitForEvent('load'), english.click()]);
      assert.equal(new URL(page.url()).pathname, path, `the English link on ${path} led to ${page.url()}`);
      assert.equal(
        await page.evaluate(() => document.documentElement.lang),
        'en',
        `after choosing English on ${path}, <html lang> is not "en"`,
      );

      // The browser still prefers Romanian; the stored choice must win on the next page.
      await visit(page, '/cities');
      assert.equal(
        await page.evaluate(() => document.documentElement.lang),
        'en',
        'the English choice did not persist to /cities (cookie should win over Accept-Language)',
      );
      assertCleanTraffic(seen, 'language switch');
    } finally {
      await context.close();
    }
  });
});

test('pages work without JavaScript', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    for (const path of ['/', '/cities/resita', programmePath]) {
      const response = await visit(page, path);
      assert.equal(response.status(), 200, `${path} without JavaScript: HTTP ${response.status()}`);
      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1, `${path} without JavaScript: want exactly one <h1>`);
      assert.ok(await h1.isVisible(), `${path} without JavaScript: the <h1> is not visible`);
      if (path === '/') {
        const map = page.locator('svg[role="img"]:has([data-city])');
        assert.ok((await map.count()) >= 1, '/ without JavaScript: no world map (svg[role="img"] with [data-city] markers)');
        assert.ok(await map.first().isVisible(), '/ without JavaScript: the world map is not visible');
      }
    }
    assertCleanTraffic(seen, 'pages without JavaScript');
  } finally {
    await context.close();
  }
});

test('the home page shows the world map of member cities, with a list alternative', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext();
  try {
    const page = await context.newPage();
    await visit(page, '/');
    const map = await page.evaluate(() => {
      const svgs = [...document.querySelectorAll('svg')];
      const svg = svgs.find((s) => s.querySelector('[data-city]'));
      if (!svg) return { found: false, svgCount: svgs.length };
      const labelledBy = (svg.getAttribute('aria-labelledby') || '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      const ownTitle = [...svg.children].find((c) => c.tagName.toLowerCase() === 'title')?.textContent ?? '';
      const name = (labelledBy || svg.getAttribute('aria-label') || ownTitle).replace(/\s+/g, ' ').trim();
      const countryPaths = [...svg.querySelectorAll('path')].filter((p) => !p.closest('[data-city]')).length;
      const cities = [...svg.querySelectorAll('[data-city]')].map((e) => e.getAttribute('data-city'));
      return { found: true, role: svg.getAttribute('role'), name, countryPaths, cities };
    });
    assert.ok(map.found, `/: no svg containing [data-city] markers (found ${map.svgCount} svg elements)`);
    assert.equal(map.role, 'img', `/: the world map svg has role=${JSON.stringify(map.role)}, want "img"`);
    assert.ok(map.name.length > 0, '/: the world map svg has no accessible name (aria-labelledby, aria-label or <title>)');
    assert.ok(map.countryPaths > 100, `/: the world map has ${map.countryPaths} country paths, want more than 100`);
    assert.ok(map.cities.length >= 3, `/: the world map marks ${map.cities.length} cities (${JSON.stringify(map.cities)}), want at least 3`);

    const listed = await page.evaluate(() =>
      [...document.querySelectorAll('ul.city-list a[href], table a[href]')].map(
        (a) => new URL(a.getAttribute('href'), document.baseURI).pathname,
      ),
    );
    for (const city of MAP_CITIES) {
      assert.ok(
        listed.includes(city),
        `/: the city list (ul.city-list or a table) has no link to ${city}; it links to ${JSON.stringify(listed.slice(0, 20))}`,
      );
    }
    assertCleanTraffic(seen, 'world map');
  } finally {
    await context.close();
  }
});

test('no page scrolls sideways on a 360 px phone', { timeout: TEST_TIMEOUT }, async (t) => {
  const { context, seen } = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    for (const { path } of allPages()) {
      await t.test(path, async () => {
        await visit(page, path);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
        }));
        // A phone's layout viewport grows to fit what overflows, so both are compared
        // with the screen's 360 px.
        assert.ok(
          widths.page <= 360 && widths.viewport <= 360,
          `${path} is ${Math.max(widths.page, widths.viewport)} px wide on a 360 px phone: something overflows`,
        );
      });
    }
    assertCleanTraffic(seen, 'the phone-width pass');
  } finally {
    await context.close();
  }
});

test('the member directory filters by region and year with the keyboard, in Romanian on a phone', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await visit(page, '/cities');
    assert.match(await page.locator('.notice').first().innerText(), /Lista este parțială.*425/s);
    await tabUntil(page, (f) => f.tag === 'select' && f.id === 'region', { description: 'the region filter' });
    // A closed select changes with the arrow keys on Linux Chromium, as a keyboard user
    // would pick: Africa is the first region after "Any".
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, (f) => f.tag === 'select' && f.id === 'year', { description: 'the year filter' });
    // Years run newest first: 2025, 2024, 2022.
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#year').inputValue(), '2022');
    await tabUntil(page, (f) => f.tag === 'button', { description: 'the submit button' });
    await Promise.all([page.waitForURL(/region=africa/), page.keyboard.press('Enter')]);
    const chosen = new URL(page.url()).searchParams;
    assert.deepEqual([chosen.get('region'), chosen.get('year')], ['africa', '2022']);
    const rows = await page.locator('table.members tbody tr').count();
    assert.equal(rows, 16, 'the 2022 cohort names 16 African cities, all of which the roster holds');
    assert.match(await page.locator('[role=status]').innerText(), /16 orașe/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
    const violations = await axeCheck(page);
    assert.deepEqual(violations, [], 'axe-clean');
    assertCleanTraffic(seen, 'member directory');
  } finally {
    await context.close();
  }
});

test('search by keyboard in Romanian on a phone: cedilla spelling, suggestions, a facet', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await visit(page, '/');
    await tabUntil(page, (f) => f.tag === 'a' && f.path === '/search', { description: 'the search link' });
    await Promise.all([page.waitForURL((u) => u.pathname === '/search'), page.keyboard.press('Enter')]);
    await tabUntil(page, (f) => f.tag === 'input' && f.id === 'q', { description: 'the search box' });
    // Typed with the legacy cedilla letters a Romanian keyboard may still give.
    await page.keyboard.type('Reşiţa învăţ', { delay: 20 });
    const suggestion = page.locator('#suggestions a').first();
    await suggestion.waitFor({ timeout: 5_000 });
    assert.ok((await page.locator('#suggestions a').count()) >= 1, 'suggestions appear as one types');
    await page.keyboard.type('are');
    await Promise.all([page.waitForURL(/[?&]q=/), page.keyboard.press('Enter')]);
    const status = await page.locator('[role=status]').first().innerText();
    assert.match(status, /rezultat/, status);
    assert.ok((await page.locator('.hits mark').count()) > 0, 'the words found are marked');
    await tabUntil(page, (f) => f.tag === 'a' && (f.href || '').includes('kind=programme'), { description: 'the Programme facet' });
    await Promise.all([page.waitForURL(/kind=programme/), page.keyboard.press('Enter')]);
    const kinds = await page.locator('.hits .meta').allInnerTexts();
    assert.ok(kinds.length > 0 && kinds.every((k) => k.trim() === 'Program'), JSON.stringify(kinds));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
    assert.deepEqual(await axeCheck(page), [], 'axe-clean');
    assertCleanTraffic(seen, 'search');
  } finally {
    await context.close();
  }
});

test('from a challenge to the cities like Reșița and who else faces it, by keyboard in Romanian on a phone', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await visit(page, '/cities/resita');
    await tabUntil(page, (f) => f.tag === 'a' && f.href === '/framework/challenges/industrial-decline/cities', { description: 'who else faces the loss of industrial jobs' });
    await Promise.all([page.waitForURL(/industrial-decline\/cities$/), page.keyboard.press('Enter')]);
    assert.match(await page.locator('h1').innerText(), /Cine a făcut asta/);
    const ranked = await page.locator('ol.peers > li > a').allInnerTexts();
    assert.deepEqual(ranked.slice(0, 3), ['Reșița', 'Galați', 'Cugir']);
    await visit(page, '/cities/resita');
    await tabUntil(page, (f) => f.tag === 'a' && f.href === '/cities/resita/peers', { description: 'all similar cities' });
    await Promise.all([page.waitForURL(/\/cities\/resita\/peers$/), page.keyboard.press('Enter')]);
    const peers = await page.locator('ol.peers > li > a').allInnerTexts();
    assert.equal(peers.length, 10);
    assert.deepEqual(peers.slice(0, 2).sort(), ['Cugir', 'Galați']);
    assert.match(await page.locator('ol.peers').innerText(), /amândouă evaluează „Pierderea locurilor de muncă din industrie”/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
    assert.deepEqual(await axeCheck(page), [], 'axe-clean');
    assertCleanTraffic(seen, 'peer cities');
  } finally {
    await context.close();
  }
});

test('search works without JavaScript', { timeout: TEST_TIMEOUT }, async () => {
  const { context, seen } = await newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await visit(page, '/search');
    await page.locator('#q').fill('scoala');
    await Promise.all([page.waitForURL(/q=scoala/), page.locator('#q').press('Enter')]);
    assert.ok((await page.locator('.hits li').count()) > 0, 'results without JavaScript');
    assertCleanTraffic(seen, 'search without JavaScript');
  } finally {
    await context.close();
  }
});
