// The citizen's marketplace as citizens and a content owner use it, in Chromium with the test IdP and the demo world:
// the recommended service first with its reason, search and filters, a local offer's sign-up, a service's page with a
// rating (wrong first, then right), a launch, a launch refused because every seat is taken, and the municipality's
// moderation of the rating. Every page added is checked with axe (WCAG 2.1 AA) in Danish and English; the marketplace
// also works without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';
import { createCitizen } from '../support/factories.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

// Demo listings (catalogue seed), all enabled in København (curation seed): 3 "Målrettet jobsøgning", 5 "Åben sprogcafé
// online" (neither rated by the citizen in the demo), 6 "Digital på arbejdsmarkedet".
const n = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

{
  const { db } = database;
  // Mette (no screening in the demo) is visited as job-ready and searching, so København's recommendation applies.
  const mette = await db
    .selectFrom('citizen')
    .select(['id', 'municipality_code'])
    .where('person_uuid', '=', '00000000-0000-4000-8000-000000000100')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('citizen_profile')
    .values({ citizen_id: mette.id, municipality_code: mette.municipality_code, target_group: 'job_ready', journey_stage: 'search', screened_at: new Date() })
    .onConflict((oc) => oc.column('citizen_id').doUpdateSet({ target_group: 'job_ready', journey_stage: 'search' }))
    .execute();
  // A licence of one seat for listing 6, already taken by another citizen of København.
  const other = await createCitizen(db, { municipalityCode: '101' });
  const licence = await db
    .insertInto('licence')
    .values({
      municipality_code: '101',
      listing_id: n(6),
      seats: 1,
      valid_from: isoDay(-10),
      valid_to: isoDay(10),
      price_dkk: '500',
      budget_holder: 'Jobcenter København',
      created_by: 'browser-test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('licence_seat').values({ licence_id: licence.id, citizen_id: other.id, municipality_code: '101' }).execute();
}

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

const signIn = (page: Page, path: string, person: RegExp, municipality?: string) => signInAtTestIdp(page, `${app.baseUrl}${path}`, person, municipality);

const cases = [
  {
    locale: 'da',
    citizen: /Ahmed Hassan/,
    recommended: 'Ærlig talt – motivation i ledighed',
    rated: n(3),
    ratedName: 'Målrettet jobsøgning',
    moderator: /Peter Holm/,
  },
  { locale: 'en', citizen: /Mette Jensen/, recommended: 'Zoom in on your CV', rated: n(5), ratedName: 'Open language café online', moderator: /Lene Dahl/ },
] as const;

for (const c of cases) {
  test(`the marketplace, a service, a rating, launches and moderation — every page accessible (${c.locale})`, async () => {
    const t = <T>(da: T, en: T): T => (c.locale === 'da' ? da : en);
    const citizenContext = await browser.newContext();
    const staffContext = await browser.newContext();
    for (const context of [citizenContext, staffContext]) await context.addCookies([{ name: 'lang', value: c.locale, url: app.baseUrl }]);
    // The services themselves live elsewhere; the browser is answered for them here.
    await citizenContext.route('https://tjeneste.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Tjenesten</title><h1>Tjenesten</h1>' }),
    );
    const citizen = await citizenContext.newPage();
    const staff = await staffContext.newPage();
    try {
      await signIn(citizen, '/borger/markedsplads', c.citizen);
      assert.equal(await h1(citizen), t('Markedspladsen', 'The marketplace'));
      const first = citizen.locator('#main-content > ul.nobullet-list > li').first();
      assert.equal((await first.locator('h3').textContent())?.trim(), c.recommended);
      assert.match(
        (await first.textContent()) ?? '',
        t(
          /Anbefalet til dig.*Jobcenter København anbefaler dette til borgere i målgruppen aktivitetsparate, der er i fasen afklaring\./s,
          /Recommended for you.*Jobcenter København recommends this to citizens in the target group ready for work at the stage job search\./s,
        ),
      );
      await expectAccessible(citizen, 'the marketplace');

      // Search, and the filters (one plain link away).
      await citizen.getByLabel(t('Søg i tilbuddene', 'Search the services')).fill('jobsamtale');
      await citizen.getByRole('button', { name: t('Søg', 'Search'), exact: true }).click();
      await citizen.waitForURL(/q=jobsamtale/);
      assert.match(await main(citizen), t(/Øvebanen til jobsamtaler/, /Interview practice/));
      await expectAccessible(citizen, 'search results');
      await citizen.getByRole('link', { name: t('Filtrér tilbuddene', 'Filter the services') }).click();
      await citizen.waitForURL(/filtre=1/);
      await citizen.getByLabel(t('Søg i tilbuddene', 'Search the services')).fill('');
      await citizen
        .getByLabel(
          t(
            'Vis kun egne tilbud fra Jobcenter København (workshops, kurser, jobmesser)',
            'Show only Jobcenter København’s own offers (workshops, courses, job fairs)',
          ),
        )
        .check();
      await expectAccessible(citizen, 'the filters');
      await citizen.getByRole('button', { name: t('Søg', 'Search'), exact: true }).click();
      await citizen.waitForURL(/lokale=1/);
      assert.equal(await citizen.locator('#main-content > ul.nobullet-list > li').count(), 3);
      await expectAccessible(citizen, 'the local offers only');

      // A local offer: sign up, with a clear answer.
      await citizen
        .getByRole('link', { name: t('Kursus: Kom godt i gang med MitID, e-Boks og Jobnet', 'Course: getting started with MitID, e-Boks and Jobnet') })
        .click();
      await expectAccessible(citizen, 'a local offer');
      await citizen.getByRole('button', { name: t('Tilmeld mig', 'Sign me up') }).click();
      await citizen.waitForURL(/tilmelding=signed_up/);
      assert.match(await main(citizen), t(/Du er tilmeldt\. Vi glæder os til at se dig\./, /You are signed up\. We look forward to seeing you\./));
      await expectAccessible(citizen, 'a local offer after signing up');

      // A service's page; a rating that is wrong first, then right.
      await citizen.goto(`${app.baseUrl}/borger/markedsplads/${c.rated}`);
      assert.equal(await h1(citizen), c.ratedName);
      await expectAccessible(citizen, 'a service’s page');
      await citizen.getByRole('button', { name: t('Send bedømmelse', 'Send rating') }).click();
      assert.equal((await citizen.locator('#field-stars-error').textContent())?.trim(), t('Vælg fra 1 til 5 stjerner.', 'Choose from 1 to 5 stars.'));
      await expectAccessible(citizen, 'the rating form with an error');
      await citizen
        .getByRole('group', { name: t('Hvor mange stjerner giver du tilbuddet?', 'How many stars do you give the service?') })
        .getByLabel(t('5 stjerner', '5 stars'))
        .check();
      await citizen
        .getByLabel(t('Din kommentar (valgfri)', 'Your comment (optional)'))
        .fill(t('Korte lydfiler, som man kan høre på en gåtur. Det hjalp mig.', 'Kind volunteers, and I dare to call employers now.'));
      await citizen.getByRole('button', { name: t('Send bedømmelse', 'Send rating') }).click();
      await citizen.waitForURL(/bedoemmelse=gemt/);
      assert.match(await main(citizen), t(/Din bedømmelse er gemt/, /Your rating is saved/));
      await expectAccessible(citizen, 'a service’s page after rating');

      // Start: the service opens (through the hand-over page), and the launch is recorded.
      await citizen.getByRole('button', { name: 'Start', exact: true }).click();
      await citizen.waitForURL((address) => address.href.startsWith(`https://tjeneste.example/${c.rated}?iss=`));
      const handOver = await citizenContext.newPage();
      // A 204 from the service leaves the browser on the hand-over page (a navigation to No Content goes nowhere), for axe.
      await handOver.route('https://tjeneste.example/**', (route) => route.fulfill({ status: 204 }));
      await handOver.goto(`${app.baseUrl}/borger/markedsplads/${c.rated}/aabner`);
      await handOver.waitForTimeout(200);
      await expectAccessible(handOver, 'the hand-over page');
      await handOver.close();

      // Every seat on listing 6 is taken: a clear page, alternatives and the jobcenter.
      await citizen.goto(`${app.baseUrl}/borger/markedsplads/${n(6)}`);
      await citizen.getByRole('button', { name: 'Start', exact: true }).click();
      assert.equal(await h1(citizen), t('Der er ingen ledig plads lige nu', 'No place is free right now'));
      assert.match(await main(citizen), t(/Jobcenter København/, /Jobcenter København/));
      await expectAccessible(citizen, 'no seat');

      // The municipality's content owner approves the rating; then every citizen sees it.
      await signIn(staff, '/kommune/bedoemmelser', c.moderator, '101');
      assert.equal(await h1(staff), t('Bedømmelser til godkendelse', 'Ratings to approve'));
      await expectAccessible(staff, 'the moderation queue');
      const item = staff.locator('main li', { hasText: t('Korte lydfiler', 'Kind volunteers') });
      await item.getByRole('button', { name: t('Godkend', 'Approve') }).click();
      await staff.waitForURL(/afgjort=approve/);
      assert.match(await main(staff), t(/Bedømmelsen er godkendt/, /The rating is approved/));
      await expectAccessible(staff, 'the moderation queue after a decision');
      await citizen.goto(`${app.baseUrl}/borger/markedsplads/${c.rated}`);
      assert.match(await main(citizen), t(/Korte lydfiler, som man kan høre på en gåtur/, /Kind volunteers, and I dare to call employers now/));
    } finally {
      await citizenContext.close();
      await staffContext.close();
    }
  });
}

test('without JavaScript the marketplace still searches and filters', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.route('https://tjeneste.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Tjenesten</title><h1>Tjenesten</h1>' }),
  );
  const page = await context.newPage();
  try {
    await signIn(page, '/borger/markedsplads', /Ahmed Hassan/);
    await page.getByRole('link', { name: 'Filtrér tilbuddene' }).click();
    await page.getByRole('group', { name: 'Pris' }).getByLabel('Gratis').check();
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/pris=free/);
    const names = (await page.locator('#main-content > ul.nobullet-list > li h3').allTextContents()).map((name) => name.trim());
    assert.ok(names.includes('Åben sprogcafé online'));
    assert.ok(!names.includes('Zoom ind på dit CV'), 'a licensed service is not free');
    // Start, and the browser goes on to the service by itself.
    await page.getByRole('link', { name: 'Åben sprogcafé online' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL((address) => address.href.startsWith(`https://tjeneste.example/${n(5)}?iss=`));
  } finally {
    await context.close();
  }
});
