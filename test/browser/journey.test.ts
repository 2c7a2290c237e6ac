// The journey as new users take it, in Chromium with the test IdP and the demo world: a citizen's first visit leads
// to the screening; a wish for contact puts an escalation in front of a caseworker of the same municipality, who
// opens the citizen's journey with a purpose and assigns an activity that then appears in the citizen's plan; the
// citizen turns a suggestion down and adds another. Every page added is checked with axe in Danish and English;
// the screening also works without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

// Demo listings from the catalogue's seed: 3 targeted job search, 6 digital skills, 1 interview practice.
const n = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;

// What the municipalities offer (the curation module's part of the world, set up directly here).
{
  const { db } = database;
  for (const code of ['101', '751']) {
    for (const listingId of [n(1), n(3), n(6)]) {
      await db
        .insertInto('municipality_listing')
        .values({ municipality_code: code, listing_id: listingId, enabled_by: 'browser-test' })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await db
      .insertInto('listing_recommendation')
      .values({
        municipality_code: code,
        listing_id: n(3),
        target_group: 'job_ready',
        journey_stage: null,
        note_da: 'Godt sted at starte.',
        note_en: 'A good place to start.',
        created_by: 'browser-test',
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto('local_offer')
      .values({
        municipality_code: code,
        kind: 'workshop',
        title_da: 'Jobcafé: CV-tjek med en konsulent',
        title_en: 'Job café: CV check with a consultant',
        description_da: 'Kom forbi jobcentret og få dit CV tjekket af en konsulent.',
        description_en: 'Drop in at the job centre and have your CV checked by a consultant.',
        place: 'Jobcentret, mødelokale 1',
        starts_at: new Date(Date.now() + 5 * 24 * 3600 * 1000),
        ends_at: new Date(Date.now() + 5 * 24 * 3600 * 1000 + 3600 * 1000),
        capacity: 20,
        journey_stage: 'search',
        target_groups: ['job_ready'],
        languages: ['da', 'en'],
        created_by: 'browser-test',
      })
      .execute();
  }
}

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

const signIn = (page: Page, path: string, person: RegExp, municipality?: string) => signInAtTestIdp(page, `${app.baseUrl}${path}`, person, municipality);

const cases = [
  { locale: 'da', citizen: /Mette Jensen/, citizenName: 'Mette Jensen', caseworker: /Anne Kofoed/, municipality: '101' },
  { locale: 'en', citizen: /Sofie Andersen/, citizenName: 'Sofie Andersen', caseworker: /Rasmus Bech/, municipality: '751' },
] as const;

for (const c of cases) {
  test(`screening, escalation, a caseworker's assignment and the plan — every page accessible (${c.locale})`, async () => {
    const t = <T>(da: T, en: T): T => (c.locale === 'da' ? da : en);
    const citizenContext = await browser.newContext();
    const staffContext = await browser.newContext();
    for (const context of [citizenContext, staffContext]) await context.addCookies([{ name: 'lang', value: c.locale, url: app.baseUrl }]);
    const citizen = await citizenContext.newPage();
    const staff = await staffContext.newPage();
    try {
      // The first visit: the start page leads to Min jobrejse, which asks for the screening first.
      await signIn(citizen, '/borger', c.citizen);
      await citizen.waitForURL(`${app.baseUrl}/borger`);
      await citizen.getByRole('link', { name: t('Min jobrejse: din plan og forslag til dig', 'My job journey: your plan and suggestions for you') }).click();
      await citizen.waitForURL(`${app.baseUrl}/borger/screening`);
      assert.equal(await h1(citizen), t('Fortæl os om din situation', 'Tell us about your situation'));
      await expectAccessible(citizen, 'the screening');

      await citizen.getByRole('button', { name: t('Gem mine svar', 'Save my answers') }).click();
      await citizen.locator('#error-summary:focus').waitFor();
      assert.equal((await citizen.locator('#field-digitalReadiness-error').textContent())?.trim(), t('Vælg en af mulighederne.', 'Choose one of the options.'));
      await expectAccessible(citizen, 'the screening with errors');

      await citizen
        .getByRole('group', {
          name: t(
            'Hvor tryg er du ved at bruge computer, mobil og digital selvbetjening?',
            'How confident are you using a computer, a phone and digital self-service?',
          ),
        })
        .getByLabel(t('Jeg er tryg og klarer det selv', 'I am confident and manage on my own'))
        .check();
      await citizen
        .getByRole('group', { name: t('Hvor er du lige nu i din jobrejse?', 'Where are you in your job journey right now?') })
        .getByLabel(t('Jobsøgning', 'Job search'))
        .check();
      await citizen
        .getByRole('group', { name: t('Hvor meget hjælp har du brug for til at komme videre?', 'How much help do you need to move on?') })
        .getByLabel(t('Lidt hjælp en gang imellem', 'A little help now and then'))
        .check();
      await citizen
        .getByRole('group', { name: t('Hvilke sprog taler du godt?', 'Which languages do you speak well?') })
        .getByLabel(t('Dansk', 'Danish'))
        .check();
      await citizen.getByLabel(t('Jeg vil gerne tale med en person fra Jobcenter København', 'I would like to talk to a person from Jobcenter Aarhus')).check();
      await citizen.getByRole('button', { name: t('Gem mine svar', 'Save my answers') }).click();
      await citizen.waitForURL(/\/borger\/jobrejse\?screening=gemt/);
      assert.match(await main(citizen), t(/Jobcenter (København|Aarhus) kontakter dig senest/, /Jobcenter (København|Aarhus) will contact you by/));
      await expectAccessible(citizen, 'Min jobrejse with the contact notice');

      // The caseworker of the same municipality finds the escalation, takes it and opens the journey with a purpose.
      await signIn(staff, '/medarbejder/henvendelser', c.caseworker, c.municipality);
      await staff.waitForURL(`${app.baseUrl}/medarbejder/henvendelser`);
      await expectAccessible(staff, 'the escalations');
      await staff.getByRole('link', { name: c.citizenName }).click();
      assert.match(await main(staff), t(/Ønsker at tale med en person/, /Wants to talk to a person/));
      await expectAccessible(staff, 'an escalation');
      await staff.getByRole('button', { name: t('Tag henvendelsen', 'Take the request') }).click();
      // Taking it opens the case itself, with a note that it is now the caseworker's.
      await staff.waitForURL(/\/medarbejder\/henvendelser\/[0-9a-f-]{36}\?gemt=taget$/);
      const escalationUrl = staff.url().split('?')[0] ?? '';
      await staff.getByRole('button', { name: t('Luk henvendelsen', 'Close the request') }).click();
      await staff.locator('#error-summary:focus').waitFor();
      await expectAccessible(staff, 'an escalation with an error');
      await staff.getByRole('button', { name: t('Åbn profil og plan', 'Open profile and plan') }).click();
      assert.equal(await h1(staff), c.citizenName);
      await expectAccessible(staff, 'the citizen’s journey for the caseworker');
      const citizenPath = new URL(staff.url()).pathname;

      await staff.getByLabel(t('Målgruppe (visitation)', 'Target group (visitation)')).selectOption('job_ready');
      await staff.getByRole('button', { name: t('Gem målgruppe', 'Save target group') }).click();
      assert.match(await main(staff), t(/Målgruppen er gemt\./, /The target group is saved\./));

      await staff.getByRole('button', { name: t('Føj til borgerens plan', "Add to the citizen's plan") }).click();
      await staff.locator('#error-summary:focus').waitFor();
      await expectAccessible(staff, 'the citizen’s journey with form errors');
      await staff.getByLabel(t('Tilbud', 'Offer'), { exact: true }).selectOption(`listing:${n(6)}`);
      await staff.getByLabel(t('Tildelt (en aftalt aktivitet)', 'Assigned (an agreed activity)')).check();
      await staff.getByLabel(t('Dato (valgfri)', 'Date (optional)')).fill(new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10));
      await staff.getByLabel(t('Bemærkning til borgeren (valgfri)', 'Note for the citizen (optional)')).fill(t('Start med modul 1.', 'Start with module 1.'));
      await staff.getByRole('button', { name: t('Føj til borgerens plan', "Add to the citizen's plan") }).click();
      assert.match(await main(staff), t(/Aktiviteten er føjet til borgerens plan\./, /The activity is added to the citizen's plan\./));
      await expectAccessible(staff, 'the citizen’s journey after an assignment');

      // The purpose given from the escalation holds for the working session: the citizen's page again, not asked.
      await staff.goto(`${app.baseUrl}${citizenPath}`);
      assert.equal(await h1(staff), c.citizenName);

      await staff.goto(escalationUrl);
      await staff.getByLabel(t('Hvad er gjort eller aftalt?', 'What was done or agreed?')).fill(t('Ringet op, samtale aftalt.', 'Called, meeting agreed.'));
      await staff.getByRole('button', { name: t('Luk henvendelsen', 'Close the request') }).click();
      await staff.waitForURL(/gemt=lukket/);
      await expectAccessible(staff, 'the escalations with a closed one');

      // The citizen sees the assigned activity, turns a suggestion down, takes it back and adds another to the plan.
      await citizen.goto(`${app.baseUrl}/borger/jobrejse`);
      const plan = citizen.locator('section[aria-labelledby="plan-heading"]');
      assert.match((await plan.textContent()) ?? '', t(/Digital på arbejdsmarkedet/, /Digital at work/));
      assert.match((await plan.textContent()) ?? '', t(/Aftalt med Jobcenter København/, /Agreed with Jobcenter Aarhus/));
      assert.match(
        await main(citizen),
        t(
          /Jobcenter København anbefaler det til borgere i din målgruppe \(Jobparate\)/,
          /Jobcenter Aarhus recommends it to citizens in your target group \(Ready for work\)/,
        ),
      );
      await expectAccessible(citizen, 'Min jobrejse with the plan and recommendations');

      const recommendations = citizen.locator('section[aria-labelledby="recommendations-heading"]');
      const jobSearch = t('Målrettet jobsøgning', 'Targeted job search');
      await recommendations.getByRole('button', { name: `${t('Ikke relevant for mig', 'Not relevant for me')} (${jobSearch})` }).click();
      assert.doesNotMatch((await citizen.locator('section[aria-labelledby="recommendations-heading"]').textContent()) ?? '', new RegExp(jobSearch));
      await expectAccessible(citizen, 'Min jobrejse with a dismissed suggestion');
      await citizen.getByRole('button', { name: `${t('Foreslå det igen', 'Suggest it again')} (${jobSearch})` }).click();
      await citizen
        .locator('section[aria-labelledby="recommendations-heading"]')
        .getByRole('button', { name: `${t('Føj til min plan', 'Add to my plan')} (${jobSearch})` })
        .click();
      assert.match((await citizen.locator('section[aria-labelledby="plan-heading"]').textContent()) ?? '', new RegExp(jobSearch));
      await citizen.getByRole('button', { name: `${t('Jeg er gået i gang', 'I have started')} (${jobSearch})` }).click();
      assert.match((await citizen.locator('section[aria-labelledby="plan-heading"]').textContent()) ?? '', t(/I gang/, /In progress/));

      // The caseworker's look-ups are in the citizen's Min Log.
      await citizen.goto(`${app.baseUrl}/borger/min-log`);
      assert.match(await main(citizen), t(/Opfølgning på henvendelse fra screening/, /Follow-up on a request from the screening/));

      await citizen.goto(`${app.baseUrl}/borger/screening`);
      await expectAccessible(citizen, 'the screening as a redo with an open escalation');
    } finally {
      await citizenContext.close();
      await staffContext.close();
    }
  });
}

test('the screening works without JavaScript, errors and all', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page, '/borger/jobrejse', /Jonas Christensen/);
    await page.waitForURL(`${app.baseUrl}/borger/screening`);
    await page.getByRole('button', { name: 'Gem mine svar' }).click();
    assert.match(await main(page), /Der er fejl i formularen/);
    assert.equal((await page.locator('#field-digitalReadiness-error').textContent())?.trim(), 'Vælg en af mulighederne.');
    await page.getByLabel('Jeg har brug for hjælp til det meste').check();
    await page.getByLabel('Afklaring').check();
    await page.getByLabel('Meget hjælp').check();
    await page.getByRole('group', { name: 'Hvilke sprog taler du godt?' }).getByLabel('Dansk').check();
    await page.getByLabel('Hvilket job eller hvilken uddannelse vil du gerne hen imod? (valgfrit)').fill('Pædagogmedhjælper');
    await page.getByRole('button', { name: 'Gem mine svar' }).click();
    await page.waitForURL(/\/borger\/jobrejse\?screening=gemt/);
    assert.match(await main(page), /Tak\. Dine svar er gemt\./);
    assert.match(await main(page), /Jobcenter Odense kontakter dig senest/);
    assert.match(await main(page), /du har fortalt, at du har brug for meget hjælp/);
    assert.match(await main(page), /Pædagogmedhjælper/);
  } finally {
    await context.close();
  }
});
