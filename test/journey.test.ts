// The citizen's journey through the app: the screening kept as a profile, risk answers that put the citizen in front
// of a caseworker of their own municipality (one case, more reasons), "Min jobrejse" with explainable recommendations
// and "not relevant", the caseworker opening a journey only with a purpose (logged to Min Log) and assigning an
// activity that appears in the plan — and no citizen ever seeing another's plan, also as the database role.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { formatCalendarDate } from '../src/platform/i18n/index.ts';
import { contactByDate, RECOMMENDATION_RULES_VERSION } from '../src/modules/journey/journey.rules.ts';
import { createTestApp, signedInForms, type FormFields } from './support/app.ts';
import { createCitizen, createJobcenter, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());

type Fields = FormFields;

const home = await createMunicipality(db, { name: 'Fjordby' });
await createJobcenter(db, home.code, { name: 'Jobcenter Fjordby', phone: '70 20 30 40' });
const other = await createMunicipality(db, { name: 'Skovby' });
await createJobcenter(db, other.code, { name: 'Jobcenter Skovby', phone: '70 99 99 99' });

// The catalogue's demo listings (approved): 1 interview training, 2 CV, 3 targeted job search, 6 digital skills.
const n = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
const [interview, cv, jobSearch, digital] = [n(1), n(2), n(3), n(6)];
for (const listingId of [interview, jobSearch, digital]) {
  await db.insertInto('municipality_listing').values({ municipality_code: home.code, listing_id: listingId, enabled_by: 'test' }).execute();
}
await db.insertInto('municipality_listing').values({ municipality_code: other.code, listing_id: cv, enabled_by: 'test' }).execute();
await db
  .insertInto('listing_recommendation')
  .values({
    municipality_code: home.code,
    listing_id: jobSearch,
    target_group: 'activity_ready',
    journey_stage: null,
    note_da: 'Start her, før du søger bredt.',
    note_en: 'Start here before you apply widely.',
    created_by: 'test',
  })
  .execute();
const workshop = await db
  .insertInto('local_offer')
  .values({
    municipality_code: home.code,
    kind: 'workshop',
    title_da: 'Værksted: Søg job med din mobil',
    title_en: 'Workshop: Job search on your phone',
    description_da: 'To timer i jobcentret, hvor vi øver jobsøgning på mobilen sammen.',
    description_en: 'Two hours at the job centre practising job search on the phone together.',
    place: 'Jobcenter Fjordby, lokale 2',
    starts_at: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    ends_at: new Date(Date.now() + 7 * 24 * 3600 * 1000 + 2 * 3600 * 1000),
    capacity: 12,
    journey_stage: 'search',
    target_groups: ['activity_ready'],
    languages: ['da'],
    created_by: 'test',
  })
  .returning('id')
  .executeTakeFirstOrThrow();

const caseworker = await createSession(db, {
  ...principalFor('caseworker', { municipalityCode: home.code }),
  name: 'Anne Kofoed',
  municipality: { code: home.code, name: 'Fjordby' },
  organisation: { id: `kommune-${home.code}`, kind: 'kommune', name: 'Fjordby Kommune' },
});
const foreignCaseworker = await createSession(db, {
  ...principalFor('caseworker', { municipalityCode: other.code }),
  name: 'Rasmus Bech',
  municipality: { code: other.code, name: 'Skovby' },
  organisation: { id: `kommune-${other.code}`, kind: 'kommune', name: 'Skovby Kommune' },
});

async function citizenSession(municipalityCode: string, name: string) {
  const citizen = await createCitizen(db, { municipalityCode, name });
  const token = await createSession(db, { ...principalFor('citizen', { municipalityCode, citizenId: citizen.id }), name });
  return { ...citizen, token };
}

const { open, post } = signedInForms(app);

const calm: Fields = { digitalReadiness: 'high', journeyStage: 'search', needsHelp: 'no', languages: ['da'], jobGoal: 'Tømrer', wellbeing: 'no' };
const screen = (token: string, fields: Fields) => post(token, '/borger/screening', '/borger/screening', fields);
const escalationsOf = (citizenId: string) =>
  db.selectFrom('escalation').select(['id', 'reasons', 'status', 'contact_by', 'municipality_code']).where('citizen_id', '=', citizenId).execute();
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('a first visit leads to the screening, which is kept as the citizen’s profile', async () => {
  const citizen = await citizenSession(home.code, 'Ida Fjord');
  const first = await open(citizen.token, '/borger/jobrejse');
  assert.equal(first.statusCode, 303);
  assert.equal(first.headers.location, '/borger/screening');
  const form = await open(citizen.token, '/borger/screening');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Velkommen til Min jobrejse/);

  const saved = await screen(citizen.token, calm);
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/borger/jobrejse?screening=gemt');
  const profile = await db.selectFrom('citizen_profile').selectAll().where('citizen_id', '=', citizen.id).executeTakeFirstOrThrow();
  assert.deepEqual(
    {
      readiness: profile.digital_readiness,
      stage: profile.journey_stage,
      help: profile.needs_help,
      languages: profile.languages,
      goal: profile.job_goal,
      contact: profile.wants_contact,
      wellbeing: profile.wellbeing_concern,
      municipality: profile.municipality_code,
    },
    { readiness: 'high', stage: 'search', help: 'no', languages: ['da'], goal: 'Tømrer', contact: false, wellbeing: false, municipality: home.code },
  );
  assert.ok(profile.screened_at);
  assert.deepEqual(await escalationsOf(citizen.id), [], 'calm answers escalate nothing');

  const journey = await open(citizen.token, '/borger/jobrejse?screening=gemt');
  assert.equal(journey.statusCode, 200);
  assert.match(journey.body, /Tak\. Dine svar er gemt\./);
  assert.match(journey.body, /De afgør intet om din ydelse/, 'the page says recommendations decide nothing about benefits');
  assert.doesNotMatch(journey.body, /kontakter dig senest/);

  const again = await open(citizen.token, '/borger/screening');
  assert.doesNotMatch(again.body, /Velkommen til Min jobrejse/, 'a later visit is a redo, not a first visit');
  assert.match(again.body, /id="field-digitalReadiness-high" name="digitalReadiness" value="high" checked/, 'the earlier answers are filled in');
});

test('bad input gets a message next to each field and stores nothing; stored text is escaped', async () => {
  const citizen = await citizenSession(home.code, 'Bo Fjord');
  const response = await screen(citizen.token, { digitalReadiness: 'superb', journeyStage: 'on_the_moon', jobGoal: 'x'.repeat(501), wantsContact: 'maybe' });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-digitalReadiness-error">Vælg en af mulighederne\./);
  assert.match(response.body, /id="field-journeyStage-error">Vælg en af mulighederne\./);
  assert.match(response.body, /id="field-needsHelp-error">Vælg en af mulighederne\./);
  assert.match(response.body, /id="field-languages-error">Vælg mindst ét sprog\./);
  assert.match(response.body, /id="field-jobGoal-error">Skriv højst 500 tegn\./);
  assert.match(response.body, /<a href="#field-digitalReadiness">/, 'the error summary links to the field');
  assert.equal(
    await db.selectFrom('citizen_profile').select('citizen_id').where('citizen_id', '=', citizen.id).executeTakeFirst(),
    undefined,
    'nothing is stored',
  );
  assert.deepEqual(await escalationsOf(citizen.id), []);

  const saved = await screen(citizen.token, { ...calm, jobGoal: 'Noget med <script>alert(1)</script> & "citater"' });
  assert.equal(saved.statusCode, 303);
  const journey = await open(citizen.token, '/borger/jobrejse');
  assert.match(journey.body, /Noget med &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;citater&quot;/);
  assert.doesNotMatch(journey.body, /<script>alert/);
});

test('a risk answer opens one escalation; a second adds its reasons to the same case; the citizen is told who calls and by when', async () => {
  const citizen = await citizenSession(home.code, 'Karl Fjord');
  const expectedDate = contactByDate(new Date());
  const first = await screen(citizen.token, { ...calm, wantsContact: 'yes' });
  assert.equal(first.statusCode, 303);
  let escalations = await escalationsOf(citizen.id);
  assert.equal(escalations.length, 1);
  assert.deepEqual(escalations[0]?.reasons, ['wants_contact']);
  assert.equal(escalations[0]?.municipality_code, home.code);

  const page = await open(citizen.token, '/borger/jobrejse');
  assert.match(text(page.body), new RegExp(`Jobcenter Fjordby kontakter dig senest ${formatCalendarDate('da', expectedDate, { weekday: true })}`));
  assert.match(page.body, /du har bedt om at tale med en person/);
  assert.match(page.body, /ringe til Jobcenter Fjordby på 70 20 30 40/);

  await screen(citizen.token, { ...calm, digitalReadiness: 'low', needsHelp: 'much', wellbeing: 'yes' });
  escalations = await escalationsOf(citizen.id);
  assert.equal(escalations.length, 1, 'still one case');
  assert.deepEqual([...(escalations[0]?.reasons ?? [])].sort(), ['low_readiness_needs_help', 'much_help', 'wants_contact', 'wellbeing']);
  const english = await app.inject({ url: '/borger/jobrejse', headers: { cookie: `jobunivers-session=${citizen.token}; lang=en` } });
  assert.match(text(english.body), new RegExp(`Jobcenter Fjordby will contact you by ${formatCalendarDate('en', expectedDate, { weekday: true })}`));
  assert.match(english.body, /you told us something in your everyday life is hard right now/);
});

test('without a jobcenter, the citizen is told their municipality will contact them', async () => {
  const lonely = await createMunicipality(db, { name: 'Øby' });
  const citizen = await citizenSession(lonely.code, 'Ea Øby');
  await screen(citizen.token, { ...calm, needsHelp: 'much' });
  const page = await open(citizen.token, '/borger/jobrejse');
  assert.match(text(page.body), /Øby Kommune kontakter dig senest/);
});

test('the caseworker of the citizen’s municipality sees and handles the escalation; another municipality’s does not', async () => {
  const citizen = await citizenSession(home.code, 'Lise Escaleret');
  await screen(citizen.token, { ...calm, wantsContact: 'yes' });
  const [escalation] = await escalationsOf(citizen.id);
  assert.ok(escalation);

  const list = await open(caseworker, '/medarbejder/henvendelser');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`<a href="/medarbejder/henvendelser/${escalation.id}">Lise Escaleret</a>`));
  assert.match(list.body, /Ønsker at tale med en person/);

  const theirs = await open(foreignCaseworker, '/medarbejder/henvendelser');
  assert.equal(theirs.statusCode, 200);
  assert.doesNotMatch(theirs.body, /Lise Escaleret/);
  assert.equal((await open(foreignCaseworker, `/medarbejder/henvendelser/${escalation.id}`)).statusCode, 404);
  const foreignTake = await post(foreignCaseworker, '/medarbejder/henvendelser', `/medarbejder/henvendelser/${escalation.id}/tag`, {});
  assert.equal(foreignTake.statusCode, 404);
  const foreignClose = await post(foreignCaseworker, '/medarbejder/henvendelser', `/medarbejder/henvendelser/${escalation.id}/luk`, { note: 'Lukket udefra' });
  assert.equal(foreignClose.statusCode, 404);
  assert.equal((await escalationsOf(citizen.id))[0]?.status, 'open', 'untouched by another municipality');

  const taken = await post(caseworker, `/medarbejder/henvendelser/${escalation.id}`, `/medarbejder/henvendelser/${escalation.id}/tag`, {});
  assert.equal(taken.statusCode, 303);
  assert.equal((await escalationsOf(citizen.id))[0]?.status, 'in_progress');
  const citizenPage = await open(citizen.token, '/borger/jobrejse');
  assert.match(citizenPage.body, /Anne Kofoed fra Jobcenter Fjordby har din henvendelse\./);

  const noNote = await post(caseworker, `/medarbejder/henvendelser/${escalation.id}`, `/medarbejder/henvendelser/${escalation.id}/luk`, { note: ' ' });
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.body, /id="field-note-error">Udfyld feltet\./);
  assert.equal((await escalationsOf(citizen.id))[0]?.status, 'in_progress');

  const closed = await post(caseworker, `/medarbejder/henvendelser/${escalation.id}`, `/medarbejder/henvendelser/${escalation.id}/luk`, {
    note: 'Ringet op. Møde aftalt <tirsdag>.',
  });
  assert.equal(closed.statusCode, 303);
  assert.equal((await escalationsOf(citizen.id))[0]?.status, 'closed');
  const after = await open(caseworker, '/medarbejder/henvendelser');
  assert.match(after.body, /Ringet op\. Møde aftalt &lt;tirsdag&gt;\./);
  assert.doesNotMatch((await open(citizen.token, '/borger/jobrejse')).body, /kontakter dig senest/);

  await screen(citizen.token, { ...calm, wantsContact: 'yes' });
  assert.equal((await escalationsOf(citizen.id)).length, 2, 'after a closed case, a new signal opens a new one');
});

test('a citizen’s journey opens only with a purpose, which is logged to their Min Log in the same transaction', async () => {
  const citizen = await citizenSession(home.code, 'Mona Formål');
  await screen(citizen.token, calm);
  const logOf = () => db.selectFrom('access_log').selectAll().where('citizen_id', '=', citizen.id).execute();

  const form = await open(caseworker, `/medarbejder/borgere/${citizen.id}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Hvorfor åbner du borgeren\?/);
  assert.match(form.body, /<form method="post" action="\/medarbejder\/formaal\//);
  assert.doesNotMatch(form.body, /Mona Formål/, 'nothing of the citizen before a purpose is given');
  const empty = await open(caseworker, `/medarbejder/borgere/${citizen.id}?purpose=`);
  assert.equal(empty.statusCode, 200, 'an empty purpose is no purpose: the question again');
  assert.match(empty.body, /Hvorfor åbner du borgeren\?/);
  assert.doesNotMatch(empty.body, /Mona Formål/);
  const short = await open(caseworker, `/medarbejder/borgere/${citizen.id}?purpose=ab`);
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /id="field-purposeOther-error">/);
  assert.doesNotMatch(short.body, /Mona Formål/);
  assert.deepEqual(await logOf(), [], 'refused look-ups are not read, so not logged');

  const foreign = await open(foreignCaseworker, `/medarbejder/borgere/${citizen.id}?purpose=${encodeURIComponent('Nysgerrighed')}`);
  assert.equal(foreign.statusCode, 404);
  assert.deepEqual(await logOf(), []);

  const opened = await open(caseworker, `/medarbejder/borgere/${citizen.id}?purpose=${encodeURIComponent('Forberedelse af samtale')}`);
  assert.equal(opened.statusCode, 200);
  assert.match(opened.body, /<h1>Mona Formål<\/h1>/);
  assert.match(opened.body, /Dit opslag er skrevet i borgerens Min Log med formålet: Forberedelse af samtale/);
  assert.match(opened.body, /Tømrer/);
  const entries = await logOf();
  assert.equal(entries.length, 1);
  assert.deepEqual(
    {
      purpose: entries[0]?.purpose,
      actor: entries[0]?.actor_name,
      action: entries[0]?.action,
      category: entries[0]?.data_category,
      organisation: entries[0]?.actor_organisation,
    },
    { purpose: 'Forberedelse af samtale', actor: 'Anne Kofoed', action: 'read', category: 'journey', organisation: 'Fjordby Kommune' },
  );

  const byPost = await post(caseworker, `/medarbejder/borgere/${citizen.id}`, `/medarbejder/borgere/${citizen.id}`, { purpose: 'Telefonsamtale med borgeren' });
  assert.equal(byPost.statusCode, 200);
  assert.equal((await logOf()).length, 2);

  const minLog = await open(citizen.token, '/borger/min-log');
  assert.match(minLog.body, /Anne Kofoed, Jobkonsulent, Fjordby Kommune/);
  assert.match(minLog.body, /Jobrejse \(svar fra screening, plan og henvendelser\)/);
  assert.match(minLog.body, /Forberedelse af samtale/);
  assert.match(minLog.body, /Telefonsamtale med borgeren/);
});

test('an activity the caseworker assigns appears in the citizen’s plan; the citizen moves it on but cannot drop it alone', async () => {
  const citizen = await citizenSession(home.code, 'Per Plan');
  await screen(citizen.token, calm);
  const profilePath = `/medarbejder/borgere/${citizen.id}?purpose=${encodeURIComponent('Opfølgning')}`;
  const due = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);

  const notOffered = await post(caseworker, profilePath, `/medarbejder/borgere/${citizen.id}`, {
    purpose: 'Opfølgning',
    action: 'add_activity',
    item: `listing:${cv}`,
    source: 'assigned',
  });
  assert.equal(notOffered.statusCode, 400, 'a listing the municipality has not enabled');
  assert.match(notOffered.body, /id="field-item-error">Vælg en af mulighederne\./);
  const badDate = await post(caseworker, profilePath, `/medarbejder/borgere/${citizen.id}`, {
    purpose: 'Opfølgning',
    action: 'add_activity',
    item: `listing:${digital}`,
    source: 'assigned',
    dueOn: '2020-01-01',
  });
  assert.equal(badDate.statusCode, 400);
  assert.match(badDate.body, /id="field-dueOn-error">Vælg en dato, der ikke er passeret\./);
  const noSource = await post(caseworker, profilePath, `/medarbejder/borgere/${citizen.id}`, {
    purpose: 'Opfølgning',
    action: 'add_activity',
    item: `listing:${digital}`,
  });
  assert.equal(noSource.statusCode, 400);
  assert.match(noSource.body, /id="field-source-error">Vælg en af mulighederne\./);
  assert.deepEqual(await db.selectFrom('plan_activity').select('id').where('citizen_id', '=', citizen.id).execute(), [], 'nothing stored');

  const foreign = await post(foreignCaseworker, '/medarbejder/henvendelser', `/medarbejder/borgere/${citizen.id}`, {
    purpose: 'Opfølgning',
    action: 'add_activity',
    item: `listing:${cv}`,
    source: 'assigned',
  });
  assert.equal(foreign.statusCode, 404, 'another municipality cannot add to the plan');

  const assigned = await post(caseworker, profilePath, `/medarbejder/borgere/${citizen.id}`, {
    purpose: 'Opfølgning',
    action: 'add_activity',
    item: `listing:${digital}`,
    source: 'assigned',
    dueOn: due,
    note: 'Tag modul 1 og 2 <inden> mødet.',
  });
  assert.equal(assigned.statusCode, 303);
  assert.match(assigned.headers.location ?? '', /gemt=aktivitet/);
  const change = await db.selectFrom('access_log').select(['action', 'purpose']).where('citizen_id', '=', citizen.id).where('action', '=', 'change').execute();
  assert.deepEqual(change, [{ action: 'change', purpose: 'Opfølgning' }], 'the change is in Min Log too');

  const page = await open(citizen.token, '/borger/jobrejse');
  assert.match(page.body, /Digital på arbejdsmarkedet/);
  assert.match(page.body, /Aftalt med Jobcenter Fjordby \(Anne Kofoed\)/);
  assert.match(page.body, new RegExp(formatCalendarDate('da', due, { weekday: true })));
  assert.match(page.body, /Tag modul 1 og 2 &lt;inden&gt; mødet\./);
  assert.doesNotMatch(page.body, /Drop aktiviteten/, 'the citizen is not offered to drop an assigned activity');

  const activity = await db
    .selectFrom('plan_activity')
    .select(['id', 'source', 'created_by_name'])
    .where('citizen_id', '=', citizen.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual({ source: activity.source, by: activity.created_by_name }, { source: 'assigned', by: 'Anne Kofoed' });
  const dropped = await post(citizen.token, '/borger/jobrejse', `/borger/jobrejse/aktiviteter/${activity.id}/status`, { status: 'dropped' });
  assert.equal(dropped.statusCode, 409);
  assert.equal(
    (await post(citizen.token, '/borger/jobrejse', `/borger/jobrejse/aktiviteter/${activity.id}/status`, { status: 'in_progress' })).statusCode,
    303,
  );
  assert.equal((await post(citizen.token, '/borger/jobrejse', `/borger/jobrejse/aktiviteter/${activity.id}/status`, { status: 'done' })).statusCode, 303);
  assert.equal(
    (await post(citizen.token, '/borger/jobrejse', `/borger/jobrejse/aktiviteter/${activity.id}/status`, { status: 'in_progress' })).statusCode,
    409,
    'done stays done',
  );
  assert.match((await open(citizen.token, '/borger/jobrejse')).body, /<strong>Færdig<\/strong>/);

  const caseworkerView = await open(caseworker, profilePath);
  assert.match(caseworkerView.body, /Digital på arbejdsmarkedet/);
  assert.match(caseworkerView.body, /Færdig/);
});

test('recommendations come from what the municipality offers, with their reasons; "not relevant" is respected and logged', async () => {
  const citizen = await citizenSession(home.code, 'Rikke Råd');
  await screen(citizen.token, { digitalReadiness: 'low', journeyStage: 'search', needsHelp: 'no', languages: ['da', 'tr'] });
  const visitation = await post(caseworker, `/medarbejder/borgere/${citizen.id}?purpose=Visitation`, `/medarbejder/borgere/${citizen.id}`, {
    purpose: 'Visitation',
    action: 'set_target_group',
    targetGroup: 'activity_ready',
  });
  assert.equal(visitation.statusCode, 303);

  const latestLog = () =>
    db
      .selectFrom('recommendation_log')
      .select(['rules_version', 'inputs', 'outputs'])
      .where('citizen_id', '=', citizen.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  let page = await open(citizen.token, '/borger/jobrejse');
  const recommendations = page.body.slice(page.body.indexOf('id="recommendations-heading"'));
  const position = (name: string) => recommendations.indexOf(name);
  assert.ok(position('Målrettet jobsøgning') > 0, 'the jobcenter’s recommendation is there');
  assert.ok(position('Målrettet jobsøgning') < position('Digital på arbejdsmarkedet'), 'the jobcenter’s recommendation first');
  assert.ok(
    position('Digital på arbejdsmarkedet') < position('Værksted: Søg job med din mobil'),
    'then digital skills for low readiness, then the local offer',
  );
  assert.equal(position('Øvebanen til jobsamtaler'), -1, 'an enabled listing without any reason is not recommended');
  assert.equal(position('Zoom ind på dit CV'), -1, 'another municipality’s listing never');
  assert.match(
    page.body,
    /Jobcenter Fjordby anbefaler det til borgere i din målgruppe \(Aktivitetsparate\)\. <span class="preserve-lines">Jobcenter Fjordby skriver: Start her, før du søger bredt\./,
  );
  assert.match(page.body, /Du har fortalt, at du gerne vil have hjælp til det digitale/);
  assert.match(page.body, /Det findes på Tyrkisk, som du taler\./);
  assert.match(page.body, /Det passer til, hvor du er i din jobrejse: Jobsøgning\./);

  let log = await latestLog();
  assert.equal(log.rules_version, RECOMMENDATION_RULES_VERSION);
  const inputs = log.inputs as { profile: { digital_readiness: string; languages: string[] }; target_group: string; dismissed: string[] };
  assert.deepEqual(
    { readiness: inputs.profile.digital_readiness, languages: inputs.profile.languages, group: inputs.target_group, dismissed: inputs.dismissed },
    { readiness: 'low', languages: ['da', 'tr'], group: 'activity_ready', dismissed: [] },
  );
  const outputs = log.outputs as { kind: string; id: string; reasons: { code: string }[] }[];
  assert.deepEqual(
    outputs.map((o) => o.id),
    [jobSearch, digital, workshop.id],
  );
  assert.deepEqual(
    outputs[0]?.reasons.map((r) => r.code),
    ['jobcenter', 'journey_stage'],
  );

  const dismissed = await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/ikke-relevant', { kind: 'listing', itemId: digital });
  assert.equal(dismissed.statusCode, 303);
  page = await open(citizen.token, '/borger/jobrejse');
  const shown = page.body.slice(page.body.indexOf('id="recommendations-heading"'), page.body.indexOf('id="dismissed-heading"'));
  assert.doesNotMatch(shown, /Digital på arbejdsmarkedet/, 'not recommended after "not relevant"');
  assert.match(page.body.slice(page.body.indexOf('id="dismissed-heading"')), /Digital på arbejdsmarkedet/, 'listed where it can be taken back');
  log = await latestLog();
  assert.deepEqual((log.inputs as { dismissed: string[] }).dismissed, [`listing:${digital}`]);
  assert.ok(!(log.outputs as { id: string }[]).some((o) => o.id === digital));

  assert.equal(
    (await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/ikke-relevant', { kind: 'listing', itemId: cv })).statusCode,
    404,
    'only what the municipality offers',
  );
  await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/ikke-relevant/fortryd', { kind: 'listing', itemId: digital });
  page = await open(citizen.token, '/borger/jobrejse');
  assert.doesNotMatch(page.body, /id="dismissed-heading"/);
  assert.deepEqual(
    ((await latestLog()).outputs as { id: string }[]).map((o) => o.id),
    [jobSearch, digital, workshop.id],
    'recommended again',
  );

  const added = await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/aktiviteter', { kind: 'listing', itemId: jobSearch });
  assert.equal(added.statusCode, 303);
  await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/aktiviteter', { kind: 'listing', itemId: jobSearch });
  const plan = await db.selectFrom('plan_activity').select(['source', 'title', 'created_by_name']).where('citizen_id', '=', citizen.id).execute();
  assert.deepEqual(plan, [{ source: 'chosen', title: 'Målrettet jobsøgning', created_by_name: 'Rikke Råd' }], 'added once, as the citizen’s own choice');
  page = await open(citizen.token, '/borger/jobrejse');
  assert.match(page.body, /Valgt af dig/);
  assert.deepEqual(
    ((await latestLog()).outputs as { id: string }[]).map((o) => o.id),
    [digital, workshop.id],
    'what is in the plan is not recommended again',
  );
  assert.equal((await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/aktiviteter', { kind: 'listing', itemId: cv })).statusCode, 404);

  const workshopAdded = await post(citizen.token, '/borger/jobrejse', '/borger/jobrejse/aktiviteter', { kind: 'local_offer', itemId: workshop.id });
  assert.equal(workshopAdded.statusCode, 303);
  const english = await app.inject({ url: '/borger/jobrejse', headers: { cookie: `jobunivers-session=${citizen.token}; lang=en` } });
  assert.match(english.body, /Workshop: Job search on your phone/);
  assert.match(english.body, /Chosen by you/);
});

test('a citizen never sees or changes another citizen’s plan — in the app and in the database', async () => {
  const a = await citizenSession(home.code, 'Anna Egen');
  const b = await citizenSession(home.code, 'Bent Anden');
  for (const citizen of [a, b]) await screen(citizen.token, calm);
  await post(a.token, '/borger/jobrejse', '/borger/jobrejse/aktiviteter', { kind: 'listing', itemId: interview });
  await post(b.token, '/borger/jobrejse', '/borger/jobrejse/aktiviteter', { kind: 'listing', itemId: digital });
  const bActivity = await db.selectFrom('plan_activity').select('id').where('citizen_id', '=', b.id).executeTakeFirstOrThrow();

  const aPage = await open(a.token, '/borger/jobrejse');
  const aPlan = aPage.body.slice(aPage.body.indexOf('id="plan-heading"'), aPage.body.indexOf('id="recommendations-heading"'));
  assert.match(aPlan, /Øvebanen til jobsamtaler/);
  assert.doesNotMatch(aPlan, /Digital på arbejdsmarkedet/);
  assert.equal((await post(a.token, '/borger/jobrejse', `/borger/jobrejse/aktiviteter/${bActivity.id}/status`, { status: 'dropped' })).statusCode, 404);
  assert.equal((await db.selectFrom('plan_activity').select('status').where('id', '=', bActivity.id).executeTakeFirstOrThrow()).status, 'planned');

  // As the application role with only app.citizen set: B's rows do not exist, whatever the query asks for.
  const seen = await withTenant(appDb, { citizen: a.id }, async (trx) => ({
    all: await trx.selectFrom('plan_activity').select('citizen_id').execute(),
    theirs: await trx.selectFrom('plan_activity').select('id').where('citizen_id', '=', b.id).execute(),
    profiles: await trx.selectFrom('citizen_profile').select('citizen_id').execute(),
    escalations: await trx.selectFrom('escalation').select('citizen_id').execute(),
    logs: await trx.selectFrom('recommendation_log').select('citizen_id').execute(),
    changed: await trx.updateTable('plan_activity').set({ status: 'dropped' }).where('id', '=', bActivity.id).executeTakeFirst(),
  }));
  assert.ok(seen.all.length >= 1 && seen.all.every((row) => row.citizen_id === a.id));
  assert.deepEqual(seen.theirs, []);
  assert.ok(seen.profiles.every((row) => row.citizen_id === a.id));
  assert.ok(seen.escalations.every((row) => row.citizen_id === a.id));
  assert.ok(seen.logs.every((row) => row.citizen_id === a.id));
  assert.equal(Number(seen.changed.numUpdatedRows), 0);
  await assert.rejects(
    withTenant(appDb, { citizen: a.id }, (trx) =>
      trx
        .insertInto('plan_activity')
        .values({ citizen_id: b.id, municipality_code: home.code, source: 'chosen', title: 'Snyd', created_by: 'x', created_by_name: 'x' })
        .execute(),
    ),
    /row-level security/,
  );
  const none = await appDb.selectFrom('plan_activity').select('id').execute();
  assert.deepEqual(none, [], 'without a tenant nothing is visible');
  await assert.rejects(appDb.deleteFrom('recommendation_log').execute(), /permission denied/, 'the recommendation log is append-only');
});
