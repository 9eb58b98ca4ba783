import { chromium } from 'playwright-core';
const [,, url, out, width, lang, y, h] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(width||1280), height: 900 }, locale: lang||'en' });
await p.setExtraHTTPHeaders({'Accept-Language': lang||'en'});
await p.goto(url);
if (y) await p.screenshot({ path: out, fullPage: true, clip: { x: 0, y: Number(y), width: Number(width), height: Number(h) } });
else await p.screenshot({ path: out, fullPage: true });
await b.close();
