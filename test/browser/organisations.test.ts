// Organisations in Chromium (issue 14): governance keeps the a-kasser, a municipality's administrator its contracts with
// other actors and its employment service's name, and an a-kasse's caseworker signs in for the a-kasse at the test IdP.
// Every new page is checked with axe (WCAG 2.1 AA) in Danish and in English, form errors and confirmations included.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

/** A valid, random CVR number (modulus 11). */
function randomCvr(): string {
  for (;;) {
    const digits = [randomInt(1, 10), ...Array.from({ length: 6 }, () => randomInt(10))];
    const sum = [2, 7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

async function browse(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** The same pages in English: the language cookie the switch sets. */
async function inEnglish(context: BrowserContext, page: Page, paths: string[], what: string): Promise<void> {
  await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
  for (const path of paths) {
    await page.goto(`${app.baseUrl}${path}`);
    assert.match((await page.locator('html').getAttribute('lang')) ?? '', /^en$/);
    await expectAccessible(page, `${what} ${path} in English`);
  }
}

test('governance’s administrator adds, edits and deactivates an a-kasse — every page accessible in Danish and English', async () => {
  const { context, page } = await browse();
  try {
    await signInAtTestIdp(page, `${app.baseUrl}/faellesskab/a-kasser`, /Dorte Iversen/);
    assert.equal(await h1(page), 'A-kasser');
    assert.match(await main(page), /Demo: CVR-numrene er pladsholdere/);
    await expectAccessible(page, 'the a-kasser');

    await page.getByLabel('Navn', { exact: true }).fill('Browserens A-kasse');
    await page.getByLabel('CVR-nummer').fill('12345678');
    await page.getByRole('button', { name: 'Opret a-kassen' }).click();
    assert.match(await main(page), /CVR-nummer: Skriv et gyldigt CVR-nummer på 8 cifre\./);
    assert.equal(await page.getByLabel('Navn', { exact: true }).inputValue(), 'Browserens A-kasse');
    await expectAccessible(page, 'the a-kasse form with an error');

    const cvr = randomCvr();
    await page.getByLabel('CVR-nummer').fill(cvr);
    await page.getByRole('button', { name: 'Opret a-kassen' }).click();
    await page.waitForURL(`${app.baseUrl}/faellesskab/a-kasser/akasse-${cvr}?besked=oprettet`);
    assert.equal(await h1(page), 'Browserens A-kasse');
    assert.match(await main(page), /A-kassen er oprettet\./);
    await expectAccessible(page, 'an a-kasse');

    await page.getByLabel('Telefon (valgfrit)').fill('70 12 34 56');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    assert.match(await main(page), /Ændringerne er gemt\./);

    await page.getByRole('button', { name: 'Deaktiver a-kassen' }).click();
    assert.equal(await h1(page), 'Deaktiver Browserens A-kasse?');
    await expectAccessible(page, 'deactivating an a-kasse, asked first');
    await page.getByRole('button', { name: 'Ja, deaktiver a-kassen' }).click();
    assert.match(await main(page), /A-kassen er deaktiveret\./);

    await inEnglish(context, page, ['/faellesskab/a-kasser', `/faellesskab/a-kasser/akasse-${cvr}`], 'governance');
    assert.match(await main(page), /Activate the fund again/);
  } finally {
    await context.close();
  }
});

test('a municipality’s administrator registers another actor, ends its contract and names the employment service — accessible', async () => {
  const { context, page } = await browse();
  try {
    await signInAtTestIdp(page, `${app.baseUrl}/kommune/aktoerer`, /Lene Dahl/, '101');
    assert.equal(await h1(page), 'Andre aktører');
    assert.match(await main(page), /Jobkompagniet A\/S \(test\)/);
    await expectAccessible(page, 'the other actors');

    const cvr = randomCvr();
    await page.getByLabel('Navn', { exact: true }).fill('Vejviseren ApS');
    await page.getByLabel('CVR-nummer').fill(cvr);
    await page.locator('#field-validFrom-day').fill('31');
    await page.locator('#field-validFrom-month').fill('2');
    await page.locator('#field-validFrom-year').fill('2027');
    await page.getByRole('button', { name: 'Registrer aktøren' }).click();
    assert.match(await main(page), /Skriv en gyldig dato/);
    await expectAccessible(page, 'registering an actor with an error');

    await page.locator('#field-validFrom-day').fill('1');
    await page.getByRole('button', { name: 'Registrer aktøren' }).click();
    await page.waitForURL(`${app.baseUrl}/kommune/aktoerer/aktoer-${cvr}?besked=registreret`);
    assert.equal(await h1(page), 'Vejviseren ApS');
    await expectAccessible(page, 'a contract');

    await page.getByRole('button', { name: 'Afslut aftalen' }).click();
    assert.equal(await h1(page), 'Afslut aftalen med Vejviseren ApS?');
    await expectAccessible(page, 'ending a contract, asked first');
    await page.getByRole('button', { name: 'Ja, afslut aftalen' }).click();
    assert.match(await main(page), /Aftalen var ikke begyndt og er trukket tilbage\./);

    await page.goto(`${app.baseUrl}/kommune/aktoerer`);
    await page.getByLabel('Kommunens navn for indsatsen').fill('Beskæftigelse København');
    await page.getByRole('button', { name: 'Gem navnet' }).click();
    assert.match(await main(page), /Borgerne ser nu: Beskæftigelse København/);

    await inEnglish(context, page, ['/kommune/aktoerer', '/kommune/aktoerer/aktoer-56900004'], 'the workspace');
  } finally {
    await context.close();
  }
});

test('an a-kasse’s caseworker chooses the a-kasse and signs in for it — the choice accessible in Danish and English', async () => {
  for (const locale of ['da', 'en'] as const) {
    const { context, page } = await browse();
    try {
      if (locale === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
      await page.goto(`${app.baseUrl}/medarbejder`);
      await expectAccessible(page, `the staff sign-in choice (${locale})`);
      await page.locator('#kommune').selectOption({ label: 'HK A-kasse' });
      await page.locator('main form button[type="submit"]').click();
      await page.getByLabel(/Jesper Riis/).check();
      await page.getByRole('button', { name: /^(Log ind|Sign in)$/ }).click();
      await page.waitForURL(`${app.baseUrl}/medarbejder`);
      assert.match(await main(page), /HK A-kasse/);
      assert.doesNotMatch(await main(page), locale === 'da' ? /Kommunal administrator/ : /Municipal administrator/, 'caseworker only');
      await expectAccessible(page, `an a-kasse caseworker's start page (${locale})`);
    } finally {
      await context.close();
    }
  }
});
