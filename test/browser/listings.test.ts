// Issue 4's journey as a new user would take it, in Chromium with the test IdP: a vendor registers, answers
// the framework, submits a listing, reads the automated checks, fixes and resubmits; governance reviews and
// approves with a comment; the listing is in the national catalogue; version 2 is submitted while version 1
// stays live; the vendor sees the outcome of every step. Every page on the way is checked with axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

const signIn = (page: Page, path: string, person: RegExp, municipality?: string) => signInAtTestIdp(page, `${app.baseUrl}${path}`, person, municipality);

test('register, declare, submit, fix, review, publish, and version 2 while version 1 stays live', async () => {
  const vendorContext = await browser.newContext();
  const vendor = await vendorContext.newPage();
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  try {
    // Louise Falk's company (Kompetencekompasset, CVR 39000016) is not registered yet.
    await signIn(vendor, '/leverandoer', /Louise Falk/);
    await vendor.getByRole('link', { name: 'Virksomhedsprofil' }).click();
    assert.match(await main(vendor), /ikke registreret endnu/);
    await expectAccessible(vendor, 'the registration form');
    await vendor.getByLabel('Kontakt-e-mail').fill('kontakt@kompetencekompasset.example');
    await vendor.getByLabel('Kontakttelefon').fill('70 11 22 33');
    await vendor.getByLabel('Supportside').fill('https://kompetencekompasset.example/support');
    await vendor.getByLabel('Underskrevet').check();
    await vendor.getByRole('button', { name: 'Gem profil' }).click();
    assert.match(await main(vendor), /Profilen er gemt\./);

    // The framework declaration.
    await vendor.goto(`${app.baseUrl}/leverandoer`);
    await vendor.getByRole('link', { name: 'Rammeaftale og erklæring' }).click();
    for (const key of ['gdpr_dpa', 'data_in_eu', 'single_sign_on', 'activity_events', 'data_deletion']) await vendor.check(`#field-answers-${key}-yes`);
    await vendor.check('#field-answers-nsis_level-Substantial');
    await vendor.fill('#field-answers-accessibility_statement', 'https://kompetencekompasset.example/was');
    await vendor.fill('#field-answers-security_contact', 'security@kompetencekompasset.example');
    await vendor.fill('#field-answers-support_contact', 'https://kompetencekompasset.example/support');
    await vendor.getByRole('button', { name: 'Indsend erklæring' }).click();
    assert.match(await main(vendor), /Erklæringen er indsendt/);

    // A first, unfinished submission: the automated checks say what is missing and how to fix it.
    await vendor.goto(`${app.baseUrl}/leverandoer`);
    await vendor.getByRole('link', { name: 'Ydelser' }).click();
    await expectAccessible(vendor, 'the vendor’s listings');
    await vendor.getByRole('link', { name: 'Opret ny ydelse' }).click();
    await expectAccessible(vendor, 'the new listing form');
    await vendor.getByLabel('Navn (dansk)').fill('Kompasrosen karriereafklaring');
    await vendor.getByLabel('Navn (engelsk)').fill('Compass rose career clarification');
    await vendor.getByRole('button', { name: 'Gem og indsend til godkendelse' }).click();
    assert.equal(await h1(vendor), 'Kompasrosen karriereafklaring');
    assert.match(await main(vendor), /bestod ikke alle automatiske kontroller/);
    assert.match(await main(vendor), /Disse felter mangler: Kort beskrivelse \(dansk\)/);
    assert.match(await main(vendor), /Sådan retter du det/);
    await expectAccessible(vendor, 'the listing with failed checks');

    // Fixed and submitted again: it passes and waits for governance.
    await vendor.getByRole('link', { name: 'Rediger' }).click();
    await vendor.getByLabel('Kort beskrivelse (dansk)').fill('Find ud af, hvad du er god til, og hvilke job der passer til dig — i dit eget tempo.');
    await vendor.getByLabel('Kort beskrivelse (engelsk)').fill('Find out what you are good at and which jobs suit you — at your own pace.');
    await vendor.getByLabel('Beskrivelse (dansk)', { exact: true }).fill('Seks moduler med test, refleksion og samtale med en vejleder.');
    await vendor.getByLabel('Beskrivelse (engelsk)', { exact: true }).fill('Six modules with tests, reflection and a talk with a counsellor.');
    await vendor.getByLabel('Fase i jobrejsen').selectOption('clarify');
    await vendor.getByRole('group', { name: 'Kategorier' }).getByLabel('Trivsel og motivation').check();
    await vendor.getByRole('group', { name: 'Målgrupper' }).getByLabel('Aktivitetsparate').check();
    await vendor.getByRole('group', { name: 'Sprog' }).getByLabel('Dansk').check();
    await vendor.getByRole('group', { name: 'Kanaler' }).getByLabel('Web').check();
    await vendor.getByRole('group', { name: 'Prismodel' }).getByLabel('Licens').check();
    await vendor.getByRole('group', { name: 'Krævet sikringsniveau (NSIS)' }).getByLabel('Betydelig').check();
    await vendor.getByLabel('Tilbuddets adresse').fill('https://kompetencekompasset.example/kompasrosen');
    await vendor.getByLabel('Tilgængelighedserklæring').fill('https://kompetencekompasset.example/was');
    await vendor.getByLabel("Redirect-URI'er").fill('https://kompetencekompasset.example/callback');
    await vendor.getByLabel('Klienthemmelighed (client_secret_basic)').check();
    await expectAccessible(vendor, 'the filled-in listing form');
    await vendor.getByRole('button', { name: 'Gem og indsend til godkendelse' }).click();
    assert.match(await main(vendor), /bestået de automatiske kontroller og venter nu på gennemgang/);
    assert.match(await main(vendor), /Alle kontroller er bestået\./);
    const listingUrl = vendor.url().replace(/\?.*$/, '');

    // Governance reviews and approves with a comment.
    await signIn(reviewer, '/faellesskab', /Henrik Lauridsen/);
    await reviewer.getByRole('link', { name: 'Gennemgang af ydelser' }).click();
    await expectAccessible(reviewer, 'the review queue');
    await reviewer.getByRole('link', { name: 'Kompasrosen karriereafklaring' }).click();
    await reviewer.getByRole('button', { name: 'Tag sagen' }).click();
    assert.match(await main(reviewer), /Sagsbehandler: Henrik Lauridsen/);
    assert.match(await main(reviewer), /erklæring indsendt/);
    await expectAccessible(reviewer, 'the review page');
    await reviewer.getByLabel('Godkend og offentliggør').check();
    await reviewer.getByLabel('Begrundelse til leverandøren', { exact: true }).fill('Klar og tilgængelig beskrivelse. Velkommen i kataloget!');
    await reviewer.getByRole('button', { name: 'Send afgørelse' }).click();
    assert.match(await main(reviewer), /Godkendt og offentliggjort/);

    // The vendor sees the outcome, and anyone finds the listing in the national catalogue.
    await vendor.goto(listingUrl);
    assert.match(await main(vendor), /Besked fra Henrik Lauridsen/);
    assert.match(await main(vendor), /Velkommen i kataloget!/);
    await vendor.getByRole('link', { name: 'se den i kataloget' }).click();
    assert.equal(await h1(vendor), 'Kompasrosen karriereafklaring');
    await vendor.goto(`${app.baseUrl}/katalog?q=kompasrosen`);
    assert.match(await main(vendor), /Kompasrosen karriereafklaring/);

    // Version 2 is written and submitted; version 1 stays in the catalogue meanwhile.
    await vendor.goto(listingUrl);
    await vendor.getByRole('button', { name: 'Start version 2' }).click();
    assert.equal(await h1(vendor), 'Rediger version 2');
    await vendor.getByLabel('Navn (dansk)').fill('Kompasrosen karriereafklaring plus');
    await vendor.getByRole('button', { name: 'Gem og indsend til godkendelse' }).click();
    assert.match(await main(vendor), /venter nu på gennemgang/);
    assert.match(await main(vendor), /I kataloget\s*Version 1/);
    await vendor.goto(`${app.baseUrl}/katalog?q=kompasrosen`);
    assert.match(await main(vendor), /Kompasrosen karriereafklaring/);
    assert.doesNotMatch(await main(vendor), /karriereafklaring plus/);

    // Governance asks for a change to version 2; the vendor reads why, version 1 still live.
    await reviewer.goto(listingUrl.replace('/leverandoer/ydelser/', '/faellesskab/ydelser/'));
    await reviewer.getByLabel('Bed om ændringer').check();
    await reviewer.getByLabel('Begrundelse til leverandøren', { exact: true }).fill('Skriv hvad "plus" dækker over.');
    await reviewer.getByRole('button', { name: 'Send afgørelse' }).click();
    await vendor.goto(listingUrl);
    assert.match(await main(vendor), /Ændringer ønsket/);
    assert.match(await main(vendor), /Skriv hvad "plus" dækker over\./);
    assert.match(await main(vendor), /I kataloget\s*Version 1/);
    await expectAccessible(vendor, 'the listing with changes requested and its history');
  } finally {
    await vendorContext.close();
    await reviewerContext.close();
  }
});
