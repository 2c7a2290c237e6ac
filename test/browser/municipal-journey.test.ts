// Issue 5's journey as new users would take it, in Chromium with the test IdP, in a municipality the demo world
// leaves alone (Aalborg, 851): a content owner enables three listings, recommends one to a target group and adds a
// local offer; a citizen's screening signals risk and puts a case in front of the caseworker, who sets the
// citizen's target group and assigns an activity; the citizen then sees exactly the municipality's choices, the
// recommended one first with its reason, and the activity in the plan; a citizen of another municipality sees
// none of it. Every page on the way is checked with axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appInChromium, expectAccessible, signInAtTestIdp } from '../support/browser.ts';

const { app, browser } = await appInChromium({ SEED_DEMO: 'true', RATE_LIMIT_FORMS_PER_MINUTE: '1000' });

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

const signIn = (page: Page, path: string, person: RegExp, municipality?: string) => signInAtTestIdp(page, `${app.baseUrl}${path}`, person, municipality);

test('curation, screening, escalation, assignment and the curated marketplace, end to end in one municipality', async () => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext(), browser.newContext()]);
  const [owner, citizen, caseworker, neighbour] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page, Page];
  try {
    // The content owner of Aalborg enables three listings and recommends one to job-ready citizens.
    await signIn(owner, '/kommune/katalog', /Maria Thomsen/, '851');
    await expectAccessible(owner, 'the workspace catalogue');
    for (const name of ['Øvebanen til jobsamtaler', 'Zoom ind på dit CV', 'Digital på arbejdsmarkedet']) {
      await owner.getByRole('button', { name: `Vælg ${name}`, exact: true }).click();
    }
    await owner.getByRole('link', { name: 'Zoom ind på dit CV' }).click();
    await owner.getByRole('group', { name: 'Målgruppe' }).getByLabel('Jobparate').check();
    await owner.getByLabel('Note på dansk').fill('Start her, hvis dit CV trænger til et eftersyn.');
    await owner.getByLabel('Note på engelsk').fill('Start here if your CV needs a check-up.');
    await owner.getByRole('button', { name: 'Anbefal', exact: true }).click();
    await expectAccessible(owner, 'a listing in the workspace with its recommendation');

    // A local offer of Aalborg's own.
    await owner.getByRole('navigation', { name: 'Kommunens arbejdsrum' }).getByRole('link', { name: 'Lokale tilbud' }).click();
    await owner.getByRole('link', { name: 'Opret lokalt tilbud' }).click();
    await owner.getByRole('group', { name: 'Type' }).getByLabel('Workshop').check();
    await owner.getByLabel('Titel på dansk').fill('Aalborg jobværksted');
    await owner.getByLabel('Titel på engelsk').fill('Aalborg job workshop');
    await owner.getByLabel('Beskrivelse på dansk').fill('Skriv ansøgninger sammen med andre og en konsulent.');
    await owner.getByLabel('Beskrivelse på engelsk').fill('Write applications together with others and a consultant.');
    await owner.getByLabel('Sted', { exact: true }).fill('Jobcenter Aalborg, Kayerødsgade 4');
    const day = new Date(Date.now() + 21 * 24 * 3600 * 1000);
    for (const [id, value] of [
      ['startsAt-day', String(day.getUTCDate())],
      ['startsAt-month', String(day.getUTCMonth() + 1)],
      ['startsAt-year', String(day.getUTCFullYear())],
      ['startsAt-time', '09:00'],
      ['endsAt-day', String(day.getUTCDate())],
      ['endsAt-month', String(day.getUTCMonth() + 1)],
      ['endsAt-year', String(day.getUTCFullYear())],
      ['endsAt-time', '12:00'],
    ] as const) {
      await owner.fill(`#field-${id}`, value);
    }
    await owner.getByLabel('Antal pladser').fill('12');
    await owner.getByRole('button', { name: 'Gem tilbuddet' }).click();
    assert.match(await main(owner), /Aalborg jobværksted/);

    // A citizen of Aalborg is screened on the first visit; the answers ask for a person.
    await signIn(citizen, '/borger', /Birgitte Larsen/);
    await citizen.getByRole('link', { name: 'Min jobrejse: din plan og forslag til dig' }).click();
    assert.match(citizen.url(), /\/borger\/screening/);
    await citizen.getByLabel('Jeg klarer det meste, men har nogle gange brug for hjælp').check();
    await citizen.getByRole('group', { name: 'Hvor er du lige nu i din jobrejse?' }).getByLabel('Jobsøgning').check();
    await citizen.getByLabel('Meget hjælp').check();
    await citizen.getByRole('group', { name: 'Hvilke sprog taler du godt?' }).getByLabel('Dansk').check();
    await citizen.getByLabel('Jeg vil gerne tale med en person fra Jobcenter Aalborg').check();
    await citizen.getByRole('button', { name: 'Gem mine svar' }).click();
    assert.match(await main(citizen), /kontakte dig senest|kontakter dig senest/);

    // The caseworker finds the case, opens the citizen with a purpose, sets the target group and assigns an activity.
    await signIn(caseworker, '/medarbejder/henvendelser', /Nikolaj Krogh/, '851');
    await expectAccessible(caseworker, 'the cases');
    await caseworker.getByRole('link', { name: 'Birgitte Larsen' }).click();
    await caseworker.getByRole('button', { name: 'Åbn profil og plan' }).click();
    await caseworker.getByLabel('Målgruppe (visitation)').selectOption('job_ready');
    await caseworker.getByRole('button', { name: 'Gem målgruppe' }).click();
    await caseworker.getByLabel('Tilbud', { exact: true }).selectOption({ label: 'Digital på arbejdsmarkedet' });
    await caseworker.getByLabel('Tildelt (en aftalt aktivitet)').check();
    await caseworker.getByRole('button', { name: 'Føj til borgerens plan' }).click();
    assert.match(await main(caseworker), /Digital på arbejdsmarkedet/);
    await expectAccessible(caseworker, 'the citizen’s profile and plan');

    // The citizen's plan has the activity; the marketplace has exactly Aalborg's choices, the recommended first.
    await citizen.goto(`${app.baseUrl}/borger/jobrejse`);
    assert.match((await citizen.locator('section', { hasText: 'Min plan' }).first().textContent()) ?? '', /Digital på arbejdsmarkedet/);
    await citizen.goto(`${app.baseUrl}/borger/markedsplads`);
    const titles = (await citizen.locator('main li h3').allTextContents()).map((title) => title.trim());
    assert.equal(titles[0], 'Zoom ind på dit CV', 'the recommended listing comes first');
    assert.deepEqual(
      [...titles].sort(),
      ['Aalborg jobværksted', 'Digital på arbejdsmarkedet', 'Zoom ind på dit CV', 'Øvebanen til jobsamtaler'].sort(),
      'exactly the three enabled listings and the local offer',
    );
    assert.match(await main(citizen), /Jobcenter Aalborg anbefaler dette til borgere i målgruppen jobparate/i);
    assert.match(await main(citizen), /Start her, hvis dit CV trænger til et eftersyn\./);
    await expectAccessible(citizen, 'the citizen’s marketplace');

    // A citizen of Odense (461) sees none of Aalborg's choices.
    await signIn(neighbour, '/borger', /Jonas Christensen/);
    await neighbour.goto(`${app.baseUrl}/borger/markedsplads`);
    const theirs = await main(neighbour);
    for (const name of ['Aalborg jobværksted', 'Zoom ind på dit CV', 'Start her, hvis dit CV']) assert.doesNotMatch(theirs, new RegExp(name));
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
