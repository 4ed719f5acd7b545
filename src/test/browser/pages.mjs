// The pages for people (CONTRACT-2 §8) in headless Chromium, for PagesBrowserTest.java. For each page given: axe-core's
// WCAG 2.2 A/AA violations; a keyboard walk (the skip link first and working, every visible interactive element
// reached by Tab, each with a focus style that differs from its unfocused one); a full-page screenshot; the rows of
// its tables as text. Then a journey by keyboard alone: Tab to a dashboard figure, Enter, Tab to a case, Enter.
//
// Input:  {base, screenshots: "target/screenshots", pages: [{name, path}],
//          journey: {start, figure: "css selector", caseLink: "css selector"}}
// Answer: {pages: {name: {status, title, violations, keyboard, tables}}, journey: {...}}
import { launch, axe, run } from './browser.mjs';
import fs from 'node:fs';
import path from 'node:path';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]),'
  + ' textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Marks every visible interactive element with data-kb=<n> and records its style while not focused. */
async function markFocusable(page) {
  return page.evaluate((selector) => {
    const signature = (el) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
        s.textDecorationLine, s.textDecorationThickness, s.borderColor].join('|');
    };
    const visible = (el) => {
      const s = getComputedStyle(el);
      return el.getClientRects().length > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[hidden]');
    };
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    const all = [...document.querySelectorAll(selector)].filter(visible);
    all.forEach((el, i) => { el.dataset.kb = String(i); el.dataset.kbStyle = signature(el); });
    return all.map(el => describe(el));
    function describe(el) {
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.innerText || el.value || el.name || '').trim().slice(0, 40)}"`;
    }
  }, FOCUSABLE);
}

/** The focused element: its data-kb, whether its style differs from unfocused, and whether it is on screen. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { kb: null };
    const s = getComputedStyle(el);
    const now = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
      s.textDecorationLine, s.textDecorationThickness, s.borderColor].join('|');
    const r = el.getBoundingClientRect();
    return { kb: el.dataset.kb ?? null, visibleFocus: now !== el.dataset.kbStyle, boxed: r.width > 1 && r.height > 1,
      what: `${el.tagName.toLowerCase()} "${(el.innerText || el.value || '').trim().slice(0, 40)}"` };
  });
}

async function keyboard(page, url) {
  const out = { skipLinkFirst: false, skipLinkVisible: false, skipLinkWorks: false, focusable: 0, reached: 0,
    unreached: [], focusNotVisible: [], presses: 0 };
  // The skip link: the first Tab stop, visible when focused, and Enter moves to the main content.
  await page.goto(url, { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { skip: el.classList.contains('govuk-skip-link'), visible: r.width > 1 && r.height > 1 };
  });
  out.skipLinkFirst = first.skip;
  out.skipLinkVisible = first.visible;
  if (first.skip) {
    await page.keyboard.press('Enter');
    out.skipLinkWorks = await page.evaluate(() => location.hash === '#main-content'
      && (document.activeElement?.id === 'main-content' || document.activeElement === document.body));
  }
  // The walk: Tab from the top until focus leaves the page or comes back round.
  await page.goto(url, { waitUntil: 'load' });
  const all = await markFocusable(page);
  out.focusable = all.length;
  const reached = new Set();
  for (let i = 0; i < all.length + 10; i++) {
    await page.keyboard.press('Tab');
    out.presses++;
    const f = await focused(page);
    if (f.kb === null) {
      if (reached.size > 0) break; // off the end of the document
      continue;
    }
    if (reached.has(f.kb)) break; // round again
    reached.add(f.kb);
    if (!f.visibleFocus || !f.boxed) out.focusNotVisible.push(f.what);
  }
  out.reached = reached.size;
  out.unreached = all.filter((_, i) => !reached.has(String(i))).slice(0, 20);
  return out;
}

async function tables(page) {
  return page.evaluate(() => [...document.querySelectorAll('main table')].map(t => ({
    id: t.id,
    rows: [...t.querySelectorAll('tbody tr')].map(tr => ({
      id: tr.dataset.id ?? null,
      cells: [...tr.querySelectorAll('th, td')].map(c => c.innerText.replace(/\s+/g, ' ').trim()),
      links: [...tr.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    })),
  })));
}

/** Presses Tab until the focused element matches the selector; its href, or null after max presses. */
async function tabTo(page, selector, max) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((sel) => {
      const el = document.activeElement;
      return el && el !== document.body && el.matches(sel) ? el.getAttribute('href') : null;
    }, selector);
    if (hit) return { href: hit, presses: i + 1 };
  }
  return { href: null, presses: max };
}

async function journey(page, base, j) {
  const out = { steps: [] };
  await page.goto(base + j.start, { waitUntil: 'load' });
  const figure = await tabTo(page, j.figure, 3000);
  out.steps.push({ at: j.start, focused: figure.href, presses: figure.presses });
  if (!figure.href) return out;
  await Promise.all([page.waitForURL(u => u.pathname === '/dashboard/obligations'), page.keyboard.press('Enter')]);
  out.list = new URL(page.url()).pathname + new URL(page.url()).search;
  out.listRows = (await tables(page)).find(t => t.id === 'obligations')?.rows ?? [];
  const caseLink = await tabTo(page, j.caseLink, 3000);
  out.steps.push({ at: out.list, focused: caseLink.href, presses: caseLink.presses });
  if (!caseLink.href) return out;
  await Promise.all([page.waitForURL(u => u.pathname.startsWith('/cases/')), page.keyboard.press('Enter')]);
  out.timeline = new URL(page.url()).pathname + new URL(page.url()).search;
  out.timelineHeading = await page.evaluate(() => document.querySelector('h1')?.innerText.trim());
  out.timelineTables = await tables(page);
  return out;
}

run(async ({ base, screenshots, pages, journey: j }) => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const answer = { pages: {} };
    for (const p of pages) {
      const response = await page.goto(base + p.path, { waitUntil: 'load' });
      const result = { status: response.status(), title: await page.title() };
      result.tables = await tables(page);
      result.violations = await axe(page);
      if (screenshots) {
        fs.mkdirSync(screenshots, { recursive: true });
        await page.screenshot({ path: path.join(screenshots, p.name + '.png'), fullPage: true });
      }
      result.keyboard = await keyboard(page, base + p.path);
      answer.pages[p.name] = result;
    }
    if (j) answer.journey = await journey(page, base, j);
    return answer;
  } finally {
    await browser.close();
  }
});
