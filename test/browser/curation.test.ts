// The municipality's workspace in Chromium, as a content owner of København uses it after signing in at the test
// IdP: enable and recommend a listing, create a local offer with the date fields, record a licence, upload a logo.
// Every page the workspace adds is checked with axe (WCAG 2.1 AA) in Danish and in English, errors included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { png } from '../support/png.ts';
import { type BrowserContext, type Page } from 'playwright-core';
import { appInChromium, expectAccessible } from '../support/browser.ts';

const { app, browser } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

const listing = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const demoOffer = '00000000-0000-4000-a000-000000000101';
const demoLicence = '00000000-0000-4000-a000-000000000201';
const nextYear = new Date().getUTCFullYear() + 1;
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const h1 = async (page: Page) => (await page.locator('h1').first().textContent())?.trim();

/** A browser signed in as København's content owner (Peter Holm) at the test IdP, landing on the workspace catalogue. */
async function signedIn(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${app.baseUrl}/kommune/katalog`);
  await page.getByLabel('Kommune').selectOption('101');
  await page.getByRole('button', { name: 'Fortsæt til login' }).click();
  await page.getByLabel(/Peter Holm/).check();
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${app.baseUrl}/kommune/katalog`);
  return { context, page, problems };
}

test('a content owner curates the catalogue, writes a local offer, records a licence and uploads a logo — every page accessible', async () => {
  const { context, page, problems } = await signedIn();
  try {
    assert.equal(await h1(page), 'Kataloget');
    assert.match(await main(page), /I har valgt 6 ydelser\./);
    await expectAccessible(page, 'the workspace catalogue');

    // Disable a listing from the list and enable it again; the list comes back to the same search.
    await page.getByLabel('Søg i kataloget').fill('sprogcafé');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('button', { name: 'Fravælg Åben sprogcafé online', exact: true }).click();
    assert.match(page.url(), /q=sprogcaf%C3%A9&besked=fravalgt/);
    assert.match(await main(page), /Ydelsen er fravalgt/);
    await expectAccessible(page, 'the catalogue after a change');
    await page.getByRole('button', { name: 'Vælg Åben sprogcafé online', exact: true }).click();
    assert.match(await main(page), /Ydelsen er valgt/);

    // Recommend it: first without a target group (the error is shown and focused), then properly.
    await page.getByRole('link', { name: 'Åben sprogcafé online' }).click();
    assert.equal(await h1(page), 'Åben sprogcafé online');
    await expectAccessible(page, 'a listing in the workspace');
    await page.getByLabel('Note på dansk').fill('Godt, hvis du vil øve dansk til jobsamtalen.');
    await page.getByRole('button', { name: 'Anbefal', exact: true }).click();
    await page.locator('#error-summary:focus').waitFor();
    assert.equal((await page.locator('#field-targetGroup-error').textContent())?.trim(), 'Vælg en af mulighederne.');
    assert.equal((await page.locator('#field-noteEn-error').textContent())?.trim(), 'Skriv noten på både dansk og engelsk.');
    await expectAccessible(page, 'the recommendation form with errors');
    await page.getByRole('group', { name: 'Målgruppe' }).getByLabel('Jobparate').check();
    await page.getByLabel('Fase i jobrejsen').selectOption('prepare');
    await page.getByLabel('Note på engelsk').fill('Good if you want to practise Danish for interviews.');
    await page.getByRole('button', { name: 'Anbefal', exact: true }).click();
    assert.match(await main(page), /Anbefalingen er gemt\./);
    assert.match(await main(page), /Godt, hvis du vil øve dansk til jobsamtalen\./);

    // A local offer, with the date and time fields.
    await page.getByRole('navigation', { name: 'Kommunens arbejdsrum' }).getByRole('link', { name: 'Lokale tilbud' }).click();
    assert.match(await main(page), /CV-værksted: Skriv et CV, der bliver læst/);
    await expectAccessible(page, 'the local offers');
    await page.getByRole('link', { name: 'Opret lokalt tilbud' }).click();
    await expectAccessible(page, 'the new local offer form');
    await page.getByRole('button', { name: 'Gem tilbuddet' }).click();
    await page.locator('#error-summary:focus').waitFor();
    await expectAccessible(page, 'the local offer form with errors');
    await page.getByRole('group', { name: 'Type' }).getByLabel('Informationsmøde').check();
    await page.getByLabel('Titel på dansk').fill('Informationsmøde om jobrotation');
    await page.getByLabel('Titel på engelsk').fill('Information meeting on job rotation');
    await page.getByLabel('Beskrivelse på dansk').fill('Hør hvordan jobrotation kan give dig erfaring og et vikariat.');
    await page.getByLabel('Beskrivelse på engelsk').fill('Hear how job rotation can give you experience and a temporary job.');
    await page.getByLabel('Sted', { exact: true }).fill('Jobcenter København, Gyldenløvesgade 11');
    for (const [id, value] of [
      ['startsAt-day', '2'],
      ['startsAt-month', '9'],
      ['startsAt-year', String(nextYear)],
      ['startsAt-time', '13:00'],
      ['endsAt-day', '2'],
      ['endsAt-month', '9'],
      ['endsAt-year', String(nextYear)],
      ['endsAt-time', '14:30'],
    ] as const) {
      await page.fill(`#field-${id}`, value);
    }
    await page.getByLabel('Antal pladser').fill('40');
    await page.getByRole('button', { name: 'Gem tilbuddet' }).click();
    assert.equal(await h1(page), 'Informationsmøde om jobrotation');
    assert.match(await main(page), new RegExp(`2\\. september ${nextYear}, kl\\. 13\\.00–14\\.30`));
    assert.match(await main(page), /0\/40 pladser taget/);
    await expectAccessible(page, 'a local offer');
    await page.getByRole('link', { name: 'Se deltagerlisten' }).click();
    assert.match(await main(page), /0 borgere er tilmeldt\./);
    await expectAccessible(page, 'the list of participants');
    await page.getByRole('link', { name: 'Informationsmøde om jobrotation' }).click();
    await page.getByRole('link', { name: 'Ret tilbuddet' }).click();
    assert.equal(await page.locator('#field-startsAt-time').inputValue(), '13:00');
    await expectAccessible(page, 'the local offer edit form');

    // A licence for an enabled listing, and its seat use.
    await page.getByRole('navigation', { name: 'Kommunens arbejdsrum' }).getByRole('link', { name: 'Licenser' }).click();
    assert.match(await main(page), /0\/250 pladser brugt/);
    await expectAccessible(page, 'the licences');
    await page.getByLabel('Ydelse', { exact: true }).selectOption(listing(3));
    await page.getByLabel('Antal pladser').fill('0');
    await page.getByRole('button', { name: 'Registrér licensen' }).click();
    await page.locator('#error-summary:focus').waitFor();
    await expectAccessible(page, 'the licence form with errors');
    await page.getByLabel('Antal pladser').fill('75');
    for (const [id, value] of [
      ['validFrom-day', '1'],
      ['validFrom-month', '1'],
      ['validFrom-year', String(nextYear)],
      ['validTo-day', '31'],
      ['validTo-month', '12'],
      ['validTo-year', String(nextYear)],
    ] as const) {
      await page.fill(`#field-${id}`, value);
    }
    await page.getByLabel('Pris i kroner').fill('48.750,00');
    await page.getByLabel('Budgetansvarlig').fill('Center for Jobindsats');
    await page.getByRole('button', { name: 'Registrér licensen' }).click();
    assert.equal(await h1(page), 'Licens: Målrettet jobsøgning');
    assert.match(await main(page), /0\/75 pladser brugt/);
    assert.match(await main(page), /48\.750,00\s*kr\./);
    await expectAccessible(page, 'a licence');

    // Branding: a logo without JavaScript's help (a plain file field), shown in the workspace band.
    await page.getByRole('navigation', { name: 'Kommunens arbejdsrum' }).getByRole('link', { name: 'Branding' }).click();
    assert.match(await main(page), /Jeres kontaktoplysninger og åbningstider/);
    await expectAccessible(page, 'the branding page');
    await page
      .getByLabel('Logo', { exact: true })
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png({ width: 32, height: 32, rgb: [0x00, 0x4f, 0xa3] }) });
    await page.getByRole('button', { name: 'Gem branding' }).click();
    await page.locator('#error-summary:focus').waitFor();
    assert.equal((await page.locator('#field-logoAlt-error').textContent())?.trim(), 'Skriv en alternativ tekst til logoet.');
    await expectAccessible(page, 'the branding form with errors');
    await page
      .getByLabel('Logo', { exact: true })
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png({ width: 32, height: 32, rgb: [0x00, 0x4f, 0xa3] }) });
    await page.getByLabel('Alternativ tekst til logoet').fill('Jobcenter Københavns logo');
    await page.getByRole('button', { name: 'Gem branding' }).click();
    assert.match(await main(page), /Ændringerne er gemt\./);
    const logo = page.locator('.workspace-band img');
    assert.equal(await logo.getAttribute('alt'), 'Jobcenter Københavns logo');
    // Waits for the image itself (decode settles once it has loaded or failed): the page may be shown before it is in.
    const loaded = await logo.evaluate(async (element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number; decode(): Promise<void> };
      await img.decode().catch(() => undefined);
      return img.complete && img.naturalWidth;
    });
    assert.equal(loaded, 32, 'the logo loads from the platform');
    await expectAccessible(page, 'the branding page with a logo');
    assert.deepEqual(problems, [], 'no script, CSP or loading errors');
  } finally {
    await context.close();
  }
});

test('every workspace page has no WCAG 2.1 AA violation in English either', async () => {
  const { context, page, problems } = await signedIn();
  try {
    await context.addCookies([{ name: 'lang', value: 'en', url: app.baseUrl }]);
    const pages = [
      { path: '/kommune/katalog', h1: 'Catalogue' },
      { path: '/kommune/katalog?vis=valgte', h1: 'Catalogue' },
      { path: `/kommune/katalog/${listing(2)}`, h1: 'Zoom in on your CV' },
      { path: '/kommune/tilbud', h1: 'Local offers' },
      { path: '/kommune/tilbud/ny', h1: 'Create a local offer' },
      { path: `/kommune/tilbud/${demoOffer}`, h1: 'CV workshop: write a CV that gets read' },
      { path: `/kommune/tilbud/${demoOffer}/rediger`, h1: 'Edit “CV workshop: write a CV that gets read”' },
      { path: `/kommune/tilbud/${demoOffer}/deltagere`, h1: 'Participants: CV workshop: write a CV that gets read' },
      { path: '/kommune/licenser', h1: 'Licences' },
      { path: `/kommune/licenser/${demoLicence}`, h1: 'Licence: Zoom in on your CV' },
      { path: '/kommune/branding', h1: 'Branding' },
    ];
    for (const entry of pages) {
      const response = await page.goto(`${app.baseUrl}${entry.path}`);
      assert.equal(response?.status(), 200, entry.path);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en', entry.path);
      assert.equal(await h1(page), entry.h1, entry.path);
      await expectAccessible(page, `${entry.path} in English`);
    }
    // Errors in English too.
    await page.goto(`${app.baseUrl}/kommune/tilbud/ny`);
    await page.getByRole('button', { name: 'Save the offer' }).click();
    await page.locator('#error-summary:focus').waitFor();
    assert.match(await main(page), /Fill in this field\./);
    await expectAccessible(page, 'the local offer form with errors in English');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
