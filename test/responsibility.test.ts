// Who runs a citizen's contact course, over time, through the real app on its own database: a dagpenge citizen is with
// their a-kasse first and with the municipality after, moved by the daily job on the hand-over date in Copenhagen
// time; a new rule version (data, no code) moves the date; a citizen in a free-choice municipality picks another actor,
// which takes effect at once and stands for the lock days; and the job run twice moves nobody twice.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createDatabase } from '../src/platform/db/database.ts';
import { moveResponsibilities } from '../src/modules/responsibility/index.ts';
import { simulatedJobSituation } from '../src/modules/vendor-data/vendor-data.simulators.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url, changes } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// The job works as the application role, under row-level security, as in production.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());
const { open, post } = signedInForms(app);

// 3F A-kasse, from the organisations register's demo a-kasser.
const akasse = { id: 'akasse-55900000', cvr: '55900000', name: '3F A-kasse' };

async function municipalityWithOrganisation(name: string) {
  const municipality = await createMunicipality(db, { name });
  await db
    .insertInto('organisation')
    .values({
      id: `kommune-${municipality.code}`,
      kind: 'kommune',
      name: `${name} Kommune`,
      municipality_code: municipality.code,
      employment_service_name: `Jobcenter ${name}`,
      phone: '70 20 30 40',
      email: `jobcenter@${name.toLowerCase()}.example`,
      website: `https://${name.toLowerCase()}.example/jobcenter`,
    })
    .execute();
  return municipality;
}

const home = await municipalityWithOrganisation('Fjordby');
const trial = await municipalityWithOrganisation('Valgby');
const actorCvr = '56912345';
await db
  .insertInto('organisation')
  .values({ id: `aktoer-${actorCvr}`, kind: 'anden_aktoer', name: 'Jobvejen ApS (test)', cvr: actorCvr, municipality_code: trial.code, phone: '33 44 55 66' })
  .execute();
await db
  .insertInto('organisation_contract')
  .values({ organisation_id: `aktoer-${actorCvr}`, municipality_code: trial.code, valid_from: '2026-01-01' })
  .execute();
// A free-choice trial for Valgby that has already started (the real one starts in 2027): rules are data.
await db
  .insertInto('responsibility_rule')
  .values({
    id: 'forsoeg-test',
    version: 1,
    valid_from: '2026-01-01',
    benefit: 'dagpenge',
    municipality_codes: [trial.code],
    akasse_months: 4,
    free_choice: true,
    choice_lock_days: 30,
    legal_basis: 'Testforsøg med frit valg',
    description_da: 'Du kan selv vælge, hvem der hjælper dig.',
    description_en: 'You may choose who helps you.',
  })
  .execute();

async function dagpengeCitizen(municipalityCode: string, unemployedSince: string) {
  const citizen = await createCitizen(db, { municipalityCode });
  // What DFDG answered a moment ago (fresh, so no page asks DFDG again).
  await db
    .insertInto('citizen_situation')
    .values({ citizen_id: citizen.id, municipality_code: municipalityCode, benefit: 'dagpenge', unemployed_since: unemployedSince, akasse_cvr: akasse.cvr })
    .execute();
  const token = await createSession(db, { ...principalFor('citizen', { municipalityCode, citizenId: citizen.id }), name: citizen.name });
  return { ...citizen, token };
}

async function periodsOf(citizenId: string) {
  return db
    .selectFrom('responsibility_period')
    .select(['organisation_id', 'basis', 'rule_id', 'rule_version', 'legal_basis'])
    .select((eb) => [eb.cast<string>('starts_on', 'text').as('starts_on'), eb.cast<string | null>('ends_on', 'text').as('ends_on')])
    .where('citizen_id', '=', citizenId)
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
}

test('the DFDG simulator gives the demo citizens a benefit, a start of unemployment and an a-kasse', () => {
  const mette = simulatedJobSituation('6101851234');
  assert.equal(mette.ydelse, 'dagpenge');
  assert.deepEqual(mette.aKasse, { cvr: '55900000', navn: '3F A-kasse' });
  const weeks = (Date.now() - Date.parse(`${mette.ledigSiden}T12:00:00Z`)) / (7 * 24 * 3600 * 1000);
  assert.ok(weeks > 19 && weeks < 21, `about twenty weeks ago: ${mette.ledigSiden}`);
  const ahmed = simulatedJobSituation('6203921245');
  assert.equal(ahmed.ydelse, 'kontanthjaelp');
  assert.equal(ahmed.aKasse, null);
  assert.deepEqual(simulatedJobSituation('7012345678'), simulatedJobSituation('7012345678'), 'the same answer for the same CPR number');
});

test('a dagpenge citizen is with their a-kasse first and with the municipality after, moved by the job on the Copenhagen date', async () => {
  const citizen = await dagpengeCitizen(home.code, '2026-11-30');
  const heard: string[] = [];
  const stop = changes.subscribe('responsibilityChanged', (change) => {
    if (change.citizenId === citizen.id) heard.push(change.organisationId);
  });
  try {
    await moveResponsibilities({ db: appDb, changes }, new Date('2026-12-01T10:00:00Z'));
    assert.deepEqual(
      (await periodsOf(citizen.id)).map((p) => [p.organisation_id, p.starts_on, p.ends_on, p.basis, p.rule_id]),
      [[akasse.id, '2026-11-30', null, 'rule', 'dagpenge-akasse']],
      'the first period, from the start of unemployment',
    );

    // 3 months after 30 November is 28 February. 22:30 UTC on the 27th is still the 27th in Copenhagen (UTC+1).
    await moveResponsibilities({ db: appDb, changes }, new Date('2027-02-27T22:30:00Z'));
    assert.equal((await periodsOf(citizen.id)).length, 1, 'the day before: still the a-kasse');
    // 23:30 UTC on the 27th is half past midnight on the 28th in Copenhagen: the hand-over day.
    await moveResponsibilities({ db: appDb, changes }, new Date('2027-02-27T23:30:00Z'));
    const moved = await periodsOf(citizen.id);
    assert.deepEqual(
      moved.map((p) => [p.organisation_id, p.starts_on, p.ends_on]),
      [
        [akasse.id, '2026-11-30', '2027-02-28'],
        [`kommune-${home.code}`, '2027-02-28', null],
      ],
    );
    assert.deepEqual(heard, [akasse.id, `kommune-${home.code}`], 'each change announced on the bus');

    // Idempotent: the same day again, and the next, move nobody.
    await moveResponsibilities({ db: appDb, changes }, new Date('2027-02-27T23:45:00Z'));
    await moveResponsibilities({ db: appDb, changes }, new Date('2027-03-01T09:00:00Z'));
    assert.deepEqual(await periodsOf(citizen.id), moved);
    assert.equal(heard.length, 2);
  } finally {
    stop();
  }
});

test('the start page shows who helps the citizen now, how to reach them, and the next hand-over', async () => {
  const citizen = await dagpengeCitizen(home.code, '2026-11-30');
  const page = await open(citizen.token, '/borger');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Hvem hjælper dig nu\?/);
  assert.match(page.body, /3F A-kasse hjælper dig med at komme i job\./);
  assert.match(page.body, /Fra 28\. februar 2027 hjælper Jobcenter Fjordby dig\./);
  assert.deepEqual(
    (await periodsOf(citizen.id)).map((p) => [p.organisation_id, p.starts_on, p.ends_on]),
    [[akasse.id, '2026-11-30', null]],
    'the first period opened the first time the citizen is seen',
  );
  const english = await open(citizen.token, '/borger', { cookie: `jobunivers-session=${citizen.token}; lang=en` });
  assert.match(english.body, /From 28 February 2027, Jobcenter Fjordby helps you\./);

  // After the hand-over the card says who helps now and how to reach them.
  await moveResponsibilities({ db: appDb, changes }, new Date('2027-02-28T08:00:00Z'));
  const explained = await open(citizen.token, '/borger/hvem-hjaelper-mig');
  assert.equal(explained.statusCode, 200);
  assert.match(explained.body, /Jobcenter Fjordby hjælper dig med at komme i job\./);
  assert.match(explained.body, /href="tel:70203040"/);
  assert.match(explained.body, /I din kommune er det reglerne, der bestemmer/, 'no free choice in Fjordby');
  assert.doesNotMatch(explained.body, /type="radio"/);
});

test('the screening names whoever helps the citizen now as the one who will contact them: the a-kasse, then the jobcenter', async () => {
  const citizen = await dagpengeCitizen(home.code, '2026-11-30');
  await open(citizen.token, '/borger');
  const withAkasse = await open(citizen.token, '/borger/screening');
  assert.equal(withAkasse.statusCode, 200);
  assert.match(withAkasse.body, /Jeg vil gerne tale med en person fra 3F A-kasse/);
  assert.doesNotMatch(withAkasse.body, /Jobcenter Fjordby/);
  await moveResponsibilities({ db: appDb, changes }, new Date('2027-02-28T08:00:00Z'));
  const withJobcenter = await open(citizen.token, '/borger/screening');
  assert.match(withJobcenter.body, /Jeg vil gerne tale med en person fra Jobcenter Fjordby/);
});

test('a citizen in a free-choice municipality picks another actor: at once, recorded, idempotent and locked for the lock days', async () => {
  const citizen = await dagpengeCitizen(trial.code, '2026-11-20');
  const from = '/borger/hvem-hjaelper-mig';
  const page = await open(citizen.token, from);
  assert.equal(page.statusCode, 200);
  for (const option of [`kommune-${trial.code}`, akasse.id, `aktoer-${actorCvr}`]) assert.match(page.body, new RegExp(`name="organisation" value="${option}"`));
  assert.equal((await periodsOf(citizen.id)).at(-1)?.organisation_id, akasse.id, 'the a-kasse by the rule until a choice');

  const nothing = await post(citizen.token, from, from, {});
  assert.equal(nothing.statusCode, 400);
  assert.match(nothing.body, /id="field-organisation-error">Vælg hvem der skal hjælpe dig\./);
  const notOffered = await post(citizen.token, from, from, { organisation: 'akasse-55900019' });
  assert.equal(notOffered.statusCode, 400, 'an a-kasse that is not the citizen’s');
  const countChoices = async () =>
    (
      await db
        .selectFrom('responsibility_choice')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('citizen_id', '=', citizen.id)
        .executeTakeFirstOrThrow()
    ).n;
  assert.equal(await countChoices(), '0', 'nothing written on bad input');

  const chosen = await post(citizen.token, from, from, { organisation: `aktoer-${actorCvr}` });
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, '/borger/hvem-hjaelper-mig?valgt=1');
  const periods = await periodsOf(citizen.id);
  const openPeriod = periods.at(-1);
  assert.equal(openPeriod?.organisation_id, `aktoer-${actorCvr}`, 'the chosen actor is responsible at once');
  assert.equal(openPeriod?.basis, 'choice');
  assert.equal(openPeriod?.ends_on, null);
  assert.equal(periods.filter((p) => p.ends_on === null).length, 1);
  const saved = await open(citizen.token, '/borger/hvem-hjaelper-mig?valgt=1');
  assert.match(saved.body, /Dit valg er gemt\. Jobvejen ApS \(test\) hjælper dig fra i dag\./);
  assert.match(saved.body, /Dit eget valg/, 'the choice is on the timeline');

  const again = await post(citizen.token, from, from, { organisation: `aktoer-${actorCvr}` });
  assert.equal(again.statusCode, 303, 'the same choice again is fine');
  assert.equal(await countChoices(), '1', 'and recorded once');
  assert.deepEqual(await periodsOf(citizen.id), periods);

  const tooSoon = await post(citizen.token, from, from, { organisation: `kommune-${trial.code}` });
  assert.equal(tooSoon.statusCode, 400, 'a change before the lock days have passed is refused');
  assert.match(tooSoon.body, /Du har valgt for nylig\. Du kan først vælge en anden fra/);
  assert.deepEqual(await periodsOf(citizen.id), periods);

  // 31 days later (the choice moved back in time as the database owner), the citizen may choose again.
  await db
    .updateTable('responsibility_choice')
    .set({ chosen_at: new Date(Date.now() - 31 * 24 * 3600 * 1000) } as never)
    .where('citizen_id', '=', citizen.id)
    .execute();
  const later = await post(citizen.token, from, from, { organisation: `kommune-${trial.code}` });
  assert.equal(later.statusCode, 303);
  const now = (await periodsOf(citizen.id)).at(-1);
  assert.equal(now?.organisation_id, `kommune-${trial.code}`);
  assert.equal(now?.basis, 'choice');
});

test('a citizen outside a free-choice municipality cannot choose', async () => {
  const citizen = await dagpengeCitizen(home.code, '2026-11-30');
  const refused = await post(citizen.token, '/borger/hvem-hjaelper-mig', '/borger/hvem-hjaelper-mig', { organisation: `kommune-${home.code}` });
  assert.equal(refused.statusCode, 409);
  assert.equal((await periodsOf(citizen.id)).at(-1)?.basis, 'rule');
});

// Last: it changes the rules for everyone in this database.
test('a new version of the rule with four months moves the hand-over date, without a code change', async () => {
  const citizen = await dagpengeCitizen(home.code, '2026-11-30');
  assert.match((await open(citizen.token, '/borger')).body, /Fra 28\. februar 2027 hjælper Jobcenter Fjordby dig\./);
  await db
    .insertInto('responsibility_rule')
    .values({
      id: 'dagpenge-akasse',
      version: 2,
      valid_from: '2026-06-01',
      benefit: 'dagpenge',
      municipality_codes: null,
      akasse_months: 4,
      legal_basis: 'Ny regel: a-kassen holder kontaktforløbet de første 4 måneder',
      description_da: 'Din a-kasse hjælper dig de første 4 måneder.',
      description_en: 'Your a-kasse helps you for the first 4 months.',
    })
    .execute();
  assert.match((await open(citizen.token, '/borger')).body, /Fra 30\. marts 2027 hjælper Jobcenter Fjordby dig\./);
  await moveResponsibilities({ db: appDb, changes }, new Date('2027-02-28T12:00:00Z'));
  assert.equal((await periodsOf(citizen.id)).at(-1)?.organisation_id, akasse.id, 'not moved at three months');
  // Summer time began on 28 March: 22:30 UTC on the 29th is half past midnight on the 30th in Copenhagen.
  await moveResponsibilities({ db: appDb, changes }, new Date('2027-03-29T21:30:00Z'));
  assert.equal((await periodsOf(citizen.id)).at(-1)?.organisation_id, akasse.id, '23:30 on the 29th in Copenhagen');
  await moveResponsibilities({ db: appDb, changes }, new Date('2027-03-29T22:30:00Z'));
  const periods = await periodsOf(citizen.id);
  assert.deepEqual(
    periods.slice(-2).map((p) => [p.organisation_id, p.starts_on, p.ends_on]),
    [
      [akasse.id, '2026-11-30', '2027-03-30'],
      [`kommune-${home.code}`, '2027-03-30', null],
    ],
  );
});
