// Helpers shared by the browser tests.
//
// The browser is Debian's Chromium (/usr/bin/chromium, installed by scripts/test.sh),
// driven by playwright-core: no browser is ever downloaded. The server under test is
// started by scripts/test.sh, which passes its address in FORJA_BASE_URL.

import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/** Where Chromium lives; FORJA_CHROMIUM overrides it for unusual machines. */
export const CHROMIUM_PATH = process.env.FORJA_CHROMIUM || '/usr/bin/chromium';

/**
 * Flags for a quiet, self-contained headless Chromium. The machine has no network
 * but loopback, so every background service that would phone home is switched off;
 * --no-sandbox because the tests run as root.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/** The axe-core rule tags every page must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Starts headless Chromium. Close it with `await browser.close()`. */
export async function launch() {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
  } catch (error) {
    throw new Error(
      `could not start Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package, ` +
        `or run ./scripts/test.sh which does): ${error.message}`,
      { cause: error },
    );
  }
}

/** The server under test, without a trailing slash, e.g. "http://127.0.0.1:40123". */
export function baseUrl() {
  const url = process.env.FORJA_BASE_URL;
  if (!url) {
    throw new Error(
      'FORJA_BASE_URL is not set: the browser tests need a running Forja server. ' +
        'Run ./scripts/test.sh, or start `forja serve --demo` yourself and set ' +
        'FORJA_BASE_URL=http://127.0.0.1:PORT',
    );
  }
  try {
    new URL(url);
  } catch {
    throw new Error(`FORJA_BASE_URL is not a valid URL: ${JSON.stringify(url)}`);
  }
  return url.replace(/\/+$/, '');
}

/** Absolute URL on the server under test for a path such as "/cities". */
export function urlFor(path) {
  return new URL(path, baseUrl() + '/').href;
}

/**
 * Runs axe-core on the page with the project's tags and returns the violations as
 * readable strings (empty when the page passes), one per rule, listing the offending
 * elements, so that `assert.deepEqual(await axeCheck(page), [])` explains itself.
 */
export async function axeCheck(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(formatViolation);
}

/** One axe violation as text: id, impact, help, and each element with its problem. */
export function formatViolation(violation) {
  const nodes = violation.nodes.map((node) => {
    const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
    const why = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
    return `    - ${target}${why ? `\n      ${why}` : ''}`;
  });
  return (
    `[${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}` +
    ` (${violation.helpUrl})\n${nodes.join('\n')}`
  );
}

/**
 * Watches a browser context: records every request to a host other than the server
 * under test (the platform makes no third-party requests) and blocks it, so a test
 * never sends traffic off the machine; records every uncaught page error and every
 * Content-Security-Policy refusal reported on the console.
 * Resolves to `{ foreignRequests, pageErrors, cspViolations }`, arrays that fill up as
 * the context is used.
 */
export async function watchContext(context) {
  const origin = new URL(baseUrl()).origin;
  const isForeign = (url) => {
    const text = String(url);
    if (/^(data|blob|about):/.test(text)) return false;
    try {
      return new URL(text).origin !== origin;
    } catch {
      return true;
    }
  };
  const seen = { foreignRequests: [], pageErrors: [], cspViolations: [] };
  context.on('request', (request) => {
    if (isForeign(request.url())) {
      let from = '?';
      try {
        from = request.frame().url();
      } catch {
        // service-worker requests have no frame
      }
      seen.foreignRequests.push(`${request.method()} ${request.url()} (from ${from})`);
    }
  });
  await context.route(isForeign, (route) => route.abort('blockedbyclient'));
  const watchPage = (page) => {
    page.on('pageerror', (error) => seen.pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && /Content Security Policy/i.test(text)) {
        seen.cspViolations.push(`${page.url()}: ${text}`);
      }
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return seen;
}

/**
 * Navigates and waits for the page to settle; returns the main response.
 * Throws with the URL in the message when navigation itself fails.
 */
export async function visit(page, path, { waitUntil = 'load' } = {}) {
  const url = urlFor(path);
  const response = await page.goto(url, { waitUntil, timeout: 30_000 });
  if (!response) throw new Error(`no response for ${url}`);
  return response;
}

/**
 * Presses Tab until `predicate(info)` holds for the focused element, at most `max` times.
 * `info` is `{ tag, href, path, text, className }` of document.activeElement (path is
 * the pathname of href, or null). Returns that info, or throws listing what was focused.
 */
export async function tabUntil(page, predicate, { max = 200, description = 'the wanted element' } = {}) {
  const visited = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const info = await focusedElement(page);
    if (info && predicate(info)) return info;
    visited.push(info ? describeFocus(info) : '(nothing)');
  }
  throw new Error(
    `pressed Tab ${max} times on ${page.url()} without focusing ${description}; focused in order:\n  ` +
      visited.slice(0, 60).join('\n  ') +
      (visited.length > 60 ? `\n  ... (${visited.length - 60} more)` : ''),
  );
}

/** Information about document.activeElement (or null when it is the body). */
export async function focusedElement(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const href = el.getAttribute('href');
    let path = null;
    if (href !== null) {
      try {
        // SVG links expose href as an SVGAnimatedString, so resolve the attribute.
        path = new URL(href, document.baseURI).pathname;
      } catch {
        path = null;
      }
    }
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || '',
      name: el.getAttribute('name') || '',
      href,
      path,
      text: (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60),
      className: el.getAttribute('class') || '',
    };
  });
}

function describeFocus(info) {
  return `<${info.tag}${info.className ? ` class="${info.className}"` : ''}${
    info.href !== null ? ` href="${info.href}"` : ''
  }> ${JSON.stringify(info.text)}`;
}

/**
 * Opens `path` (a demo story) once its generated media are in: `serve --demo` makes
 * them in the background after it starts, so the first minutes show the story without
 * them. Waits for a background video and both kinds of quote clip.
 */
export async function visitWithDemoMedia(page, path) {
  const deadline = Date.now() + 240_000;
  for (;;) {
    await visit(page, path);
    const ready = await page.evaluate(() => ['video.bg-video', 'audio.quote-clip', 'video.quote-clip']
      .every((s) => document.querySelector(s)));
    if (ready) return;
    if (Date.now() > deadline) throw new Error('the demo media were not made within 4 minutes');
    await page.waitForTimeout(3000);
  }
}

/**
 * A swipe on the story from `[x, y]` to `[x, y]`, as the touch events a finger makes
 * (Playwright has taps only).
 */
export async function swipe(page, from, to) {
  await page.evaluate(([a, b]) => {
    const el = document.getElementById('story');
    const t = ([x, y]) => new Touch({ identifier: 1, target: el, clientX: x, clientY: y });
    el.dispatchEvent(new TouchEvent('touchstart', { touches: [t(a)], changedTouches: [t(a)], bubbles: true }));
    el.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [t(b)], bubbles: true }));
  }, [from, to]);
}

/** Signs in through the form with the e2e password (set by ./scripts/test.sh). */
export async function signIn(page, email) {
  const password = process.env.FORJA_E2E_EDITOR_PASSWORD;
  if (!email || !password) throw new Error('the e2e accounts must be set (./scripts/test.sh does)');
  await visit(page, '/login');
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Parolă)$/).fill(password);
  await Promise.all([page.waitForURL(/\/dashboard$/), page.locator('main form button[type=submit]').click()]);
}

/** The page does not scroll sideways (on a 390 px phone) and axe-core finds nothing. */
export async function assertFits(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${where} scrolls sideways by ${overflow} px at ${await page.evaluate(() => window.innerWidth)} px`);
  const violations = await axeCheck(page);
  if (violations.length) throw new Error(`${where}: axe-core violations\n${violations.join('\n')}`);
}
