// The platform header in Chromium: on the platform's documentation page (Danish and English) and on a vendor's page
// of another origin with a strict Content-Security-Policy (the reference vendor's), with JavaScript — the component
// draws itself, accessible (axe, WCAG 2.1 AA), readable at 320 px, focus visible — and without it, where the
// vendor's plain link bar is what the citizen gets.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible } from '../support/browser.ts';
import { startReferenceVendor } from '../support/reference-vendor.ts';

// Browser globals used inside evaluate() callbacks, as far as these checks need them (the project's TypeScript has no
// DOM library; the callbacks run in Chromium).
type BrowserNode = {
  textContent: string | null;
  shadowRoot: (BrowserNode & { activeElement: BrowserNode | null }) | null;
  getAttribute(name: string): string | null;
  getClientRects(): { length: number };
  querySelector(selector: string): BrowserNode | null;
  querySelectorAll(selector: string): Iterable<BrowserNode>;
  focus(): void;
};
declare const document: { querySelector(selector: string): BrowserNode | null };
declare const customElements: { get(name: string): unknown };
declare function getComputedStyle(node: BrowserNode): { color: string; outlineStyle: string };

const { app, browser } = await appInChromium({ SEED_DEMO: 'false' });
const vendor = await startReferenceVendor({ issuer: `${app.baseUrl}/oidc`, clientId: '00000000-0000-4000-b000-000000000001' });
after(() => vendor.stop());

/** What the component rendered in its shadow root: the landmark's label, its texts and its links. */
async function rendered(page: Page) {
  return page.locator('jobunivers-header').evaluate((node) => {
    const element = node as unknown as BrowserNode;
    const root = element.shadowRoot;
    const nav = root?.querySelector('nav');
    const links = [...(root?.querySelectorAll('a') ?? [])];
    return {
      label: nav?.getAttribute('aria-label') ?? null,
      text: (nav?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      links: links.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
      linkColor: links[0] ? getComputedStyle(links[0]).color : null,
      lightLinksShown: [...element.querySelectorAll('a')].some((a) => a.getClientRects().length > 0),
    };
  });
}

for (const locale of ['da', 'en'] as const) {
  test(`the documentation page's live example draws the header, accessible and readable at 320 px (${locale})`, async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    if (locale === 'en') await page.goto(`${app.baseUrl}/sprog?til=en&tilbage=%2Fplatform-header`);
    else await page.goto(`${app.baseUrl}/platform-header`);
    await page.waitForFunction(() => customElements.get('jobunivers-header') !== undefined && document.querySelector('jobunivers-header')?.shadowRoot !== null);
    const header = await rendered(page);
    assert.equal(header.label, 'Jobunivers');
    assert.equal(
      header.text.includes(locale === 'da' ? 'Logget ind som Mette, København Kommune' : 'Signed in as Mette, København Municipality'),
      true,
      header.text,
    );
    assert.deepEqual(
      header.links.map((link) => link.text),
      locale === 'da' ? ['Min jobrejse', 'Hjælp', 'Log af'] : ['My job journey', 'Help', 'Sign out'],
    );
    assert.equal(header.links[0]?.href, `${app.baseUrl}/borger/jobrejse`);
    assert.equal(header.linkColor, 'rgb(0, 89, 179)', 'the constructable stylesheet applies under the page’s CSP');
    assert.equal(header.lightLinksShown, false, 'the no-JavaScript links give way to the component');
    // Nothing spills sideways on a 320 px screen.
    const box = await page.locator('jobunivers-header').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 320, JSON.stringify(box));
    // Keyboard focus on the first link is visible (DKFDS's focus ring).
    await page.locator('jobunivers-header').evaluate((node) => (node as unknown as BrowserNode).shadowRoot?.querySelector('a')?.focus());
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const outline = await page.locator('jobunivers-header').evaluate((node) => {
      const focused = (node as unknown as BrowserNode).shadowRoot?.activeElement;
      return focused ? getComputedStyle(focused).outlineStyle : 'none';
    });
    assert.equal(outline, 'solid');
    await expectAccessible(page, `/platform-header (${locale})`);
    assert.deepEqual(violations, []);
    await context.close();
  });
}

test('without JavaScript the documentation page shows the plain link bar, accessible', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/platform-header`);
  const bar = page.locator('jobunivers-header nav[aria-label="Jobunivers"]');
  assert.deepEqual(await bar.locator('a').allTextContents(), ['Min jobrejse', 'Hjælp', 'Log af']);
  assert.equal(await bar.locator('a').first().isVisible(), true);
  await context.close();
  // axe needs JavaScript to run, so the same fallback is checked where the header's script cannot load.
  const blocked = await fallbackPage(`${app.baseUrl}/platform-header`);
  assert.equal(await blocked.locator('jobunivers-header').evaluate((node) => (node as unknown as BrowserNode).shadowRoot === null), true);
  await expectAccessible(blocked, '/platform-header without the header script');
  await blocked.context().close();
});

/** A page where the header's script never loads: what a browser without JavaScript shows, with axe able to run. */
async function fallbackPage(url: string): Promise<Page> {
  const context = await browser.newContext();
  await context.route('**/platform-header/v1/**', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('on a vendor’s page of another origin with a strict CSP the header loads from the platform and works, with and without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const response = await page.goto(`${vendor.baseUrl}/`);
    assert.match(String(response?.headers()['content-security-policy']), /default-src 'none'; script-src http:\/\/127\.0\.0\.1:\d+; style-src 'self'/);
    if (javaScriptEnabled) {
      await page.waitForFunction(() => document.querySelector('jobunivers-header')?.shadowRoot?.querySelector('nav') != null);
      const header = await rendered(page);
      assert.deepEqual(
        header.links.map((link) => link.href),
        [`${app.baseUrl}/borger/jobrejse`, `${app.baseUrl}/kommuner`, `${app.baseUrl}/log-af`],
      );
      assert.equal(header.linkColor, 'rgb(0, 89, 179)');
      assert.deepEqual(problems, [], 'no CSP violations, no errors');
      // The platform set no cookie on the vendor's page or anywhere else.
      assert.deepEqual(await context.cookies(app.baseUrl), []);
      await expectAccessible(page, "the reference vendor's page");
    } else {
      assert.equal(await page.locator('jobunivers-header nav a').first().isVisible(), true);
      const blocked = await fallbackPage(`${vendor.baseUrl}/`);
      await expectAccessible(blocked, "the reference vendor's page without the header script");
      await blocked.context().close();
    }
    await context.close();
  }
});
