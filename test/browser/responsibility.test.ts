// "Who helps me now" in Chromium: a citizen signs in with the test IdP, the start page's card names who helps them now
// (their a-kasse, or the jobcenter after it, from the DFDG simulator and the rules) with how to reach them; "Hvem hjælper mig?" explains each actor and, where a
// free-choice rule applies, takes the citizen's choice — a field message when nothing is chosen, the choice at once
// on the timeline — in Danish and English, checked with axe, and the same choice without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser, database } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

// The 2027 trial starts later; rules are data, so a trial that has begun is one row for København, Aarhus and Odense.
await database.db
  .insertInto('responsibility_rule')
  .values({
    id: 'forsoeg-browser',
    version: 1,
    valid_from: '2026-01-01',
    benefit: 'dagpenge',
    municipality_codes: ['101', '751', '461'],
    akasse_months: 4,
    free_choice: true,
    choice_lock_days: 30,
    legal_basis: 'Testforsøg med frit valg',
    description_da: 'Din kommune er med i et forsøg: du kan selv vælge, hvem der hjælper dig.',
    description_en: 'Your municipality takes part in a trial: you may choose who helps you.',
  })
  .execute();

// One citizen per run, since a choice stands for 30 days. Each is on dagpenge with an a-kasse in the DFDG simulator.
for (const c of [
  {
    locale: 'da',
    javaScript: true,
    // Mette's first months with 3F A-kasse are behind her: the jobcenter helps her now, and she chooses her a-kasse.
    person: /Mette Jensen/,
    helpsNow: 'Jobcenter København',
    choose: 'akasse-55900000',
    card: 'Hvem hjælper dig nu?',
    more: 'Se hvem der hjælper dig, og hvorfor',
    heading: 'Hvem hjælper mig?',
    save: 'Gem mit valg',
    required: 'Vælg hvem der skal hjælpe dig.',
    choice: 'Dit eget valg',
  },
  {
    locale: 'en',
    javaScript: true,
    person: /Jonas Christensen/,
    helpsNow: 'FOA A-kasse',
    choose: 'kommune-461',
    card: 'Who helps you now?',
    more: 'See who helps you, and why',
    heading: 'Who helps me?',
    save: 'Save my choice',
    required: 'Choose who should help you.',
    choice: 'Your own choice',
  },
  {
    locale: 'da',
    javaScript: false,
    person: /Lars Nielsen/,
    helpsNow: 'HK A-kasse',
    choose: 'kommune-751',
    card: 'Hvem hjælper dig nu?',
    more: 'Se hvem der hjælper dig, og hvorfor',
    heading: 'Hvem hjælper mig?',
    save: 'Gem mit valg',
    required: 'Vælg hvem der skal hjælpe dig.',
    choice: 'Dit eget valg',
  },
]) {
  const checkAccessible = async (page: Page, what: string) => (c.javaScript ? expectAccessible(page, what) : undefined);
  test(`the citizen sees who helps them and chooses (${c.locale}, JavaScript ${c.javaScript ? 'on' : 'off'})`, async () => {
    const context = await browser.newContext({ javaScriptEnabled: c.javaScript });
    await context.addCookies([{ name: 'lang', value: c.locale, url: app.baseUrl }]);
    const page = await context.newPage();
    try {
      await signInAtTestIdp(page, `${app.baseUrl}/borger`, c.person);
      await page.goto(`${app.baseUrl}/borger`);
      const card = page.locator('section[aria-labelledby="who-helps-heading"]');
      assert.equal((await card.getByRole('heading', { level: 2 }).textContent())?.trim(), c.card);
      assert.match((await card.textContent()) ?? '', new RegExp(c.helpsNow), 'who helps now, from DFDG’s situation and the rules');
      await checkAccessible(page, `the start page with the card (${c.locale})`);

      await card.getByRole('link', { name: c.more }).click();
      await page.waitForURL(/\/borger\/hvem-hjaelper-mig$/);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), c.heading);
      assert.equal((await page.locator('input[name="organisation"]').count()) >= 2, true, 'the municipality and the a-kasse at least');
      await checkAccessible(page, `Hvem hjælper mig? (${c.locale})`);

      await page.getByRole('button', { name: c.save }).click();
      assert.equal((await page.locator('#field-organisation-error').textContent())?.trim(), c.required);
      await checkAccessible(page, `Hvem hjælper mig? with an error (${c.locale})`);

      await page.locator(`input[name="organisation"][value="${c.choose}"]`).check();
      await page.getByRole('button', { name: c.save }).click();
      await page.waitForURL(/\/borger\/hvem-hjaelper-mig\?valgt=1$/);
      assert.ok(await page.getByRole('status').isVisible());
      assert.match((await page.locator('table').textContent()) ?? '', new RegExp(c.choice), 'the choice is on the timeline');
      assert.equal(await page.locator(`input[name="organisation"][value="${c.choose}"]`).isChecked(), true);
      await checkAccessible(page, `Hvem hjælper mig? after the choice (${c.locale})`);
    } finally {
      await context.close();
    }
  });
}
