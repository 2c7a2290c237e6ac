import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declarationChecklist, frameworksSeed } from '../src/modules/frameworks/index.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp();

// Sprogbroen ApS is a registered demo vendor without a declaration; Kompetencekompasset (39000016) is not registered;
// Jobtræner ApS (39000008, principalFor's default) has submitted its declaration against version 1.
const sprogbroen = { cvr: '39000032', name: 'Sprogbroen ApS (test)' };
const adminToken = await createSession(db, { ...principalFor('vendor_admin'), vendor: sprogbroen });
const developerToken = await createSession(db, { ...principalFor('vendor_developer'), vendor: sprogbroen });
const unregisteredToken = await createSession(db, { ...principalFor('vendor_admin'), vendor: { cvr: '39000016', name: 'Kompetencekompasset A/S (test)' } });
const jobtraenerToken = await createSession(db, principalFor('vendor_admin'));
const governanceToken = await createSession(db, principalFor('governance_admin'));
const reviewerToken = await createSession(db, principalFor('governance_reviewer'));

const { id: vendorId } = await db.selectFrom('vendor').select('id').where('cvr', '=', sprogbroen.cvr).executeTakeFirstOrThrow();
const version1 = await db.selectFrom('framework_version').selectAll().where('status', '=', 'published').executeTakeFirstOrThrow();

const DECLARATION = '/leverandoer/rammeaftale';
const FRAMEWORKS = '/faellesskab/rammeaftaler';

const get = (token: string, url: string, lang = 'da') => app.inject({ url, headers: { cookie: `jobunivers-session=${token}; lang=${lang}` } });

/** Opens `pageUrl` as a browser would (for its CSRF token) and sends the form fields to `url`. */
async function post(token: string, url: string, fields: Record<string, string>, pageUrl = url) {
  const page = await get(token, pageUrl);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
  });
}

const answers = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([key, value]) => [`answers.${key}`, value]));
const declare = (values: Record<string, string>, handling: 'indsend' | 'kladde', token = adminToken) =>
  post(token, DECLARATION, { ...answers(values), handling });

const declarations = () =>
  db
    .selectFrom('vendor_declaration as d')
    .innerJoin('framework_version as v', 'v.id', 'd.framework_version_id')
    .select(['d.id', 'd.status', 'd.submitted_at', 'v.version'])
    .where('d.vendor_id', '=', vendorId)
    .orderBy('v.version')
    .execute();
const storedAnswers = (declarationId: string) =>
  db.selectFrom('declaration_answer').selectAll().where('declaration_id', '=', declarationId).orderBy('requirement_key').execute();

const completeAnswers = {
  gdpr_dpa: 'yes',
  data_in_eu: 'yes',
  accessibility_statement: 'https://sprogbroen.example/tilgaengelighed',
  security_contact: 'sikkerhed@sprogbroen.example',
  nsis_level: 'Substantial',
  single_sign_on: 'yes',
  activity_events: 'yes',
  data_deletion: 'yes',
  support_contact: 'https://sprogbroen.example/hjaelp',
  iso_27001: 'no',
};

const fieldError = (key: string) => new RegExp(`id="field-answers-${key}-error">([^<]*)<`);

const frameworkRows = async () => ({
  versions: await db.selectFrom('framework_version').select(['id', 'status']).orderBy('version').execute(),
  requirements: await db.selectFrom('framework_requirement').select(['version_id', 'key', 'content_hash']).orderBy('version_id').orderBy('key').execute(),
  declarations: await db.selectFrom('vendor_declaration').select(['id', 'status']).orderBy('id').execute(),
  answers: await db
    .selectFrom('declaration_answer')
    .select(['declaration_id', 'requirement_key', 'value'])
    .orderBy('declaration_id')
    .orderBy('requirement_key')
    .execute(),
});

async function seedAgainChangesNothing(): Promise<void> {
  const before = await frameworkRows();
  await db.transaction().execute((trx) => frameworksSeed.run(trx));
  assert.deepEqual(await frameworkRows(), before);
}

test('the demo world has version 1 in force and Jobtræner’s declaration submitted; seeding again changes nothing', async () => {
  const { id: jobtraenerId } = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
  const checklist = await declarationChecklist(db, jobtraenerId);
  assert.equal(checklist?.version, 1);
  assert.equal(checklist?.status, 'submitted');
  assert.ok(checklist?.items.filter((item) => item.obligation === 'must').every((item) => item.satisfied));
  await seedAgainChangesNothing();
});

test('a vendor whose company is not registered is told to register it first, and cannot declare', async () => {
  const page = await get(unregisteredToken, DECLARATION);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /dkfds-virkdk\.min\.css/);
  assert.match(page.body, /Jeres virksomhed er ikke registreret endnu/);
  assert.match(page.body, /href="\/leverandoer\/virksomhed"/);
  assert.doesNotMatch(page.body, /name="answers\./);
  const response = await declare(completeAnswers, 'indsend', unregisteredToken);
  assert.equal(response.statusCode, 409);
  assert.match(response.body, /Jeres virksomhed er ikke registreret endnu/);
});

test('the declaration form has one field per requirement by answer type, with the obligation shown', async () => {
  const page = await get(adminToken, DECLARATION);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /dkfds-virkdk\.min\.css/);
  assert.match(page.body, /Rammeaftale for digitale beskæftigelsesindsatser 2026/);
  assert.match(page.body, /I har ikke afgivet erklæring til denne version endnu\./);
  assert.match(page.body, /type="radio" class="form-radio" id="field-answers-gdpr_dpa-yes" name="answers\.gdpr_dpa" value="yes"/);
  assert.match(page.body, /name="answers\.nsis_level" value="Substantial"><label for="[^"]+">Betydelig</);
  assert.match(page.body, /type="url" id="field-answers-accessibility_statement" name="answers\.accessibility_statement"/);
  assert.match(page.body, /type="email" id="field-answers-security_contact"/);
  assert.match(page.body, /<textarea class="form-input" id="field-answers-sub_processors" name="answers\.sub_processors"/);
  assert.equal(page.body.match(/badge-info">Skal opfyldes</g)?.length, 9);
  assert.equal(page.body.match(/badge-info">Valgfrit</g)?.length, 2);
  assert.match(page.body, /name="_csrf"/);
  assert.match(page.body, /name="versionId" value="[0-9a-f-]{36}"/);
  assert.match(page.body, /value="indsend">Indsend erklæring</);
  assert.match(page.body, /value="kladde">Gem kladde</);

  const english = await get(adminToken, DECLARATION, 'en');
  assert.match(english.body, /Framework agreement for digital employment services 2026/);
  assert.match(english.body, /Citizens’ data is stored and processed in the EU\/EEA only\./);
  assert.match(english.body, />Submit declaration</);
});

test('submitting with a must-answer missing or answered no gives field messages and stores nothing', async () => {
  const response = await declare({ gdpr_dpa: 'no', accessibility_statement: 'https://sprogbroen.example/tilgaengelighed' }, 'indsend');
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="error-summary"/);
  assert.equal(
    fieldError('gdpr_dpa').exec(response.body)?.[1],
    'Rammeaftalen kræver, at svaret er ja. I kan ikke indsende erklæringen, før kravet er opfyldt.',
  );
  assert.equal(fieldError('data_in_eu').exec(response.body)?.[1], 'Besvar kravet, før I indsender erklæringen.');
  assert.equal(fieldError('security_contact').exec(response.body)?.[1], 'Besvar kravet, før I indsender erklæringen.');
  assert.doesNotMatch(response.body, fieldError('accessibility_statement'));
  assert.doesNotMatch(response.body, fieldError('iso_27001'), 'an optional requirement may stay unanswered');
  // What was typed is shown again.
  assert.match(response.body, /name="answers\.accessibility_statement" value="https:\/\/sprogbroen\.example\/tilgaengelighed"/);
  assert.match(response.body, /name="answers\.gdpr_dpa" value="no" checked/);
  assert.deepEqual(await declarations(), []);
});

test('answers of the wrong form get field messages and nothing is stored, not even the valid ones', async () => {
  const response = await declare(
    {
      gdpr_dpa: 'yes',
      accessibility_statement: 'ikke en adresse',
      support_contact: 'http://sprogbroen.example/hjaelp',
      security_contact: 'ikke en mail',
      nsis_level: 'Extreme',
      single_sign_on: 'måske',
      sub_processors: 'x'.repeat(1_000_000),
    },
    'kladde',
  );
  assert.equal(response.statusCode, 400);
  assert.equal(fieldError('accessibility_statement').exec(response.body)?.[1], 'Skriv en gyldig adresse, der begynder med https://.');
  assert.equal(fieldError('support_contact').exec(response.body)?.[1], 'Skriv en gyldig adresse, der begynder med https://.');
  assert.equal(fieldError('security_contact').exec(response.body)?.[1], 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.');
  assert.equal(fieldError('nsis_level').exec(response.body)?.[1], 'Vælg en af mulighederne.');
  assert.equal(fieldError('single_sign_on').exec(response.body)?.[1], 'Vælg en af mulighederne.');
  assert.equal(fieldError('sub_processors').exec(response.body)?.[1], 'Skriv højst 2000 tegn.');
  assert.deepEqual(await declarations(), []);
});

test('a draft keeps what was answered, and text is escaped on output', async () => {
  const response = await declare({ gdpr_dpa: 'yes', sub_processors: '<script>alert(1)</script> Hosting ApS, Danmark' }, 'kladde');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `${DECLARATION}?gemt=kladde`);
  const [declaration] = await declarations();
  assert.equal(declaration?.status, 'draft');
  const page = await get(adminToken, response.headers.location);
  assert.match(page.body, /Kladden er gemt\./);
  assert.match(page.body, /Erklæringen er gemt som kladde og er ikke indsendt\./);
  assert.match(page.body, /name="answers\.gdpr_dpa" value="yes" checked/);
  assert.match(page.body, />&lt;script&gt;alert\(1\)&lt;\/script&gt; Hosting ApS, Danmark<\/textarea>/);
  assert.doesNotMatch(page.body, /<script>alert/);
});

test('a developer reads the declaration but cannot change it', async () => {
  const page = await get(developerToken, DECLARATION);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Kun jeres leverandøradministrator kan besvare erklæringen\./);
  assert.doesNotMatch(page.body, /<form method="post" action="\/leverandoer\/rammeaftale"/);
  assert.match(page.body, /<dt>Leverandøren har underskrevet databehandleraftalen[^<]*<\/dt>\s*<dd><p class="mb-2">.*?<\/p>Ja<\/dd>/);
  const response = await declare({ gdpr_dpa: 'no' }, 'kladde', developerToken);
  assert.equal(response.statusCode, 403);
  const [declaration] = await declarations();
  const stored = await storedAnswers(declaration?.id ?? '');
  assert.equal(stored.find((a) => a.requirement_key === 'gdpr_dpa')?.value, 'yes');
});

test('the administrator answers every requirement and submits; the checklist reflects it', async () => {
  const response = await declare(completeAnswers, 'indsend');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `${DECLARATION}?gemt=indsendt`);
  const page = await get(adminToken, response.headers.location);
  assert.match(page.body, /Erklæringen er indsendt\./);
  assert.match(page.body, /Erklæringen er indsendt \d+\. [a-z]+ \d{4}/);
  const [declaration] = await declarations();
  assert.equal(declaration?.status, 'submitted');
  assert.ok(declaration?.submitted_at);

  const checklist = await declarationChecklist(db, vendorId);
  assert.equal(checklist?.version, 1);
  assert.equal(checklist?.status, 'submitted');
  assert.equal(checklist?.agreementTitle.da, 'Rammeaftale for digitale beskæftigelsesindsatser 2026');
  assert.equal(checklist?.items.length, 11);
  assert.ok(checklist?.items.filter((item) => item.obligation === 'must').every((item) => item.satisfied));
  assert.deepEqual(
    checklist?.items.find((item) => item.key === 'iso_27001'),
    {
      key: 'iso_27001',
      text: { da: 'Leverandøren er certificeret efter ISO/IEC 27001.', en: 'The vendor is certified to ISO/IEC 27001.' },
      obligation: 'may',
      answerType: 'yes_no',
      answer: 'no',
      satisfied: false,
    },
  );
});

test('governance lists the versions; a reviewer reads them but changes nothing', async () => {
  const list = await get(reviewerToken, FRAMEWORKS);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /<a href="\/faellesskab\/rammeaftaler\/[0-9a-f-]{36}">Version 1<\/a>/);
  assert.match(list.body, /badge-success">Gældende</);
  assert.doesNotMatch(list.body, /ny-version/);
  const version = await get(reviewerToken, `${FRAMEWORKS}/${version1.id}`);
  assert.match(version.body, /Kun fællesskabets administrator kan ændre rammeaftaler\./);
  assert.match(version.body, /<code>gdpr_dpa<\/code>/);
  assert.doesNotMatch(version.body, /action="[^"]*\/krav"/);
  const response = await post(reviewerToken, `${FRAMEWORKS}/${version1.id}/ny-version`, {}, FRAMEWORKS);
  assert.equal(response.statusCode, 403);
  assert.equal((await db.selectFrom('framework_version').select('id').execute()).length, 1);
  const unknown = await get(reviewerToken, `${FRAMEWORKS}/00000000-0000-4000-8000-000000000000`);
  assert.equal(unknown.statusCode, 404);
  const malformed = await get(reviewerToken, `${FRAMEWORKS}/not-a-uuid`);
  assert.equal(malformed.statusCode, 400);
});

test('governance drafts version 2 with one requirement changed and one added; only the administrator publishes it', async () => {
  const created = await post(governanceToken, `${FRAMEWORKS}/${version1.id}/ny-version`, {}, FRAMEWORKS);
  assert.equal(created.statusCode, 303);
  const draftPath = (created.headers.location ?? '').split('?')[0] ?? '';
  assert.match(draftPath, /^\/faellesskab\/rammeaftaler\/[0-9a-f-]{36}$/);
  const draftId = draftPath.split('/').pop() ?? '';
  const draft = await get(governanceToken, created.headers.location ?? '');
  assert.match(draft.body, /Kladden er oprettet som kopi af den gældende version\./);
  assert.match(draft.body, /badge-warning">Kladde</);
  assert.equal(draft.body.match(/<tr id="krav-/g)?.length, 11);

  const again = await post(governanceToken, `${FRAMEWORKS}/${version1.id}/ny-version`, {}, FRAMEWORKS);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Der findes allerede en kladde til rammeaftalen/);

  const bad = await post(
    governanceToken,
    `${draftPath}/krav`,
    { key: 'Ikke En Nøgle', textDa: '', textEn: 'x'.repeat(5000), answerType: 'pdf', obligation: 'must', checkCode: 'email' },
    draftPath,
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="field-key-error">Skriv 2-60 tegn: små bogstaver a-z, tal og _, begyndende med et bogstav\.</);
  assert.match(bad.body, /id="field-textDa-error">Udfyld feltet\.</);
  assert.match(bad.body, /id="field-textEn-error">Skriv højst 1000 tegn\.</);
  assert.match(bad.body, /id="field-answerType-error">Vælg en af mulighederne\.</);
  const mismatch = await post(
    governanceToken,
    `${draftPath}/krav`,
    { key: 'kontakt', textDa: 'Kontakt', textEn: 'Contact', answerType: 'yes_no', obligation: 'must', checkCode: 'email' },
    draftPath,
  );
  assert.equal(mismatch.statusCode, 400);
  assert.match(mismatch.body, /id="field-checkCode-error">Den automatiske kontrol passer ikke til svartypen\.</);
  const taken = await post(
    governanceToken,
    `${draftPath}/krav`,
    { key: 'gdpr_dpa', textDa: 'Igen', textEn: 'Again', answerType: 'yes_no', obligation: 'must' },
    draftPath,
  );
  assert.match(taken.body, /id="field-key-error">Versionen har allerede et krav med den nøgle\.</);
  assert.equal((await db.selectFrom('framework_requirement').select('key').where('version_id', '=', draftId).execute()).length, 11);

  const editPage = await get(governanceToken, `${draftPath}?rediger=data_in_eu`);
  assert.match(editPage.body, /Rediger kravet data_in_eu/);
  assert.match(
    editPage.body,
    /<textarea class="form-input" id="field-textDa" name="textDa"[^>]*>Borgernes data opbevares og behandles udelukkende i EU\/EØS\.<\/textarea>/,
  );
  const edited = await post(
    governanceToken,
    `${draftPath}/krav/data_in_eu`,
    {
      position: '2',
      textDa: 'Borgernes data, også backup og logning, opbevares og behandles udelukkende i EU/EØS.',
      textEn: 'Citizens’ data, backups and logs included, is stored and processed in the EU/EEA only.',
      helpDa: '',
      helpEn: '',
      answerType: 'yes_no',
      obligation: 'must',
      checkCode: '',
    },
    draftPath,
  );
  assert.equal(edited.statusCode, 303);
  const added = await post(
    governanceToken,
    `${draftPath}/krav`,
    {
      key: 'incident_notification',
      position: '3',
      textDa: 'Leverandøren underretter fællesskabet om brud på persondatasikkerheden inden for 24 timer.',
      textEn: 'The vendor notifies the governance body of personal data breaches within 24 hours.',
      answerType: 'yes_no',
      obligation: 'must',
    },
    draftPath,
  );
  assert.equal(added.statusCode, 303);
  const requirements = await db.selectFrom('framework_requirement').select(['key', 'position']).where('version_id', '=', draftId).orderBy('position').execute();
  assert.deepEqual(requirements.slice(0, 4), [
    { key: 'gdpr_dpa', position: 1 },
    { key: 'data_in_eu', position: 2 },
    { key: 'incident_notification', position: 3 },
    { key: 'accessibility_statement', position: 4 },
  ]);
  assert.deepEqual(
    requirements.map((r) => r.position),
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  const marked = await get(governanceToken, draftPath);
  assert.match(marked.body, /<tr id="krav-data_in_eu">[\s\S]*?badge-warning">Ændret krav</);
  assert.match(marked.body, /<tr id="krav-incident_notification">[\s\S]*?badge-warning">Nyt krav</);
  assert.equal(marked.body.match(/badge-warning">(Nyt|Ændret) krav</g)?.length, 2);

  const byReviewer = await post(reviewerToken, `${draftPath}/offentliggoer`, {}, draftPath);
  assert.equal(byReviewer.statusCode, 403);
  assert.equal((await db.selectFrom('framework_version').select('status').where('id', '=', draftId).executeTakeFirstOrThrow()).status, 'draft');

  const published = await post(governanceToken, `${draftPath}/offentliggoer`, {}, draftPath);
  assert.equal(published.statusCode, 303);
  const versions = await db.selectFrom('framework_version').select(['version', 'status', 'published_by']).orderBy('version').execute();
  assert.deepEqual(
    versions.map((v) => [v.version, v.status]),
    [
      [1, 'retired'],
      [2, 'published'],
    ],
  );

  const late = await post(governanceToken, `${draftPath}/krav/gdpr_dpa/fjern`, {}, draftPath);
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /Versionen er offentliggjort eller udgået og kan ikke ændres\./);
  assert.equal((await db.selectFrom('framework_requirement').select('key').where('version_id', '=', draftId).execute()).length, 12);
});

test('after version 2, the vendor sees every unchanged answer carried over and answers only the two that changed', async () => {
  const page = await get(adminToken, DECLARATION);
  assert.match(page.body, /Version 2, offentliggjort/);
  assert.match(page.body, /Jeres svar fra version 1 er overført til de krav, der ikke er ændret\. 2 krav er nye eller ændret/);
  assert.equal(page.body.match(/badge-success">Overført fra version 1</g)?.length, 10);
  assert.match(page.body, /class="bg-alternative p-5 mb-6" id="krav-data_in_eu"/);
  assert.match(page.body, /class="bg-alternative p-5 mb-6" id="krav-incident_notification"/);
  assert.equal(page.body.match(/class="bg-alternative p-5 mb-6"/g)?.length, 2);
  assert.doesNotMatch(page.body, /name="answers\.data_in_eu" value="yes" checked/);
  assert.match(page.body, /name="answers\.security_contact" value="sikkerhed@sprogbroen\.example"/);
  assert.match(page.body, /I har ikke afgivet erklæring til denne version endnu\./);

  const incomplete = await declare({ data_in_eu: 'yes' }, 'indsend');
  assert.equal(incomplete.statusCode, 400);
  assert.equal(fieldError('incident_notification').exec(incomplete.body)?.[1], 'Besvar kravet, før I indsender erklæringen.');
  assert.equal((await declarations()).length, 1, 'nothing stored for version 2');

  const response = await declare({ data_in_eu: 'yes', incident_notification: 'yes' }, 'indsend');
  assert.equal(response.statusCode, 303);
  const [, declaration] = await declarations();
  assert.equal(declaration?.version, 2);
  assert.equal(declaration?.status, 'submitted');
  const stored = await storedAnswers(declaration?.id ?? '');
  assert.equal(stored.length, 12);
  for (const answer of stored) {
    const answeredNow = answer.requirement_key === 'data_in_eu' || answer.requirement_key === 'incident_notification';
    assert.equal(answer.carried_over_from_version, answeredNow ? null : 1, answer.requirement_key);
  }
  assert.equal(stored.find((a) => a.requirement_key === 'sub_processors')?.value, '<script>alert(1)</script> Hosting ApS, Danmark');

  const checklist = await declarationChecklist(db, vendorId);
  assert.equal(checklist?.version, 2);
  assert.equal(checklist?.status, 'submitted');
  assert.equal(checklist?.items.length, 12);
  assert.ok(checklist?.items.filter((item) => item.obligation === 'must').every((item) => item.satisfied));
  assert.equal(
    checklist?.items.find((item) => item.key === 'data_in_eu')?.text.da,
    'Borgernes data, også backup og logning, opbevares og behandles udelukkende i EU/EØS.',
  );

  // Jobtræner declared against version 1 only: for version 2 its declaration is missing until it answers.
  const { id: jobtraenerId } = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
  const jobtraener = await declarationChecklist(db, jobtraenerId);
  assert.equal(jobtraener?.status, 'missing');
  assert.ok(jobtraener?.items.every((item) => item.answer === null && !item.satisfied));
});

test('answers sent from a form for an older version are not stored against the new one', async () => {
  const response = await post(jobtraenerToken, DECLARATION, { versionId: version1.id, ...answers({ data_in_eu: 'yes' }), handling: 'kladde' });
  assert.equal(response.statusCode, 409);
  assert.match(response.body, /Rammeaftalen er blevet opdateret, mens I udfyldte formularen\./);
  const { id: jobtraenerId } = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
  assert.equal((await declarationChecklist(db, jobtraenerId))?.status, 'missing');
});

test('the database refuses to change a published version or to store an answer of the wrong form', async () => {
  await assert.rejects(
    db.updateTable('framework_requirement').set({ text_da: 'Ændret bagefter' }).where('version_id', '=', version1.id).where('key', '=', 'gdpr_dpa').execute(),
    /cannot change/,
  );
  await assert.rejects(db.updateTable('framework_version').set({ status: 'draft' }).where('id', '=', version1.id).execute(), /cannot go from retired to draft/);
  const [, declaration] = await declarations();
  await assert.rejects(
    db
      .updateTable('declaration_answer')
      .set({ value: 'måske' })
      .where('declaration_id', '=', declaration?.id ?? '')
      .where('requirement_key', '=', 'gdpr_dpa')
      .execute(),
    /not a valid yes_no/,
  );
});

test('the demo seed leaves a world where governance has moved on untouched', seedAgainChangesNothing);
