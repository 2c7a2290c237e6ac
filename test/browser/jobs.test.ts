// Job search in Chromium with JavaScript off, in Danish and English, each page checked with axe (WCAG 2.1 AA): the
// search with the server-drawn SVG map and the list; an ad; a citizen puts an application in Joblog from the ad and
// finds it on the timeline; a caseworker suggests an ad, the citizen answers, the caseworker sees the answer. Sessions
// are made by the factories (as a sign-in would leave them).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createJobFeedClient, createJobFeedSimulator, ingestJobAds, startJobFeedSimulatorServer } from '../../src/modules/jobs/index.ts';
import { copenhagenDate } from '../../src/platform/time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createSession, principalFor } from '../support/factories.ts';

const testApp: TestApp = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser = await chromiumForFile();

const simulator = createJobFeedSimulator({ seed: 'browser-jobs', initialAds: 400 });
simulator.setHead(400);
const server = await startJobFeedSimulatorServer(simulator);
after(() => server.close());
await ingestJobAds(db, createJobFeedClient(server.url, 5000), { today: copenhagenDate(), pageSize: 400 });

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

for (const locale of ['da', 'en'] as const) {
  test(`job search without JavaScript: the map, the list, an ad, and "I applied" into Joblog and the timeline (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const citizen = await createCitizen(db, { municipalityCode: '630', name: `Jonna Job ${locale}` });
    const token = await createSession(db, { ...principalFor('citizen', { municipalityCode: '630', citizenId: citizen.id }), name: `Jonna Job ${locale}` });
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'lang', value: locale, url: baseUrl }]);
    const page = await context.newPage();
    // axe runs in the page, so it needs JavaScript: the pages the journey passes are checked again in a context with it.
    const checking = await browser.newContext();
    await checking.addCookies([
      { name: 'lang', value: locale, url: baseUrl },
      { name: 'jobunivers-session', value: token, url: baseUrl },
    ]);
    const check = await checking.newPage();
    const accessible = async (url: string, what: string) => {
      await check.goto(url);
      await expectAccessible(check, what);
    };
    try {
      // The public search: the form works as a plain GET.
      await page.goto(`${baseUrl}/job`);
      await page.getByLabel(t('Sted', 'Place'), { exact: true }).fill('Vejle');
      await page.locator('#field-afstand').selectOption('100');
      await page.getByRole('button', { name: t('Søg', 'Search'), exact: true }).click();
      await page.waitForURL(/sted=Vejle/);
      assert.equal(await h1(page), t('Ledige job', 'Vacancies'));
      assert.match(await main(page), t(/job inden for 100 km fra Vejle/, /jobs within 100 km of Vejle/));
      assert.equal(await page.locator('#job-map svg[aria-labelledby="job-map-title"]').count(), 1, 'the map is drawn on the server');
      const markers = await page.locator('#job-map svg a').count();
      assert.ok(markers > 0, 'the results are markers on the map');
      const listed = await page.locator('ol li h3 a').count();
      assert.ok(listed > 0 && listed <= 20, 'and a list, a page at a time');
      await accessible(page.url(), `the job search with the map (${locale})`);
      // With JavaScript the occupation field offers the occupations the ads name as one types.
      await check.getByLabel(t('Stilling', 'Occupation'), { exact: true }).fill('lager');
      await check.locator('#job-occupations option').first().waitFor({ state: 'attached' });

      // One ad, then as the signed-in citizen: put the application in Joblog after agreeing to forwarding.
      const first = page.locator('ol li h3 a').first();
      const title = ((await first.textContent()) ?? '').trim();
      const href = (await first.getAttribute('href')) ?? '';
      await context.addCookies([{ name: 'jobunivers-session', value: token, url: baseUrl }]);
      await page.goto(`${baseUrl}/borger${href}`);
      assert.equal(await h1(page), title);
      assert.match(await main(page), t(/først sige ja til, at vi sender til Joblog/, /first say yes to our sending to Joblog/));
      await page.getByRole('link', { name: t('Gå til Joblog', 'Go to Joblog') }).click();
      await page.getByRole('button', { name: t('Ja, send til min joblog', 'Yes, send to my joblog') }).click();
      await page.waitForURL(/gemt=samtykke/);
      await page.goto(`${baseUrl}/borger${href}`);
      await accessible(page.url(), `an ad for the citizen (${locale})`);
      await page.getByRole('button', { name: t('Jeg har søgt jobbet i dag', 'I applied for the job today') }).click();
      await page.waitForURL(/\/borger\/joblog\?gemt=registrering/);
      await page.goto(`${baseUrl}/borger/tidslinje`);
      assert.ok((await main(page)).includes(title), 'the application is on the timeline');
    } finally {
      await context.close();
      await checking.close();
    }
  });
}

for (const locale of ['da', 'en'] as const) {
  test(`a job suggestion from the caseworker, the citizen's answer, and the answer back (${locale})`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const name = `Sigrid Forslag ${locale}`;
    const citizen = await createCitizen(db, { municipalityCode: '630', name });
    const citizenToken = await createSession(db, { ...principalFor('citizen', { municipalityCode: '630', citizenId: citizen.id }), name });
    const caseworkerToken = await createSession(db, {
      ...principalFor('caseworker', { municipalityCode: '630' }),
      name: 'Carl Sagsbehandler',
      municipality: { code: '630', name: 'Vejle' },
      organisation: { id: 'kommune-630', kind: 'kommune', name: 'Vejle Kommune' },
    });
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'lang', value: locale, url: baseUrl },
      { name: 'jobunivers-session', value: caseworkerToken, url: baseUrl },
    ]);
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/medarbejder/borgere/${citizen.id}/jobforslag?purpose=${encodeURIComponent(t('Opfølgning', 'Follow-up'))}`);
      await expectAccessible(page, `the caseworker's job suggestions with a search (${locale})`);
      await page.getByLabel(t('Sted', 'Place'), { exact: true }).fill('Vejle');
      await page.getByRole('button', { name: t('Søg', 'Search'), exact: true }).click();
      await page.waitForURL(/sted=Vejle/);
      const offer = page
        .locator('main form')
        .filter({ has: page.getByRole('button', { name: t('Foreslå jobbet', 'Suggest the job') }) })
        .first();
      await offer.getByLabel(t('Note til borgeren', 'Note to the citizen')).fill(t('Det her passer til dig.', 'This one suits you.'));
      await offer.getByRole('button', { name: t('Foreslå jobbet', 'Suggest the job') }).click();
      await page.waitForLoadState();
      assert.match(await main(page), t(/Jobforslaget er sendt til borgeren/, /sent to the citizen/));

      await context.addCookies([{ name: 'jobunivers-session', value: citizenToken, url: baseUrl }]);
      await page.goto(`${baseUrl}/borger/job/forslag`);
      assert.match(await main(page), t(/Det her passer til dig\./, /This one suits you\./));
      await expectAccessible(page, `the citizen's job suggestions (${locale})`);
      await page.getByLabel(t('Jeg har søgt jobbet', 'I have applied for the job'), { exact: true }).first().check();
      await page
        .getByRole('button', { name: t('Gem dit svar', 'Save your answer') })
        .first()
        .click();
      await page.waitForLoadState();
      assert.match(await main(page), t(/Dit svar er gemt/, /saved/));

      await context.addCookies([{ name: 'jobunivers-session', value: caseworkerToken, url: baseUrl }]);
      await page.goto(`${baseUrl}/medarbejder/borgere/${citizen.id}/jobforslag?purpose=${encodeURIComponent(t('Opfølgning', 'Follow-up'))}`);
      assert.match(await main(page), t(/Har søgt jobbet/, /[Aa]pplied/), 'the caseworker sees the answer');
    } finally {
      await context.close();
    }
  });
}
