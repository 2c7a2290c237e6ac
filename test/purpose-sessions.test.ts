// Issue 18: the staff directory, and the purpose of case work asked once per citizen per working session. Staff sign in
// through the real test IdP (a working session is a sign-in), open a citizen's pages, and the citizen reads Min Log.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { pruneSessionsJob, testPersons } from '../src/modules/identity/index.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';
import { formToken, HttpClient, type Page } from './support/http-client.ts';

const { app, db, url, config } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
// The job runs as the application's role, under row-level security, as in the app.
const appDb = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.db.destroy());

const personId = (name: string) => {
  const person = testPersons.find((p) => p.name === name);
  if (!person) throw new Error(`no test person ${name}`);
  return person.id;
};

/** Signs a staff member in for a municipality through the test IdP; the client then holds the session. */
async function signInStaff(name: string, municipality: string): Promise<{ client: HttpClient; landed: Page }> {
  const client = new HttpClient(app.listeningOrigin);
  const idp = await client.navigate(`/log-ind/medarbejder?kommune=${municipality}&tilbage=%2Fmedarbejder`);
  const landed = await client.navigate(new URL(idp.url).pathname, {
    form: { _csrf: formToken(idp.body), person: personId(name), level: 'Substantial', municipality: '' },
  });
  assert.equal(landed.status, 200, landed.visited.join(' → '));
  return { client, landed };
}

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const logOf = (citizenId: string) =>
  db
    .selectFrom('access_log')
    .select(['purpose', 'purpose_code', 'purpose_args', 'count', 'data_category', 'actor_name'])
    .where('citizen_id', '=', citizenId)
    .execute();

test('a staff sign-in enters the staff directory of the organisation, with the roles the IdP granted', async () => {
  await signInStaff('Anne Kofoed', '101');
  const entry = await db.selectFrom('staff_member').selectAll().where('subject', '=', personId('Anne Kofoed')).execute();
  assert.deepEqual(
    entry.map((e) => ({ organisation: e.organisation_id, name: e.name, roles: e.roles })),
    [{ organisation: 'kommune-101', name: 'Anne Kofoed', roles: ['caseworker'] }],
  );
  const again = await signInStaff('Anne Kofoed', '101');
  assert.ok(again);
  assert.equal(
    (await db.selectFrom('staff_member').select('subject').where('subject', '=', personId('Anne Kofoed')).execute()).length,
    1,
    'one entry however often',
  );
});

test('the purpose is asked once per citizen per working session, every read is in Min Log with it, and a new sign-in asks again', async () => {
  const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Frida Formålsen' });
  const { client } = await signInStaff('Anne Kofoed', '101');
  const citizenPage = `/medarbejder/borgere/${citizen.id}`;

  const question = await client.navigate(citizenPage);
  assert.equal(question.status, 200);
  assert.match(question.body, /Hvorfor åbner du borgeren\?/);
  assert.match(question.body, /Opfølgning på borgerens plan/, 'the platform’s purposes to choose from');
  assert.doesNotMatch(question.body, /Frida Formålsen/, 'nothing of the citizen before the purpose');
  assert.deepEqual(await logOf(citizen.id), []);

  const none = await client.request(`/medarbejder/formaal/${citizen.id}`, { form: { _csrf: formToken(question.body), til: citizenPage } });
  assert.equal(none.status, 400);
  assert.match(none.body, /<a href="#field-purposeChoice">Formål: Vælg et formål\.<\/a>/, 'the error summary names the field');
  const otherEmpty = await client.request(`/medarbejder/formaal/${citizen.id}`, {
    form: { _csrf: formToken(question.body), til: citizenPage, purposeChoice: 'other' },
  });
  assert.equal(otherEmpty.status, 400);
  assert.match(otherEmpty.body, /id="field-purposeOther-error">Skriv formålet med mindst 3 tegn\./);
  assert.deepEqual(await logOf(citizen.id), [], 'nothing read, nothing logged');

  const chosen = await client.request(`/medarbejder/formaal/${citizen.id}`, {
    form: { _csrf: formToken(question.body), til: citizenPage, purposeChoice: 'followup', purposeNote: 'Samtale om praktik' },
  });
  assert.equal(chosen.status, 303);
  assert.equal(chosen.location, citizenPage);

  const opened = await client.navigate(citizenPage);
  assert.equal(opened.status, 200);
  assert.match(opened.body, /<h1>Frida Formålsen<\/h1>/);
  assert.match(text(opened.body), /med formålet: Opfølgning på borgerens plan: Samtale om praktik/);
  for (const path of [citizenPage, `${citizenPage}/tidslinje`, `${citizenPage}/jobforslag`]) {
    const page = await client.navigate(path);
    assert.equal(page.status, 200, path);
    assert.doesNotMatch(page.body, /Hvorfor åbner du borgeren/, `${path}: not asked again`);
  }
  const entries = await logOf(citizen.id);
  assert.equal(entries.length, 1, 'one Min Log entry for the working session’s reads of the journey');
  assert.deepEqual(entries[0], {
    purpose: 'Opfølgning på borgerens plan: Samtale om praktik',
    purpose_code: 'case_purpose',
    purpose_args: { da: 'Opfølgning på borgerens plan', en: 'Following up the citizen’s plan', note: 'Samtale om praktik' },
    count: 4,
    data_category: 'journey',
    actor_name: 'Anne Kofoed',
  });

  const citizenSession = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  const minLogEn = await app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${citizenSession}; lang=en` } });
  assert.match(text(minLogEn.body), /Following up the citizen’s plan: Samtale om praktik/, 'Min Log words the chosen purpose in English');

  // A new sign-in is a new working session: the question again (auth_time counts whole seconds: the next one).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const { client: later } = await signInStaff('Anne Kofoed', '101');
  const askedAgain = await later.navigate(citizenPage);
  assert.match(askedAgain.body, /Hvorfor åbner du borgeren\?/);
  assert.doesNotMatch(askedAgain.body, /Frida Formålsen/);
});

test('the CPR look-up leads to the citizen’s page, its purpose holding for the session; another organisation’s staff find no one', async () => {
  const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Carl Cprsen' });
  const { client, landed } = await signInStaff('Anne Kofoed', '101');
  const found = await client.request('/medarbejder/borgere', { form: { _csrf: formToken(landed.body), cpr: citizen.cpr, purpose: 'Forberedelse af samtale' } });
  assert.equal(found.status, 303);
  assert.equal(found.location, `/medarbejder/borgere/${citizen.id}`);
  const page = await client.navigate(found.location ?? '');
  assert.match(page.body, /<h1>Carl Cprsen<\/h1>/, 'no second question after the look-up');
  assert.deepEqual(
    (await logOf(citizen.id)).map((e) => [e.data_category, e.purpose, e.purpose_code]),
    [
      ['journey', 'Forberedelse af samtale', 'stated'],
      ['identity', 'Forberedelse af samtale', 'stated'],
    ],
  );

  const { client: stranger, landed: strangerStart } = await signInStaff('Rasmus Bech', '751');
  assert.equal((await stranger.request(`/medarbejder/formaal/${citizen.id}`)).status, 404);
  const refused = await stranger.request(`/medarbejder/formaal/${citizen.id}`, { form: { _csrf: formToken(strangerStart.body), purposeChoice: 'followup' } });
  assert.equal(refused.status, 404);
  assert.equal(
    (await db.selectFrom('purpose_session').select('citizen_id').where('citizen_id', '=', citizen.id).execute()).length,
    1,
    'only the look-up’s session',
  );
});

test('purpose sessions older than a sign-in can last are removed by the sessions job, across organisations; younger ones stay', async () => {
  const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Olga Oprydning' });
  const row = (organisation: string, hoursAgo: number) => ({
    organisation_id: organisation,
    subject: `prune-${organisation}-${hoursAgo}`,
    auth_time: new Date(Date.now() - hoursAgo * 3_600_000),
    citizen_id: citizen.id,
    purpose_da: 'Opfølgning',
    purpose_en: 'Follow-up',
    started_at: new Date(Date.now() - hoursAgo * 3_600_000),
  });
  await db
    .insertInto('purpose_session')
    .values([row('kommune-101', 48), row('kommune-751', 48), row('kommune-101', 1)])
    .execute();
  await pruneSessionsJob.handle({}, { db: appDb.db, config, logger: createLogger({ level: 'silent' }) });
  const left = await db.selectFrom('purpose_session').select('subject').where('citizen_id', '=', citizen.id).execute();
  assert.deepEqual(left, [{ subject: 'prune-kommune-101-1' }]);
});
