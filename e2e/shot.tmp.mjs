import { chromium } from 'playwright-core';
const [,, url, out, lang, width] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run','--disable-sync'] });
const ctx = await b.newContext({ viewport: { width: Number(width||1280), height: 900 }, locale: lang || 'en-US' });
const p = await ctx.newPage();
p.on('console', m => console.log('console:', m.text()));
await p.goto(url);
await p.screenshot({ path: out, fullPage: true });
await b.close();
