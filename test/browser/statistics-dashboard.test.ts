// The municipal dashboard and governance's oversight in Chromium (issue 16), in Danish and English: reached from the
// start page, charts drawn as SVG with their data tables, axe finds nothing, and a CSV download holds the figures the
// table shows.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { refreshStatistics } from '../../src/modules/statistics/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createSession, insertActivityEvent, principalFor } from '../support/factories.ts';

const testApp: TestApp = await createTestApp({ listen: true });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser = await chromiumForFile();

// The demo catalogue's listing København has enabled: eight citizens opened it in the last weeks, most started, some finished.
const listingId = '00000000-0000-4000-9000-000000000001';
for (let i = 0; i < 8; i++) {
  const citizen = await createCitizen(db, { municipalityCode: '101', name: `Dashboard Borger ${i}` });
  const when = new Date(Date.now() - (2 + i * 3) * 86_400_000);
  await db
    .insertInto('listing_launch')
    .values({ citizen_id: citizen.id, municipality_code: '101', listing_id: listingId, version: 1, outcome: 'launched', launched_at: when })
    .execute();
  for (const [k, type] of (i % 3 === 0 ? ['started'] : ['started', 'completed']).entries())
    await insertActivityEvent(db, {
      listingId,
      citizenId: citizen.id,
      municipalityCode: '101',
      type,
      occurredAt: new Date(when.getTime() + (k + 1) * 3_600_000),
    });
}
// Twenty marketplace pages showed it and twelve times its own page was opened, recorded as the marketplace records them.
const viewer = await createCitizen(db, { municipalityCode: '101', name: 'Dashboard Kigger' });
for (let i = 0; i < 32; i++) await sql`select record_marketplace_view(${viewer.id}::uuid, ${i < 20 ? 'list' : 'listing'}, ${[listingId]}::uuid[])`.execute(db);
await refreshStatistics(db, { all: true });

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

async function signedIn(token: string, locale: 'da' | 'en'): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addCookies([
    { name: 'lang', value: locale, url: baseUrl },
    { name: 'jobunivers-session', value: token, url: baseUrl },
  ]);
  return context.newPage();
}

/** The CSV behind a link, downloaded as a user would. */
async function download(page: Page, link: ReturnType<Page['locator']>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}

for (const locale of ['da', 'en'] as const) {
  test(`a content owner's dashboard: charts with tables, accessible, and the CSV holds the table's figures (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const token = await createSession(db, { ...principalFor('content_owner', { municipalityCode: '101', nsisLevel: 'Substantial' }), name: 'Karin Indhold' });
    const page = await signedIn(token, locale);
    try {
      await page.goto(`${baseUrl}/medarbejder`);
      await page.getByRole('link', { name: t('Se overblikket over brugen af tilbuddene', 'See the overview of how the services are used') }).click();
      assert.equal(await h1(page), t('Overblik over brugen', 'Overview of use'));
      const funnelChart = page.locator('svg#tragt-diagram');
      assert.ok(await funnelChart.isVisible(), 'the funnel chart is drawn');
      assert.equal(await funnelChart.getAttribute('role'), 'img');
      assert.match(
        (await page.locator('#tragt-diagram-desc').textContent()) ?? '',
        t(/20 vist, 12 set, 8 åbnet, 8 påbegyndt, 5 gennemført/, /20 shown, 12 viewed, 8 opened, 8 started, 5 completed/),
      );
      assert.ok(await page.locator('svg#uger-diagram').isVisible(), 'the weekly chart is drawn');
      const row = page.locator('section[aria-labelledby="tragt"] table tbody tr', { has: page.locator(`a[href="/kommune/katalog/${listingId}"]`) });
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
      assert.deepEqual(cells.slice(0, 5), ['20', '12', '8', '8', '5'], 'shown, viewed, opened, started, completed in the table');
      await expectAccessible(page, `the dashboard (${locale})`);

      const csv = await download(page, page.locator('section[aria-labelledby="tragt"] a[download]'));
      const line = csv.split('\r\n').find((l) => l.startsWith(listingId));
      assert.ok(line, 'the listing is in the CSV');
      assert.deepEqual(line.split(',').slice(2, 7), ['20', '12', '8', '8', '5'], 'the CSV holds the figures the table shows');

      // A period that ends before it starts: the form comes back with the message on its field.
      await page.locator('#field-fra').fill('2026-03-01');
      await page.locator('#field-til').fill('2026-02-01');
      await page.getByRole('button', { name: t('Vis', 'Show') }).click();
      assert.match(
        (await page.locator('.form-error-message').first().textContent()) ?? '',
        t(/Slutdatoen skal ligge på eller efter startdatoen/, /The end date must be on or after the start date/),
      );
      await expectAccessible(page, `the dashboard's period error (${locale})`);
    } finally {
      await page.context().close();
    }
  });

  test(`governance's national overview: concentration, flags, vendors, listings, municipalities, accessible (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const token = await createSession(db, { ...principalFor('governance_reviewer', { nsisLevel: 'Substantial' }), name: 'Gitte Styring' });
    const page = await signedIn(token, locale);
    try {
      await page.goto(`${baseUrl}/faellesskab`);
      await page.getByRole('link', { name: t('Se det nationale overblik over brug og resultater', 'See the national overview of use and outcomes') }).click();
      assert.equal(await h1(page), t('Nationalt overblik', 'National overview'));
      assert.ok(await page.locator('svg#top-diagram').isVisible());
      const municipalities = await page.locator('section[aria-labelledby="kommuner"] tbody th').allTextContents();
      assert.ok(municipalities.includes('København'), 'København is among the municipalities');
      await expectAccessible(page, `the national overview (${locale})`);
      const csv = await download(page, page.locator('section[aria-labelledby="kommuner"] a[download]'));
      assert.match(csv, /\r\n101,København,8,8,5,0\.625,/);
    } finally {
      await page.context().close();
    }
  });
}
