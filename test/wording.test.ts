// Wording follows the 2025 reform (issue 14): a municipality need not have a jobcenter, so the citizen's pages name the
// municipality's employment service as the municipality calls it (set on /kommune/aktoerer), else "Jobcenter <name>"
// where it has a jobcenter — in Danish and English, never the generic "jobcentret".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, signedInForms, type FormFields } from './support/app.ts';
import {
  createApprovedListing,
  createCitizen,
  createJobcenter,
  createMunicipality,
  createOrganisation,
  createSession,
  principalFor,
} from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { open, post } = signedInForms(app);

/** The text of the page's main content (the footer links to "Kommuner og jobcentre", a list of places). */
const text = (body: string) =>
  body
    .slice(body.indexOf('<main'), body.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const calm: FormFields = { digitalReadiness: 'high', journeyStage: 'search', needsHelp: 'no', languages: ['da'], wellbeing: 'no' };

async function citizenOf(municipalityCode: string, name: string): Promise<string> {
  const citizen = await createCitizen(db, { municipalityCode, name });
  return createSession(db, { ...principalFor('citizen', { municipalityCode, citizenId: citizen.id }), name });
}

const inEnglish = (token: string, path: string) => app.inject({ url: path, headers: { cookie: `jobunivers-session=${token}; lang=en` } });

test('a municipality that names its employment service sees that name on the screening and the plan, in Danish and English', async () => {
  const vestby = await createMunicipality(db, { name: 'Vestby' });
  await createJobcenter(db, vestby.code, { name: 'Jobcenter Vestby', phone: '70 55 66 77' });
  const organisation = await createOrganisation(db, { kind: 'kommune', municipalityCode: vestby.code, name: 'Vestby Kommune' });
  const admin = await createSession(db, principalFor('municipal_admin', { organisation }));
  const named = await post(admin, '/kommune/aktoerer', '/kommune/aktoerer/beskaeftigelsesindsats', { employmentServiceName: 'Beskæftigelse Vestby' });
  assert.equal(named.statusCode, 303);

  const citizen = await citizenOf(vestby.code, 'Vera Vest');
  const screening = text((await open(citizen, '/borger/screening')).body);
  assert.match(screening, /om du skal tale med en person fra Beskæftigelse Vestby\./);
  assert.match(screening, /Svarer du ja, kontakter Beskæftigelse Vestby dig/);
  assert.match(screening, /Jeg vil gerne tale med en person fra Beskæftigelse Vestby/);
  assert.doesNotMatch(screening, /jobcent/i);
  const screeningEn = text((await inEnglish(citizen, '/borger/screening')).body);
  assert.match(screeningEn, /I would like to talk to a person from Beskæftigelse Vestby/);
  assert.match(screeningEn, /If you answer yes, Beskæftigelse Vestby will contact you/);
  assert.doesNotMatch(screeningEn, /job ?cent/i);

  assert.equal((await post(citizen, '/borger/screening', '/borger/screening', { ...calm, wantsContact: 'yes' })).statusCode, 303);
  const plan = text((await open(citizen, '/borger/jobrejse')).body);
  assert.match(plan, /Beskæftigelse Vestby kontakter dig senest/);
  assert.match(plan, /ringe til Beskæftigelse Vestby på 70 55 66 77/, 'the name is the municipality’s, the phone the jobcenter’s');
  assert.match(plan, /Din plan er tom endnu\. Vælg et af forslagene nedenfor, eller tal med Beskæftigelse Vestby\./);
  assert.match(plan, /det gør kun Beskæftigelse Vestby, og altid en medarbejder/);
  assert.match(plan, /Målgruppe \(fastsat af Beskæftigelse Vestby\)/);
  assert.doesNotMatch(plan, /jobcent/i);
  const planEn = text((await inEnglish(citizen, '/borger/jobrejse')).body);
  assert.match(planEn, /Beskæftigelse Vestby will contact you by/);
  assert.match(planEn, /or talk to Beskæftigelse Vestby\./);
  assert.match(planEn, /only Beskæftigelse Vestby does that/);
  assert.doesNotMatch(planEn, /job ?cent/i);

  // The municipality's own staff read the same name on their start page's link to the local offers.
  const start = text((await open(admin, '/kommune')).body);
  assert.match(start, /Lokale tilbud fra Beskæftigelse Vestby/);
});

test('a municipality with a jobcenter and no name of its own is "Jobcenter <name>" on the citizen’s pages', async () => {
  const havby = await createMunicipality(db, { name: 'Havby' });
  // The jobcenter row's own name is not what the UI calls the service.
  await createJobcenter(db, havby.code, { name: 'Borgerservice og Jobcenter Havnen', phone: '70 12 12 12' });
  const citizen = await citizenOf(havby.code, 'Hans Hav');
  assert.match(text((await open(citizen, '/borger/screening')).body), /Jeg vil gerne tale med en person fra Jobcenter Havby/);
  assert.match(text((await inEnglish(citizen, '/borger/screening')).body), /I would like to talk to a person from Jobcenter Havby/);

  assert.equal((await post(citizen, '/borger/screening', '/borger/screening', { ...calm, needsHelp: 'much' })).statusCode, 303);
  const plan = text((await open(citizen, '/borger/jobrejse')).body);
  assert.match(plan, /Jobcenter Havby kontakter dig senest/);
  assert.match(plan, /ringe til Jobcenter Havby på 70 12 12 12/);
  assert.match(plan, /eller tal med Jobcenter Havby\./);
  assert.match(text((await inEnglish(citizen, '/borger/jobrejse')).body), /Jobcenter Havby will contact you by/);
});

test('the marketplace speaks with the municipality’s name for its employment service, and with the new one once the admin renames it', async () => {
  const nordby = await createMunicipality(db, { name: 'Nordby' });
  await createJobcenter(db, nordby.code, { name: 'Jobcenter Nordby' });
  const organisation = await createOrganisation(db, { kind: 'kommune', municipalityCode: nordby.code, name: 'Nordby Kommune' });
  const admin = await createSession(db, principalFor('municipal_admin', { organisation }));
  const { listingId } = await createApprovedListing(db, { name: 'Nordlys CV', redirectUris: ['https://tjeneste.example/cb'], enabledIn: [nordby.code] });
  await db
    .insertInto('listing_recommendation')
    .values({
      municipality_code: nordby.code,
      listing_id: listingId,
      target_group: 'job_ready',
      journey_stage: null,
      note_da: null,
      note_en: null,
      created_by: 'test',
    })
    .execute();
  const citizen = await createCitizen(db, { municipalityCode: nordby.code, name: 'Nina Nord' });
  await db
    .insertInto('citizen_profile')
    .values({ citizen_id: citizen.id, municipality_code: nordby.code, target_group: 'job_ready', journey_stage: 'search', screened_at: new Date() })
    .execute();
  const token = await createSession(db, { ...principalFor('citizen', { municipalityCode: nordby.code, citizenId: citizen.id }), name: citizen.name });

  const before = text((await open(token, '/borger/markedsplads')).body);
  assert.match(
    before,
    /Digitale tilbud, som din kommune har valgt til dig, og egne tilbud fra Jobcenter Nordby\. Det, Jobcenter Nordby anbefaler til dig, står øverst\./,
  );
  assert.match(before, /Jobcenter Nordby anbefaler dette til borgere i målgruppen jobparate\./);
  assert.doesNotMatch(before, /jobcentre(t|ts)\b/i);
  const beforeEn = text((await inEnglish(token, '/borger/markedsplads')).body);
  assert.match(beforeEn, /What Jobcenter Nordby recommends to you comes first\./);
  assert.match(beforeEn, /Jobcenter Nordby recommends this to citizens in the target group ready for work\./);
  assert.doesNotMatch(beforeEn, /job ?centre/i);

  // The municipality's offer is kept in memory; the rename is heard on the change bus and the page says the new name.
  const named = await post(admin, '/kommune/aktoerer', '/kommune/aktoerer/beskaeftigelsesindsats', { employmentServiceName: 'Beskæftigelse Nordby' });
  assert.equal(named.statusCode, 303);
  const after = text((await open(token, '/borger/markedsplads')).body);
  assert.match(after, /og egne tilbud fra Beskæftigelse Nordby\. Det, Beskæftigelse Nordby anbefaler til dig, står øverst\./);
  assert.match(after, /Beskæftigelse Nordby anbefaler dette til borgere i målgruppen jobparate\./);
  assert.doesNotMatch(after, /Jobcenter Nordby/);
  const afterEn = text((await inEnglish(token, '/borger/markedsplads')).body);
  assert.match(afterEn, /What Beskæftigelse Nordby recommends to you comes first\./);
  assert.match(afterEn, /Beskæftigelse Nordby recommends this to citizens in the target group ready for work\./);
  assert.doesNotMatch(afterEn, /Jobcenter Nordby/);
});
