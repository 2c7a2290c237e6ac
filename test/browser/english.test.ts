// English everywhere: each role signs in with the language set to English and walks the pages of its navigation and
// key sub-pages; no page may show a text of the Danish catalogue that has its own English wording. What people typed
// or named in Danish (marked lang="da") is left out, as are short values and those the two languages share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { da, en } from '../../src/platform/i18n/catalogue.ts';
import { appInChromium } from '../support/browser.ts';

const { app, browser } = await appInChromium({ RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

const englishValues = new Set(Object.values(en).map((v) => v.trim()));
/** Each Danish value's literal parts (around {placeholders}) that are long enough to mean something. */
const danishFragments = [
  ...new Set(
    (Object.keys(da) as (keyof typeof da)[])
      .filter((key) => da[key] !== en[key])
      .flatMap((key) =>
        da[key].split(/\{[^}]+\}/).map((part) =>
          part
            .trim()
            .replace(/^[.,:;()–—-]+|[.,:;()–—-]+$/g, '')
            .trim(),
        ),
      )
      .filter((part) => part.length >= 4 && !englishValues.has(part) && !Object.values(en).some((value) => value.includes(part))),
  ),
];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Whole words only, and not inside an address (jobcenter@fjordby.kommune.example).
const patterns = danishFragments.map((fragment) => ({
  fragment,
  pattern: new RegExp(`(?<![\\p{L}\\p{N}@./])${escapeRegExp(fragment)}(?![\\p{L}\\p{N}@]|\\.\\p{L})`, 'u'),
}));

/** The page's visible text, leaving out what is marked as Danish. */
async function visibleEnglishText(page: Page): Promise<string> {
  // Runs in the page (a string: this project's TypeScript knows no DOM types).
  return page.evaluate<string>(`(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // What is being typed into a field is the person's own text, in their own language.
      if (!parent || parent.closest('script, style, textarea')) continue;
      if ((parent.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('da')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ').replace(/\\s+/g, ' ');
  })()`);
}

const findings: string[] = [];

async function check(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${app.baseUrl}${path}`);
  if (response?.status() !== 200 || new URL(page.url()).pathname !== path.split('?')[0])
    findings.push(`${path}: answered ${response?.status()} at ${page.url()}`);
  await checkShown(page, path);
}

/** The page shown now, whatever brought the browser there. */
async function checkShown(page: Page, path: string): Promise<void> {
  const text = await visibleEnglishText(page);
  const found = patterns.filter(({ pattern }) => pattern.test(text)).map(({ fragment }) => fragment);
  // A fragment inside a longer one found on the same page is the same finding.
  const distinct = found.filter((f) => !found.some((other) => other !== f && other.includes(f)));
  const where = (f: string) => {
    const at = text.indexOf(f);
    return at < 0 ? JSON.stringify(f) : `${JSON.stringify(f)} in "…${text.slice(Math.max(0, at - 40), at + f.length + 40)}…"`;
  };
  if (distinct.length > 0) findings.push(`${path}: ${distinct.map(where).join(', ')}`);
}

/** Signs in at the test IdP (whose pages follow the platform's language too) and comes back. */
async function signIn(browserToUse: Browser, path: string, person: RegExp, municipality?: string): Promise<Page> {
  const context = await browserToUse.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}${path}`);
  if (municipality) {
    await checkShown(page, new URL(page.url()).pathname);
    await page
      .locator('#kommune')
      .selectOption(municipality, { timeout: 10_000 })
      .catch((error: unknown) => {
        throw new Error(`no municipality choice at ${page.url()}`, { cause: error });
      });
    await page.locator('main form button[type="submit"]').click();
  }
  await page.getByLabel(person).waitFor();
  await checkShown(page, new URL(page.url()).pathname);
  await page.getByLabel(person).check();
  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForURL((address) => !address.pathname.startsWith('/test-idp'));
  return page;
}

/** The first link on the page matching the selector, as a path. */
const firstLink = async (page: Page, path: string, selector: string) => {
  await page.goto(`${app.baseUrl}${path}`);
  const href = await page
    .locator(selector)
    .first()
    .getAttribute('href', { timeout: 5000 })
    .catch(() => null);
  return href ?? undefined;
};

const journeys: {
  role: string;
  start: string;
  person: RegExp;
  municipality?: string;
  pages: string[];
  subPages?: (page: Page) => Promise<(string | undefined)[]>;
}[] = [
  {
    role: 'citizen',
    start: '/borger',
    person: /Ahmed Hassan/,
    pages: ['/borger', '/borger/jobrejse', '/borger/screening', '/borger/markedsplads', '/borger/samtykker', '/borger/min-log', '/borger/kontakt'],
    subPages: async (page) => [await firstLink(page, '/borger/markedsplads', 'main a[href^="/borger/markedsplads/"]:not([href*="?"])')],
  },
  {
    role: 'caseworker',
    start: '/medarbejder',
    person: /Anne Kofoed/,
    municipality: '101',
    pages: ['/medarbejder', '/medarbejder/henvendelser', '/medarbejder/borgere'],
    subPages: async (page) => [await firstLink(page, '/medarbejder/henvendelser', 'main a[href^="/medarbejder/henvendelser/"]')],
  },
  {
    role: 'content owner',
    start: '/kommune',
    person: /Peter Holm/,
    municipality: '101',
    pages: ['/kommune', '/kommune/meddelelser', '/kommune/katalog', '/kommune/tilbud', '/kommune/licenser', '/kommune/branding', '/kommune/bedoemmelser'],
    subPages: async (page) => [await firstLink(page, '/kommune/tilbud', 'main a[href^="/kommune/tilbud/"]')],
  },
  {
    role: 'vendor',
    start: '/leverandoer',
    person: /Signe Brandt/,
    pages: ['/leverandoer', '/leverandoer/virksomhed', '/leverandoer/rammeaftale', '/leverandoer/ydelser', '/leverandoer/api-noegler'],
    subPages: async (page) => [await firstLink(page, '/leverandoer/ydelser', 'main a[href^="/leverandoer/ydelser/"]')],
  },
  {
    role: 'governance',
    start: '/faellesskab',
    person: /Henrik Lauridsen/,
    pages: ['/faellesskab', '/faellesskab/gennemgang', '/faellesskab/ydelser', '/faellesskab/rammeaftaler'],
    subPages: async (page) => [await firstLink(page, '/faellesskab/gennemgang', 'main a[href^="/faellesskab/ydelser/"]')],
  },
];

for (const journey of journeys) {
  test(`the ${journey.role}'s pages in English show no Danish catalogue text`, async () => {
    const before = findings.length;
    const page = await signIn(browser, journey.start, journey.person, journey.municipality);
    try {
      const subPages = (await journey.subPages?.(page)) ?? [];
      for (const path of [...journey.pages, ...subPages.filter((p): p is string => Boolean(p))]) await check(page, path);
    } finally {
      await page.context().close();
    }
    assert.deepEqual(findings.slice(before), [], `Danish catalogue text on the ${journey.role}'s English pages`);
  });
}
