// Job suggestions (issue 17): a caseworker of the organisation responsible for a citizen suggests an ad with a note,
// opened with a purpose that lands in the citizen's Min Log; the same ad twice, or one no longer advertised, is a field
// error and no second row; the citizen sees it and answers (not relevant needs a reason, will apply a day not in the
// past; nothing half-written), may change the answer, and the caseworker sees it; both the suggestion and the answer
// are on the citizen's timeline; another organisation's caseworker finds no such citizen and nothing is logged; the
// citizen may change only the answer (row-level security and column grants); both languages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { HtmlValidate, type ConfigData } from 'html-validate';
import pg from 'pg';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import { createJobFeedClient, createJobFeedSimulator, ingestJobAds, startJobFeedSimulatorServer } from '../src/modules/jobs/index.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());
const { open, post } = signedInForms(app);

const simulator = createJobFeedSimulator({ seed: 'jobs-suggestions-test', initialAds: 100 });
simulator.setHead(100);
const server = await startJobFeedSimulatorServer(simulator);
after(() => server.close());
const today = copenhagenDate();
await ingestJobAds(appDb, createJobFeedClient(server.url, 5000), { today });

const ads = await db.selectFrom('job_ad').select(['ad_id', 'title', 'employer_name', 'town']).orderBy('ad_id').limit(3).execute();
const [first, second, third] = ads;
if (!first || !second || !third) throw new Error('the feed simulator gave fewer than three ads');

const home = await createMunicipality(db, { name: 'Forslagby' });
const other = await createMunicipality(db, { name: 'Fjernby' });
const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Sofie Forslag' });
const citizenToken = await createSession(db, { ...principalFor('citizen', { municipalityCode: home.code, citizenId: citizen.id }), name: 'Sofie Forslag' });
const caseworker = await createSession(db, {
  ...principalFor('caseworker', { municipalityCode: home.code }),
  name: 'Anne Sagsbehandler',
  municipality: { code: home.code, name: 'Forslagby' },
  organisation: { id: `kommune-${home.code}`, kind: 'kommune', name: 'Forslagby Kommune' },
});
const foreign = await createSession(db, {
  ...principalFor('caseworker', { municipalityCode: other.code }),
  name: 'Frede Fremmed',
  municipality: { code: other.code, name: 'Fjernby' },
  organisation: { id: `kommune-${other.code}`, kind: 'kommune', name: 'Fjernby Kommune' },
});

const purpose = 'Opfølgning på jobsøgning';
const page = `/medarbejder/borgere/${citizen.id}/jobforslag`;
const withPurpose = (extra = '') => `${page}?purpose=${encodeURIComponent(purpose)}${extra}`;
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const formTokenIn = (body: string) => /name="_skema" value="([^"]+)"/.exec(body)?.[1] ?? '';
const suggestionsOf = () => db.selectFrom('job_suggestion').selectAll().where('citizen_id', '=', citizen.id).orderBy('created_at').execute();
const accessLog = () =>
  db.selectFrom('access_log').select(['actor_name', 'action', 'purpose', 'data_category']).where('citizen_id', '=', citizen.id).orderBy('id').execute();
const addDays = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dateParts = (name: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}Day`]: String(Number(day)), [`${name}Month`]: String(Number(month)), [`${name}Year`]: year };
};

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const answersOf = async () =>
  (
    await sql<{ ad_id: string; answer: string | null; answer_reason: string | null; apply_by: string | null; answered_at: Date | null }>`
      select ad_id, answer, answer_reason, apply_by::text as apply_by, answered_at from job_suggestion
      where citizen_id = ${citizen.id}::uuid order by created_at`.execute(db)
  ).rows;

/**
 * Suggests `adId` from the caseworker's page as a browser would: the CSRF token of the page `from` (the citizen's page
 * with a search, by default) and a form token of it, unless one is given.
 */
async function suggest(session: string, adId: string, note: string, options: { formToken?: string; from?: string } = {}) {
  const from = options.from ?? withPurpose(`&sted=${encodeURIComponent(first?.town ?? '')}`);
  const token = options.formToken ?? (formTokenIn((await open(session, from)).body) || 'x'.repeat(32));
  return post(session, from, page, { action: 'suggest', purpose, adId, [`note-${adId}`]: note, _skema: token });
}

/** Answers a suggestion from the citizen's page: fields under their plain names (answer, reason, applyByDay …). */
function answer(suggestionId: string, fields: Record<string, string>) {
  const named = Object.fromEntries(
    Object.entries(fields).map(([name, value]) => {
      const datePart = /^applyBy(Day|Month|Year)$/.exec(name)?.[1];
      return [datePart ? `applyBy-${suggestionId}${datePart}` : `${name}-${suggestionId}`, value];
    }),
  );
  return post(citizenToken, '/borger/job/forslag', '/borger/job/forslag', { forslag: suggestionId, ...named });
}

test('a caseworker opens the page with a purpose (in Min Log), searches and suggests an ad with a note, once', async () => {
  const question = await open(caseworker, page);
  assert.equal(question.statusCode, 200);
  assert.doesNotMatch(question.body, /Sofie Forslag/, 'nothing of the citizen before a purpose');
  assert.equal((await open(caseworker, `${page}?purpose=ab`)).statusCode, 400, 'a purpose too short to say anything');
  assert.equal((await accessLog()).length, 0, 'nothing logged without a purpose');

  const citizenPage = await open(caseworker, `/medarbejder/borgere/${citizen.id}?purpose=${encodeURIComponent(purpose)}`);
  assert.ok(citizenPage.body.includes(`href="${page}"`), 'linked from the citizen page (the purpose holds for the working session)');

  const searched = await open(caseworker, withPurpose(`&sted=${encodeURIComponent(first.town)}`));
  assert.equal(searched.statusCode, 200);
  assert.match(text(searched.body), /Jobforslag til Sofie Forslag/);
  assert.match(text(searched.body), /Borgeren har ikke fået nogen jobforslag endnu\./);
  assert.match(searched.body, /Foreslå jobbet/, 'each ad found has a form');
  const forms = (searched.body.match(/name="action" value="suggest"/g) ?? []).length;
  assert.ok(forms > 0 && forms <= 10, `at most 10 ads, each with its form (${forms})`);
  const reads = await accessLog();
  assert.ok(reads.length >= 1, 'the look-up is in the citizen’s Min Log');
  assert.ok(
    reads.every((e) => e.actor_name === 'Anne Sagsbehandler' && e.action === 'read' && e.purpose === purpose && e.data_category === 'journey'),
    'with its purpose',
  );

  const token = formTokenIn(searched.body);
  assert.ok(token, 'each suggestion form carries a one-time form token');
  const sent = await suggest(caseworker, first.ad_id, 'Passer til din erfaring fra lageret.', { formToken: token });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
  assert.match(sent.headers.location ?? '', /gemt=1/);
  const rows = await suggestionsOf();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.ad_id, first.ad_id);
  assert.equal(rows[0]?.title, first.title, 'the ad is kept as it was');
  assert.equal(rows[0]?.employer_name, first.employer_name);
  assert.equal(rows[0]?.note, 'Passer til din erfaring fra lageret.');
  assert.equal(rows[0]?.sent_by, 'Anne Sagsbehandler');
  assert.equal(rows[0]?.organisation_id, `kommune-${home.code}`);
  assert.equal(rows[0]?.answer, null);

  const again = await suggest(caseworker, first.ad_id, 'Passer til din erfaring fra lageret.', { formToken: token });
  assert.equal(again.statusCode, 303, 'the same form sent again leads where the first did');
  assert.equal((await suggestionsOf()).length, 1, 'and makes no second row');

  const twice = await suggest(caseworker, first.ad_id, 'En gang til');
  assert.equal(twice.statusCode, 400);
  assert.match(text(twice.body), /Jobbet er allerede foreslået til borgeren\./);
  assert.equal((await suggestionsOf()).length, 1, 'one ad is suggested to a citizen once');

  const gone = await suggest(caseworker, 'sim-9999999', 'Findes ikke');
  assert.equal(gone.statusCode, 400);
  assert.match(text(gone.body), /Jobbet er ikke længere opslået\. Find et andet job\./);
  assert.equal((await suggestionsOf()).length, 1);

  const tooLong = await suggest(caseworker, second.ad_id, 'x'.repeat(1001));
  assert.equal(tooLong.statusCode, 400);
  assert.match(text(tooLong.body), /Skriv højst 1000 tegn\./);
  assert.equal((await suggestionsOf()).length, 1, 'nothing written on a refused form');

  assert.equal((await suggest(caseworker, second.ad_id, '')).statusCode, 303);
  const shown = text((await open(caseworker, withPurpose('&gemt=1'))).body);
  assert.match(shown, /Jobforslaget er sendt til borgeren\./);
  assert.ok(shown.includes(first.title) && shown.includes(second.title), 'the suggestions sent are listed');
  assert.match(shown, /Ikke besvaret endnu/);
  const changes = (await accessLog()).filter((e) => e.action === 'change');
  assert.equal(changes.length, 2, 'each suggestion sent is a change in Min Log');
  assert.ok(changes.every((e) => e.purpose === purpose));
});

test('the citizen answers: a wrong answer is told on its field and saves nothing; the caseworker sees the answers', async () => {
  const [one, two] = await suggestionsOf();
  assert.ok(one && two, 'two suggestions from the test before');
  const list = await open(citizenToken, '/borger/job/forslag');
  assert.equal(list.statusCode, 200);
  const listed = text(list.body);
  assert.ok(listed.includes(first.title) && listed.includes(second.title));
  assert.match(listed, /Passer til din erfaring fra lageret\./, 'the caseworker’s note');
  assert.match(listed, /Foreslået .* af Anne Sagsbehandler, Forslagby Kommune/);
  assert.match(list.body, new RegExp(`href="/borger/job/${first.ad_id}"`), 'the title links to the ad');
  assert.equal((listed.match(/Venter på dit svar/g) ?? []).length, 2);

  const noReason = await answer(one.id, { answer: 'not_relevant', reason: '  ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(text(noReason.body), /Skriv kort, hvorfor jobbet ikke er relevant for dig\./);
  assert.match(noReason.body, new RegExp(`id="field-reason-${one.id}-error"`), 'the message is on the field of that suggestion');
  assert.equal((await answersOf())[0]?.answer, null, 'nothing saved');

  const noAnswer = await answer(one.id, {});
  assert.equal(noAnswer.statusCode, 400);
  assert.match(text(noAnswer.body), /Vælg dit svar\./);

  const reasoned = await answer(one.id, { answer: 'not_relevant', reason: 'For langt at køre.' });
  assert.equal(reasoned.statusCode, 303);
  let rows = await answersOf();
  assert.equal(rows[0]?.answer, 'not_relevant');
  assert.equal(rows[0]?.answer_reason, 'For langt at køre.');
  assert.ok(rows[0]?.answered_at);

  const past = await answer(two.id, { answer: 'will_apply', ...dateParts('applyBy', addDays(-1)) });
  assert.equal(past.statusCode, 400);
  assert.match(text(past.body), /Dagen kan ikke være før i dag\./);
  const noDate = await answer(two.id, { answer: 'will_apply' });
  assert.match(text(noDate.body), /Skriv den dag, du senest søger jobbet\./);
  const badDate = await answer(two.id, { answer: 'will_apply', ...dateParts('applyBy', '2027-02-31') });
  assert.match(text(badDate.body), /Skriv en gyldig dato/);
  assert.equal((await answersOf())[1]?.answer, null, 'nothing saved');

  const applyBy = addDays(14);
  assert.equal((await answer(two.id, { answer: 'will_apply', ...dateParts('applyBy', applyBy) })).statusCode, 303);
  rows = await answersOf();
  assert.equal(rows[1]?.answer, 'will_apply');
  assert.equal(rows[1]?.apply_by, applyBy);

  const answered = text((await open(citizenToken, '/borger/job/forslag?gemt=1')).body);
  assert.match(answered, /Dit svar er gemt\./);
  assert.match(answered, /Ikke relevant: For langt at køre\./);
  assert.match(answered, /Ret dit svar/, 'an answer can be changed');
  assert.doesNotMatch(answered, /Venter på dit svar/);

  const seen = text((await open(caseworker, withPurpose())).body);
  assert.match(seen, /Ikke relevant: For langt at køre\./, 'the caseworker sees the answer and the reason');
  assert.match(seen, /Søger jobbet senest/);
  assert.match(seen, /besvaret/);

  // A changed answer replaces the old one: the reason goes with it.
  assert.equal((await answer(one.id, { answer: 'applied', reason: 'ignoreres' })).statusCode, 303);
  rows = await answersOf();
  assert.equal(rows[0]?.answer, 'applied');
  assert.equal(rows[0]?.answer_reason, null);
  assert.match(text((await open(caseworker, withPurpose())).body), /Har søgt jobbet/);
});

test('both the suggestion and the answer are on the citizen’s timeline, among applications and interviews', async () => {
  const timeline = text((await open(citizenToken, '/borger/tidslinje')).body);
  assert.match(timeline, new RegExp(`Forslagby Kommune foreslog dig jobbet »${escape(first.title)}«`));
  assert.match(timeline, new RegExp(`Du svarede på jobforslaget »${escape(first.title)}« .*: Du har søgt jobbet\\.`));
  assert.match(timeline, new RegExp(`Du svarede på jobforslaget »${escape(second.title)}« .*: Du søger jobbet senest`));
  const jobSearch = text((await open(citizenToken, '/borger/tidslinje?type=job-search')).body);
  assert.match(jobSearch, /foreslog dig jobbet/);
  const plan = text((await open(citizenToken, '/borger/tidslinje?type=plan')).body);
  assert.doesNotMatch(plan, /foreslog dig jobbet|jobforslaget/);
  const caseworkerView = text((await open(caseworker, `/medarbejder/borgere/${citizen.id}/tidslinje?purpose=${encodeURIComponent(purpose)}`)).body);
  assert.match(caseworkerView, /foreslog dig jobbet/, 'the caseworker’s look at the timeline shows them too');
});

test('a caseworker of another organisation finds no such citizen, and nothing is logged or written', async () => {
  const before = await accessLog();
  assert.equal((await open(foreign, withPurpose())).statusCode, 404);
  assert.equal((await suggest(foreign, third.ad_id, 'Fremmed', { from: '/medarbejder/borgere' })).statusCode, 404);
  const opened = await post(foreign, '/medarbejder/borgere', page, { purpose });
  assert.equal(opened.statusCode, 404);
  assert.deepEqual(await accessLog(), before, 'nothing in the citizen’s Min Log');
  assert.ok(!(await suggestionsOf()).some((s) => s.ad_id === third.ad_id));
  const minLog = text((await open(citizenToken, '/borger/min-log')).body);
  assert.match(minLog, new RegExp(purpose), 'the citizen sees the look-ups with their purpose');
  assert.doesNotMatch(minLog, /Frede Fremmed/);
});

test('the citizen may change only the answer; staff read but do not change it; the published view is read-only', async () => {
  const [one] = await suggestionsOf();
  assert.ok(one);
  await assert.rejects(
    withTenant(appDb, { citizen: citizen.id }, (trx) => sql`update job_suggestion set note = 'ændret' where id = ${one.id}::uuid`.execute(trx)),
    /permission denied/,
  );
  await assert.rejects(
    withTenant(appDb, { citizen: citizen.id }, (trx) =>
      sql`insert into job_suggestion (citizen_id, municipality_code, organisation_id, organisation_name, sent_by_subject, sent_by, ad_id, title, employer_name, town, deadline, url)
          values (${citizen.id}::uuid, ${home.code}, 'x', 'Selv', 's', 'Selv', 'sim-0000042', 'T', 'E', 'B', ${today}::date, 'https://example.dk')`.execute(
        trx,
      ),
    ),
    /row-level security/,
  );
  const staffUpdate = await withTenant(appDb, { organisation: `kommune-${home.code}` }, (trx) =>
    sql`update job_suggestion set answer = null, answered_at = null where id = ${one.id}::uuid`.execute(trx),
  );
  assert.equal(Number(staffUpdate.numAffectedRows ?? 0), 0, 'staff change no answer');
  const seenByOther = await withTenant(appDb, { organisation: `kommune-${other.code}` }, (trx) =>
    sql<{ id: string }>`select id from job_suggestion_entry where citizen_id = ${citizen.id}::uuid`.execute(trx),
  );
  assert.deepEqual(seenByOther.rows, [], 'another organisation sees none of them');
  const unscoped = await sql<{ id: string }>`select id from job_suggestion_entry`.execute(appDb);
  assert.deepEqual(unscoped.rows, [], 'no tenant, no rows');
});

test('an ad that expired stays suggested, marked as no longer advertised; "Min jobrejse" links with the count', async () => {
  await db.deleteFrom('job_ad').where('ad_id', '=', second.ad_id).execute();
  const list = await open(citizenToken, '/borger/job/forslag');
  assert.ok(text(list.body).includes(second.title), 'the suggestion keeps the ad as it was');
  assert.match(text(list.body), /Jobbet er ikke længere opslået\./);
  assert.doesNotMatch(list.body, new RegExp(`href="/borger/job/${second.ad_id}"`));

  await db.insertInto('citizen_profile').values({ citizen_id: citizen.id, municipality_code: home.code, screened_at: new Date() }).execute();
  const journeyBefore = await open(citizenToken, '/borger/jobrejse');
  assert.equal(journeyBefore.statusCode, 200);
  assert.match(journeyBefore.body, /href="\/borger\/job\/forslag"/);
  assert.doesNotMatch(text(journeyBefore.body), /venter på dit svar/, 'none waits for an answer');
  assert.equal((await suggest(caseworker, third.ad_id, '')).statusCode, 303);
  assert.match(text((await open(citizenToken, '/borger/jobrejse')).body), /Jobforslag til dig 1 venter på dit svar/);
});

test('the pages read in English, with no Danish text of the interface', async () => {
  const english = { cookie: `lang=en` };
  const own = await app.inject({ url: '/borger/job/forslag', headers: { cookie: `jobunivers-session=${citizenToken}; ${english.cookie}` } });
  assert.equal(own.statusCode, 200);
  const ownText = text(own.body);
  assert.match(ownText, /Job suggestions/);
  assert.match(ownText, /Your answer/);
  assert.match(ownText, /The job is no longer advertised\./);
  for (const danish of [
    'Jobforslag',
    'Dit svar',
    'Gem dit svar',
    'Venter på',
    'Foreslået',
    'Ansøgningsfrist',
    'Hvorfor er jobbet',
    'Hvornår søger',
    'Ret dit svar',
    'Besked',
    'Har søgt',
    'Ikke relevant',
  ])
    assert.ok(!ownText.includes(danish), `no Danish "${danish}" on the citizen’s page in English`);

  const staff = await app.inject({
    url: withPurpose(`&sted=${encodeURIComponent(first.town)}`),
    headers: { cookie: `jobunivers-session=${caseworker}; ${english.cookie}` },
  });
  assert.equal(staff.statusCode, 200);
  const staffText = text(staff.body);
  assert.match(staffText, /Job suggestions for Sofie Forslag/);
  assert.match(staffText, /Job suggestions sent/);
  for (const danish of [
    'Jobforslag til',
    'Sendte jobforslag',
    'Foreslå jobbet',
    'Borgerens svar',
    'Søg blandt',
    'Note til borgeren',
    'Ikke besvaret',
    'Har søgt',
    'Søger jobbet',
    'besvaret',
    'Tilbage til borgeren',
  ])
    assert.ok(!staffText.includes(danish), `no Danish "${danish}" on the caseworker’s page in English`);

  const timeline = text((await app.inject({ url: '/borger/tidslinje', headers: { cookie: `jobunivers-session=${citizenToken}; ${english.cookie}` } })).body);
  assert.match(timeline, /Forslagby Kommune suggested the job “/);
  assert.match(timeline, /You answered the job suggestion “/);
  assert.doesNotMatch(timeline, /foreslog dig|Du svarede/);
});

test('the pages are valid HTML in every state: answered and waiting, refused forms, search results', async () => {
  const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);
  const [one] = await answersOf();
  const suggestionId = (await suggestionsOf())[0]?.id ?? '';
  assert.ok(one && suggestionId);
  const pages = {
    'citizen list': (await open(citizenToken, '/borger/job/forslag?gemt=1')).body,
    'citizen refused': (await answer(suggestionId, { answer: 'will_apply', ...dateParts('applyBy', addDays(-3)) })).body,
    'caseworker purpose': (await open(caseworker, page)).body,
    'caseworker search': (await open(caseworker, withPurpose(`&sted=${encodeURIComponent(first.town)}&q=${encodeURIComponent('medarbejder')}`))).body,
    'caseworker refused': (await suggest(caseworker, 'sim-9999999', 'Findes ikke')).body,
    'caseworker bad place': (await open(caseworker, withPurpose('&sted=Intetsteds'))).body,
  };
  assert.match(pages['caseworker search'], /name="action" value="suggest"/, 'the search found ads to suggest');
  const problems: string[] = [];
  for (const [name, body] of Object.entries(pages)) {
    const report = await validator.validateString(body, `${name}.html`);
    for (const result of report.results) for (const m of result.messages) problems.push(`${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  assert.deepEqual(problems, []);
  assert.match(pages['caseworker bad place'], /id="field-sted-error">Vi kender ikke stedet\./, 'a place that names nothing is told on its field');
});

test('sending and answering a suggestion announce citizenChanged, so the citizen’s kept timeline forgets', async () => {
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  const heard: string[] = [];
  let wake = () => {};
  listener.on('notification', (message) => {
    const envelope = JSON.parse(message.payload ?? '{}') as { name?: string; table?: string; changes?: { citizenId: string }[] };
    if (envelope.name === 'citizenChanged' && envelope.table === 'job_suggestion' && envelope.changes?.some((c) => c.citizenId === citizen.id)) {
      heard.push(envelope.table);
      wake();
    }
  });
  await listener.query('listen jobunivers_changes');
  /** Resolves once `count` announcements were heard; fails after a deadline. */
  const announced = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`heard ${heard.length} of ${count} announcements`)), 5000);
      wake = () => {
        if (heard.length < count) return;
        clearTimeout(deadline);
        resolve();
      };
      wake();
    });
  try {
    const ad = await db
      .selectFrom('job_ad')
      .select('ad_id')
      .where('ad_id', 'not in', [first.ad_id, second.ad_id, third.ad_id])
      .orderBy('ad_id')
      .executeTakeFirstOrThrow();
    assert.equal((await suggest(caseworker, ad.ad_id, '')).statusCode, 303);
    await announced(1);
    const row = (await suggestionsOf()).find((r) => r.ad_id === ad.ad_id);
    assert.ok(row);
    assert.equal((await answer(row.id, { answer: 'applied' })).statusCode, 303);
    await announced(2);
  } finally {
    await listener.end();
  }
});
