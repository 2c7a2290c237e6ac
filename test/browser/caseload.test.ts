// The caseworker's caseload in Chromium (issue 18), in Danish and English: the team's citizens filtered and sorted with
// the GET form — without JavaScript, as with it — a citizen opened with a purpose chosen once for the working session,
// assigned to the caseworker, and then on the caseworker's own tab. Every page checked with axe (WCAG 2.1 AA) in the
// run with JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';
import { chromiumForFile, expectAccessible } from '../support/browser.ts';
import { createCitizen, createSession, principalFor } from '../support/factories.ts';

const testApp: TestApp = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const baseUrl = testApp.config.baseUrl;
const { db } = testApp;
const browser = await chromiumForFile();

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const group = await db
  .selectFrom('taxonomy_term')
  .select(['code', 'name_da', 'name_en'])
  .where('taxonomy', '=', 'target_group')
  .orderBy('code')
  .executeTakeFirstOrThrow();

for (const [locale, javaScriptEnabled] of [
  ['da', false],
  ['en', false],
  ['da', true],
  ['en', true],
] as const) {
  test(`a caseworker filters the caseload, opens a citizen with a purpose and takes them on (${locale}, ${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async () => {
    const t = <T>(da: T, en: T): T => (locale === 'da' ? da : en);
    const suffix = `${locale}${javaScriptEnabled ? 'js' : ''}`;
    const waiting = await createCitizen(db, { municipalityCode: '101', name: `Vilma Venter ${suffix}` });
    const calm = await createCitizen(db, { municipalityCode: '101', name: `Carl Rolig ${suffix}` });
    await db.insertInto('citizen_profile').values({ citizen_id: waiting.id, municipality_code: '101', target_group: group.code }).execute();
    await db.insertInto('citizen_profile').values({ citizen_id: calm.id, municipality_code: '101', target_group: group.code }).execute();
    await db
      .insertInto('escalation')
      .values({ citizen_id: waiting.id, municipality_code: '101', reasons: ['wants_contact'], contact_by: '2030-01-07' })
      .execute();

    const principal = { ...principalFor('caseworker', { municipalityCode: '101', nsisLevel: 'Substantial' }), name: `Anne Sag ${suffix}` };
    await sql`select record_staff_sign_in('kommune-101', ${principal.subject}, ${principal.name}, ${sql.val(['caseworker'])}::text[])`.execute(db);
    const token = await createSession(db, principal);
    const context = await browser.newContext({ javaScriptEnabled });
    await context.addCookies([
      { name: 'lang', value: locale, url: baseUrl },
      { name: 'jobunivers-session', value: token, url: baseUrl },
    ]);
    const page = await context.newPage();
    const check = (what: string) => (javaScriptEnabled ? expectAccessible(page, `${what} (${locale})`) : Promise.resolve());
    try {
      await page.goto(`${baseUrl}/medarbejder`);
      await page.getByRole('link', { name: t('Mine borgere', 'My citizens'), exact: true }).click();
      assert.equal(await h1(page), t('Mine borgere', 'My citizens'));
      assert.doesNotMatch(await main(page), new RegExp(`Vilma Venter ${suffix}`), 'nobody is the caseworker’s own yet');
      await check('the caseworker’s own caseload, empty');

      await page.getByRole('link', { name: t('Hele teamet', 'The whole team'), exact: true }).click();
      await page.getByLabel(t('Målgruppe', 'Target group')).selectOption(group.code);
      await page.getByLabel(t('Henvendelser, der venter', 'Requests waiting')).check();
      await page.getByLabel(t('Sortér efter', 'Sort by')).selectOption('henvendelse');
      await page.getByRole('button', { name: t('Vis borgere', 'Show citizens') }).click();
      assert.match(page.url(), /vis=team/);
      assert.match(page.url(), /henvendelse=1/);
      assert.match(await main(page), new RegExp(`Vilma Venter ${suffix}`));
      assert.doesNotMatch(await main(page), new RegExp(`Carl Rolig ${suffix}`), 'the filter leaves out who has nothing waiting');
      assert.equal(await page.getByLabel(t('Henvendelser, der venter', 'Requests waiting')).isChecked(), true, 'the form keeps the filter');
      await check('the team’s caseload, filtered');

      await page.getByRole('link', { name: `Vilma Venter ${suffix}` }).click();
      assert.equal(await h1(page), t('Hvorfor åbner du borgeren?', 'Why are you opening the citizen?'));
      assert.doesNotMatch(await main(page), /Vilma Venter/, 'nothing of the citizen before the purpose');
      await check('the purpose question');
      await page.getByRole('button', { name: t('Åbn borgeren', 'Open the citizen') }).click();
      assert.match(await main(page), t(/Vælg et formål\./, /Choose a purpose\./), 'no choice: the message');
      await page.getByLabel(t('Opfølgning på borgerens plan', 'Following up the citizen’s plan')).check();
      await page.getByLabel(t('Note til formålet (valgfri)', 'Note on the purpose (optional)')).fill(t('Ringer i dag', 'Calling today'));
      await page.getByRole('button', { name: t('Åbn borgeren', 'Open the citizen') }).click();
      assert.equal(await h1(page), `Vilma Venter ${suffix}`);
      await check('the citizen’s page with the caseworker section');

      await page.getByLabel(t('Fordel eller overdrag til', 'Assign or hand over to')).selectOption({ label: principal.name });
      await page.getByRole('button', { name: t('Gem fordeling', 'Save assignment') }).click();
      assert.match(await main(page), t(/Fordelingen er gemt\./, /The assignment is saved\./));
      assert.match(await main(page), new RegExp(t(`Borgeren er fordelt til ${principal.name}`, `The citizen is assigned to ${principal.name}`)));

      await page
        .getByRole('link', { name: t('Mine borgere', 'My citizens'), exact: true })
        .first()
        .click();
      assert.match(await main(page), new RegExp(`Vilma Venter ${suffix}`), 'now on the caseworker’s own tab');
      await page.getByRole('link', { name: `Vilma Venter ${suffix}` }).click();
      assert.equal(await h1(page), `Vilma Venter ${suffix}`, 'the purpose holds for the working session: not asked again');
    } finally {
      await context.close();
    }
  });
}
