// The knowledge base (issue 18, "Questions 24/7") through the real app: governance writes national answers and each
// municipality's content owner its local ones (only its own: another's is not found, in the pages and under row-level
// security); a citizen's question finds answers by Danish stem and through a misspelt word, each with the words that
// matched where; a citizen sees national answers and their own municipality's, never another's; English pages show
// English text or say it is only in Danish; "Ja, tak" and the counts carry no citizen id; the hand-over: a question the
// answers did not satisfy becomes ONE message to the jobcenter (a resubmitted form makes no second) carrying the
// question and the answers shown, read back by the jobcenter's caseworker, and when the caseworker answers the citizen
// gets one notification of kind 'answer'; the content owner sees the question, another municipality and governance
// do not; deleting asks first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { formatDateTime } from '../src/platform/i18n/index.ts';
import { knowledgeSeed } from '../src/modules/knowledge/index.ts';
import { createTestApp, cookiesFrom, csrfTokenIn, signedInForms } from './support/app.ts';
import { createCitizen, createJobcenter, createMunicipality, createOrganisation, createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { open, post } = signedInForms(app);

const home = await createMunicipality(db, { name: 'Vidensby' });
const other = await createMunicipality(db, { name: 'Fjernby' });
const homeOrg = await createOrganisation(db, { kind: 'kommune', municipalityCode: home.code, name: 'Vidensby Kommune' });
await createJobcenter(db, home.code, {
  name: 'Jobcenter Vidensby',
  opening_hours: [
    { weekday: 1, opens: '08:30', closes: '15:00' },
    { weekday: 5, opens: '08:30', closes: '12:00' },
  ],
});
const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Sofie Spørger' });
const stranger = await createCitizen(db, { municipalityCode: other.code, name: 'Frida Fjern' });
const citizenPrincipal = { ...principalFor('citizen', { municipalityCode: home.code, citizenId: citizen.id }), municipality: home, name: 'Sofie Spørger' };
const citizenToken = await createSession(db, citizenPrincipal);
const strangerToken = await createSession(db, { ...principalFor('citizen', { municipalityCode: other.code, citizenId: stranger.id }), municipality: other });
const staff = (role: 'content_owner' | 'municipal_admin' | 'caseworker', municipality: { code: string; name: string }) =>
  createSession(db, { ...principalFor(role, { municipalityCode: municipality.code }), municipality, name: `Test ${role} ${municipality.name}` });
const owner = await staff('content_owner', home);
const foreignOwner = await staff('content_owner', other);
const caseworkerPrincipal = { ...principalFor('caseworker', { organisation: homeOrg }), name: 'Anne Sagsbehandler' };
const caseworker = await createSession(db, caseworkerPrincipal);
const governance = await createSession(db, principalFor('governance_admin'));
const reviewer = await createSession(db, principalFor('governance_reviewer'));

const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const formTokenIn = (body: string) => /name="_skema" value="([^"]+)"/.exec(body)?.[1] ?? '';
const english = (token: string) => ({ cookie: `jobunivers-session=${token}; lang=en` });
const articleId = async (title: string) => (await db.selectFrom('knowledge_article').select('id').where('title_da', '=', title).executeTakeFirstOrThrow()).id;

/** Creates an article through the area's form, as a browser would (its own one-time token unless one is given). */
async function write(token: string, base: string, fields: Record<string, string>, formToken?: string) {
  const form = await open(token, `${base}/ny`);
  assert.equal(form.statusCode, 200, form.body.slice(0, 300));
  return post(token, `${base}/ny`, base, { _skema: formToken ?? formTokenIn(form.body), published: 'ja', ...fields });
}

/** Asks a question as a citizen (the question is posted, not put in the address). */
const ask = (token: string, question: string) => post(token, '/borger/spoergsmaal', '/borger/spoergsmaal', { spoergsmaal: question });

async function askInEnglish(token: string, question: string) {
  const page = await app.inject({ url: '/borger/spoergsmaal', headers: english(token) });
  return app.inject({
    method: 'POST',
    url: '/borger/spoergsmaal',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}; lang=en`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), spoergsmaal: question }).toString(),
  });
}

test('governance writes national answers once per form token; field messages write nothing; a reviewer reads but does not write', async () => {
  const form = await open(governance, '/faellesskab/vidensbase/ny');
  const token = formTokenIn(form.body);
  const fields = {
    titleDa: 'Hjælp til tandlægeregningen',
    bodyDa: 'Har du svært ved at betale en tandlægeregning, kan du søge om hjælp hos kommunen. Tag regningen med til jobcentret.',
    titleEn: 'Help with the dentist bill',
    bodyEn: 'If you find it hard to pay a dentist bill, you can apply for help from the municipality. Bring the bill to the jobcentre.',
    keywords: 'tandpleje, tænder',
  };
  const first = await write(governance, '/faellesskab/vidensbase', fields, token);
  assert.equal(first.statusCode, 303, first.body.slice(0, 500));
  assert.equal(first.headers.location, '/faellesskab/vidensbase?besked=oprettet');
  const again = await write(governance, '/faellesskab/vidensbase', fields, token);
  assert.equal(again.headers.location, '/faellesskab/vidensbase?besked=allerede', 'a resubmit makes nothing new');
  const rows = await db.selectFrom('knowledge_article').select(['municipality_code', 'keywords']).where('title_da', '=', fields.titleDa).execute();
  assert.deepEqual(rows, [{ municipality_code: null, keywords: 'tandpleje, tænder' }]);

  const onlyEnglishTitle = await write(governance, '/faellesskab/vidensbase', {
    titleDa: 'Halv oversat',
    bodyDa: 'En tekst på dansk, der er lang nok.',
    titleEn: 'Half',
  });
  assert.equal(onlyEnglishTitle.statusCode, 400);
  assert.match(text(onlyEnglishTitle.body), /Svaret på engelsk: Skriv både overskrift og svar på engelsk, eller ingen af dem/);
  assert.equal(await db.selectFrom('knowledge_article').select('id').where('title_da', '=', 'Halv oversat').executeTakeFirst(), undefined);

  const draft = await write(governance, '/faellesskab/vidensbase', {
    titleDa: 'Kladde om tandlægeregning',
    bodyDa: 'Ikke færdig endnu, men om tandlægeregning.',
    published: '',
  });
  assert.equal(draft.statusCode, 303);

  const list = await open(reviewer, '/faellesskab/vidensbase');
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), /Hjælp til tandlægeregningen Udgivet/);
  assert.doesNotMatch(list.body, /vidensbase\/ny/, 'a reviewer is offered no new answer');
  assert.equal((await open(reviewer, '/faellesskab/vidensbase/ny')).statusCode, 403);
  assert.equal((await open(owner, '/faellesskab/vidensbase')).statusCode, 403);
});

test('a content owner writes and edits only their own municipality’s local answers', async () => {
  const created = await write(owner, '/kommune/vidensbase', {
    titleDa: 'Busbillet til samtaler i Vidensby',
    bodyDa: 'Skal du til samtale på jobcentret, kan du få refunderet din busbillet. Vis billetten i receptionen.',
    keywords: 'transport, bus',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  const foreignCreated = await write(foreignOwner, '/kommune/vidensbase', {
    titleDa: 'Busbillet til samtaler i Fjernby',
    bodyDa: 'I Fjernby betaler jobcentret din busbillet til samtaler, hvis du bor mere end 5 km væk.',
  });
  assert.equal(foreignCreated.statusCode, 303);
  const own = await articleId('Busbillet til samtaler i Vidensby');
  const foreign = await articleId('Busbillet til samtaler i Fjernby');
  assert.deepEqual(await db.selectFrom('knowledge_article').select('municipality_code').where('id', 'in', [own, foreign]).orderBy('title_da').execute(), [
    { municipality_code: other.code },
    { municipality_code: home.code },
  ]);

  const list = text((await open(owner, '/kommune/vidensbase')).body);
  assert.match(list, /Busbillet til samtaler i Vidensby/);
  assert.doesNotMatch(list, /Fjernby/, 'another municipality’s answers are not listed');
  assert.doesNotMatch(list, /tandlægeregning/, 'national answers are governance’s list');

  const edited = await post(owner, `/kommune/vidensbase/${own}/rediger`, `/kommune/vidensbase/${own}/rediger`, {
    titleDa: 'Busbillet til samtaler i Vidensby',
    bodyDa: 'Skal du til samtale på jobcentret, kan du få refunderet din busbillet eller togbillet. Vis billetten i receptionen.',
    keywords: 'transport, bus, tog',
    published: 'ja',
  });
  assert.equal(edited.statusCode, 303);
  assert.equal(edited.headers.location, '/kommune/vidensbase?besked=gemt');

  assert.equal((await open(owner, `/kommune/vidensbase/${foreign}/rediger`)).statusCode, 404, 'another municipality’s answer is not found');
  const tampered = await post(owner, `/kommune/vidensbase/${own}/rediger`, `/kommune/vidensbase/${foreign}/rediger`, {
    titleDa: 'Overtaget',
    bodyDa: 'Denne tekst må aldrig blive gemt i en anden kommune.',
  });
  assert.equal(tampered.statusCode, 404);
  const deleteForeign = await post(owner, '/kommune/vidensbase', `/kommune/vidensbase/${foreign}/slet`, { bekraeft: 'ja' });
  assert.equal(deleteForeign.statusCode, 404);
  assert.equal(
    (await db.selectFrom('knowledge_article').select('title_da').where('id', '=', foreign).executeTakeFirstOrThrow()).title_da,
    'Busbillet til samtaler i Fjernby',
    'untouched',
  );
  assert.equal(
    (await open(owner, `/kommune/vidensbase/${await articleId('Hjælp til tandlægeregningen')}/rediger`)).statusCode,
    404,
    'national answers are not theirs',
  );

  // Row-level security holds without the service's filter: a municipality's transaction sees and changes only its own.
  const seen = await db.transaction().execute(async (trx) => {
    await sql`set local role jobunivers_app`.execute(trx);
    await sql`select set_config('app.municipality', ${home.code}, true)`.execute(trx);
    const updated = await sql`update knowledge_article set title_da = 'Overtaget' where id = ${foreign}::uuid`.execute(trx);
    const rows = await sql<{ title_da: string }>`select title_da from knowledge_article where municipality_code is not null order by title_da`.execute(trx);
    return { updated: Number(updated.numAffectedRows), titles: rows.rows.map((r) => r.title_da) };
  });
  assert.deepEqual(seen, { updated: 0, titles: ['Busbillet til samtaler i Vidensby'] });
});

test('search finds by Danish stem and through a misspelt word, and the explanation names the words that matched', async () => {
  const byStem = await ask(citizenToken, 'Hvordan betaler jeg mine tandlægeregninger?');
  assert.equal(byStem.statusCode, 200, byStem.body.slice(0, 300));
  const page = text(byStem.body);
  assert.match(page, /De bedste svar \(\d\)/);
  assert.match(page, /Hjælp til tandlægeregningen/);
  assert.match(byStem.body, /Ord fra dit spørgsmål i overskriften: <mark>tandlægeregninger<\/mark>/);
  assert.match(byStem.body, /Ord fra dit spørgsmål i teksten: (<mark>[^<]+<\/mark>, )*<mark>tandlægeregninger<\/mark>/);
  assert.match(byStem.body, /<p>[^\n]*<mark>tandlægeregning<\/mark>/, 'the passage marks the matching word');
  assert.doesNotMatch(page, /Vi har læst et ord som et andet/, 'everyday words are not corrected into others');
  assert.match(page, /Nationalt svar fra Jobunivers/);
  assert.doesNotMatch(page, /Kladde om tandlægeregning/, 'drafts are never answers');

  const misspelt = await ask(citizenToken, 'Hjælp til tandlægregning');
  const misspeltPage = text(misspelt.body);
  assert.match(misspeltPage, /Vi har læst et ord som et andet: »tandlægregning« som »tandlægeregning[a-z]*«/);
  assert.match(misspeltPage, /Hjælp til tandlægeregningen/);

  const byKeyword = await ask(citizenToken, 'Noget om tandpleje');
  assert.match(byKeyword.body, /Ord fra dit spørgsmål i nøgleordene: <mark>tandpleje<\/mark>/);

  // What a citizen typed is escaped, never markup.
  const hostile = await ask(citizenToken, '<script>alert(1)</script> tandlægeregning');
  assert.doesNotMatch(hostile.body, /<script>alert/);
  assert.equal((await ask(citizenToken, '')).statusCode, 400);
});

test('a citizen sees national answers and their own municipality’s local ones, never another municipality’s', async () => {
  const own = await ask(citizenToken, 'Får jeg min busbillet betalt?');
  const page = text(own.body);
  assert.match(page, /Busbillet til samtaler i Vidensby/);
  assert.match(page, /Lokalt svar fra Vidensby Kommune/);
  assert.doesNotMatch(page, /Fjernby/);
  const theirs = text((await ask(strangerToken, 'Får jeg min busbillet betalt?')).body);
  assert.match(theirs, /Busbillet til samtaler i Fjernby/);
  assert.doesNotMatch(theirs, /Vidensby/);

  const foreign = await articleId('Busbillet til samtaler i Fjernby');
  assert.equal((await open(citizenToken, `/borger/spoergsmaal/svar/${foreign}`)).statusCode, 404, 'opened by id: not found');
  const national = await articleId('Hjælp til tandlægeregningen');
  assert.match(text((await open(citizenToken, `/borger/spoergsmaal/svar/${national}`)).body), /Tag regningen med til jobcentret/);
  const draft = await articleId('Kladde om tandlægeregning');
  assert.equal((await open(citizenToken, `/borger/spoergsmaal/svar/${draft}`)).statusCode, 404);
  // Nor does typo correction borrow another municipality's words: "fjernbi" is near only Fjernby's text.
  assert.match(text((await ask(strangerToken, 'Bor jeg i fjernbi?')).body), /»fjernbi« som »fjernby«/, 'Fjernby’s citizen gets the correction');
  assert.doesNotMatch(text((await ask(citizenToken, 'Bor jeg i fjernbi?')).body), /»fjernbi«/);
  assert.equal((await open(owner, '/borger/spoergsmaal')).statusCode, 403, 'staff do not ask as citizens');
});

test('English pages show the English text, or say that an answer is only in Danish', async () => {
  const national = await askInEnglish(citizenToken, 'tandlægeregning');
  assert.equal(national.statusCode, 200);
  assert.match(text(national.body), /Help with the dentist bill/);
  assert.match(text(national.body), /Words from your question in the heading/);
  const local = await askInEnglish(citizenToken, 'busbillet');
  assert.match(local.body, /<span lang="da">Busbillet til samtaler i Vidensby<\/span>/);
  assert.match(text(local.body), /This answer is only available in Danish/);
  assert.match(text(local.body), /Local answer from Vidensby Municipality/);
});

test('the hand-over: one message to the jobcenter with the question and the answers shown; the answer notifies the citizen once', async () => {
  const question = 'Kan jeg få hjælp til en tandlægeregning på 4.000 kr., når jeg er på dagpenge?';
  const answers = await ask(citizenToken, question);
  const shown = [...answers.body.matchAll(/name="vist" value="([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '');
  assert.ok(shown.length >= 1 && shown.length <= 5, 'at most five answers are shown, and carried along');
  const useBefore = await db
    .selectFrom('knowledge_article_use')
    .select(['article_id', 'shown', 'handed_over'])
    .where('municipality_code', '=', home.code)
    .execute();
  assert.ok(
    useBefore.some((u) => shown.includes(u.article_id) && u.shown >= 1),
    'shown answers are counted',
  );

  const form = await post(citizenToken, '/borger/spoergsmaal', '/borger/spoergsmaal/videre', { spoergsmaal: question, vist: shown });
  assert.equal(form.statusCode, 200);
  assert.match(text(form.body), /Hjælp til tandlægeregningen/);
  assert.match(text(form.body), /Mandag 08:30–15:00/, 'the jobcenter’s opening hours');
  const token = formTokenIn(form.body);
  assert.ok(token);
  const send = () => post(citizenToken, '/borger/spoergsmaal', '/borger/spoergsmaal/send', { _skema: token, spoergsmaal: question, vist: shown });
  const sent = await send();
  assert.equal(sent.statusCode, 200, sent.body.slice(0, 500));
  const resent = await send();
  assert.equal(resent.statusCode, 200);

  const threads = await sql<{ id: string; expected_answer_by: Date; from_question: { question: string; articles: { id: string; title: string }[] } }>`
    select id, expected_answer_by, from_question from message_thread where citizen_id = ${citizen.id}::uuid`.execute(db);
  assert.equal(threads.rows.length, 1, 'one thread, whatever the resubmits');
  const thread = threads.rows[0];
  assert.ok(thread);
  const messages = await sql<{ body: string }>`select body from message where thread_id = ${thread.id}::uuid`.execute(db);
  assert.deepEqual(
    messages.rows.map((m) => m.body),
    [question],
    'one message, the question',
  );
  assert.equal(thread.from_question.question, question);
  assert.deepEqual(thread.from_question.articles.map((a) => a.id).sort(), [...shown].sort(), 'the answers shown go with it');
  for (const page of [sent, resent]) {
    assert.match(text(page.body), /Dit spørgsmål er sendt til jobcentret/);
    assert.ok(text(page.body).includes(`Du kan forvente et svar senest ${formatDateTime('da', thread.expected_answer_by)}`), 'in Copenhagen time');
  }
  const handovers = await db.selectFrom('knowledge_handover').select(['question', 'article_ids', 'municipality_code']).execute();
  assert.deepEqual(
    handovers.filter((h) => h.question === question).map((h) => [h.municipality_code, [...h.article_ids].sort()]),
    [[home.code, [...shown].sort()]],
    'kept once, for the municipality',
  );
  const handedOver = await db.selectFrom('knowledge_article_use').select(['article_id', 'handed_over']).where('municipality_code', '=', home.code).execute();
  assert.deepEqual(
    handedOver
      .filter((u) => u.handed_over > 0)
      .map((u) => [u.article_id, u.handed_over])
      .sort(),
    [...shown].sort().map((id) => [id, 1]),
  );

  // The jobcenter reads it: the question and the answers the citizen had seen.
  const staffView = await open(caseworker, `/medarbejder/beskeder/${thread.id}`);
  assert.equal(staffView.statusCode, 200, staffView.body.slice(0, 300));
  assert.ok(text(staffView.body).includes(question.replace(/\s+/g, ' ')));
  assert.match(text(staffView.body), /Hjælp til tandlægeregningen/);

  // The caseworker answers in the thread; the citizen is notified once, as an answer.
  const replyPage = await open(caseworker, `/medarbejder/beskeder/${thread.id}`);
  const boundary = `----knowledge${Date.now()}`;
  const parts = Object.entries({
    _csrf: csrfTokenIn(replyPage.body),
    _skema: formTokenIn(replyPage.body),
    body: 'Ja, du kan søge om enkeltydelse. Send regningen til os.',
  }).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const replied = await app.inject({
    method: 'POST',
    url: `/medarbejder/beskeder/${thread.id}`,
    headers: { cookie: `${cookiesFrom(replyPage)}; jobunivers-session=${caseworker}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `${parts.join('')}--${boundary}--\r\n`,
  });
  assert.equal(replied.statusCode, 303, replied.body.slice(0, 300));
  const notices = await sql<{
    kind: string;
    link: string;
  }>`select kind, link from notification where citizen_id = ${citizen.id}::uuid order by created_at`.execute(db);
  assert.deepEqual(notices.rows, [{ kind: 'answer', link: `/borger/beskeder/${thread.id}` }]);
  assert.match(text((await open(citizenToken, `/borger/beskeder/${thread.id}`)).body), /Ja, du kan søge om enkeltydelse/);
});

test('"Ja, tak" is counted without any citizen id; the content owner sees the handed-over question, others do not', async () => {
  const national = await articleId('Hjælp til tandlægeregningen');
  const thanks = await post(citizenToken, '/borger/spoergsmaal', '/borger/spoergsmaal/hjalp', { artikel: national });
  assert.equal(thanks.statusCode, 303);
  assert.equal(thanks.headers.location, '/borger/spoergsmaal?tak=1');
  const foreign = await articleId('Busbillet til samtaler i Fjernby');
  assert.equal((await post(citizenToken, '/borger/spoergsmaal', '/borger/spoergsmaal/hjalp', { artikel: foreign })).statusCode, 404);
  const use = await db
    .selectFrom('knowledge_article_use')
    .selectAll()
    .where('article_id', '=', national)
    .where('municipality_code', '=', home.code)
    .executeTakeFirstOrThrow();
  assert.equal(use.helped, 1);
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_name in ('knowledge_article_use', 'knowledge_handover') and (column_name like '%citizen%' or column_name like '%subject%' or column_name like '%name%')`.execute(
    db,
  );
  assert.deepEqual(columns.rows, [], 'no citizen id, subject or name in the statistics');

  const insight = text((await open(owner, '/kommune/vidensbase/indsigt')).body);
  assert.match(insight, /Kan jeg få hjælp til en tandlægeregning på 4\.000 kr\./);
  assert.match(insight, /Borgeren havde set: .*Hjælp til tandlægeregningen/);
  assert.match(insight, /Hjælp til tandlægeregningen Nationalt \d+ 1 1/, 'shown, helped once, handed over once');
  assert.doesNotMatch(insight, /Sofie/, 'no citizen names');
  const foreignInsight = text((await open(foreignOwner, '/kommune/vidensbase/indsigt')).body);
  assert.doesNotMatch(foreignInsight, /tandlægeregning på 4\.000/);
  assert.match(foreignInsight, /Hjælp til tandlægeregningen Nationalt \d+ 0 0/, 'their own citizens’ counts only');
  const nationalInsight = text((await open(reviewer, '/faellesskab/vidensbase/indsigt')).body);
  assert.doesNotMatch(nationalInsight, /tandlægeregning på 4\.000/, 'governance sees figures, not questions');
  assert.match(nationalInsight, /Hjælp til tandlægeregningen Nationalt \d+ 1 1/);
});

test('deleting an answer asks first', async () => {
  const own = await articleId('Busbillet til samtaler i Vidensby');
  const asked = await post(owner, '/kommune/vidensbase', `/kommune/vidensbase/${own}/slet`);
  assert.equal(asked.statusCode, 200);
  assert.match(text(asked.body), /Vil du slette svaret »Busbillet til samtaler i Vidensby«\?/);
  assert.ok(await db.selectFrom('knowledge_article').select('id').where('id', '=', own).executeTakeFirst(), 'nothing deleted yet');
  const confirmed = await post(owner, '/kommune/vidensbase', `/kommune/vidensbase/${own}/slet`, { bekraeft: 'ja' });
  assert.equal(confirmed.statusCode, 303);
  assert.equal(await db.selectFrom('knowledge_article').select('id').where('id', '=', own).executeTakeFirst(), undefined);
});

test('the demo seed holds national answers in Danish and English and local ones for the demo municipalities', async () => {
  const seeded = await db
    .selectFrom('knowledge_article')
    .select(['seed_key', 'municipality_code', 'title_en', 'published'])
    .where('seed_key', 'is not', null)
    .execute();
  assert.ok(seeded.filter((a) => a.municipality_code === null && a.title_en && a.published).length >= 7);
  assert.deepEqual([...new Set(seeded.filter((a) => a.municipality_code).map((a) => a.municipality_code))].sort(), ['101', '751']);
  const words = await db.selectFrom('knowledge_word').select('word').where('scope', '=', '').where('word', '=', 'joblog').execute();
  assert.equal(words.length, 1, 'the word list is built from the published articles');
  await knowledgeSeed.run(db);
  const again = await db.selectFrom('knowledge_article').select(['seed_key']).where('seed_key', 'is not', null).execute();
  assert.equal(again.length, seeded.length, 'running the seed again adds nothing');
});
