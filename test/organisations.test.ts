// Organisations of three kinds (issue 14): the register's seed, governance keeping the a-kasser, a municipality keeping
// its contracts with other actors (its own only, also at the database), and staff of an a-kasse or another actor
// signing in for it through their organisation's IdP — which never grants roles in an organisation it does not serve.
import assert from 'node:assert/strict';
import { createHmac, randomInt } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testPersons } from '../src/modules/identity/index.ts';
import { contractedActors, employmentServiceName, organisationsSeed } from '../src/modules/organisations/index.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';
import { formToken, HttpClient, type Page } from './support/http-client.ts';
import { freePort } from './support/server.ts';

const { app, db, url } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '10000' } });
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
const { open, post } = signedInForms(app);
const sessionCookie = 'jobunivers-session';

const HK = 'akasse-55900019';
const THREE_F = 'akasse-55900000';
const JOBKOMPAGNIET = 'aktoer-56900004';

/** A valid, random CVR number (modulus 11). */
function randomCvr(): string {
  for (;;) {
    const digits = [randomInt(1, 10), ...Array.from({ length: 6 }, () => randomInt(10))];
    const sum = [2, 7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

const count = async (where: ReturnType<typeof sql>) =>
  Number((await sql<{ n: string }>`select count(*) as n from organisation where ${where}`.execute(db)).rows[0]?.n);
const formTokenOf = (body: string) => /name="_skema" value="([^"]+)"/.exec(body)?.[1] ?? '';
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the seed registers a kommune for each of the 98 municipalities, the a-kasser and two contracted actors, and again changes nothing', async () => {
  assert.equal(await count(sql`kind = 'kommune'`), 98);
  assert.ok((await count(sql`kind = 'akasse'`)) >= 20);
  assert.equal(await count(sql`kind = 'anden_aktoer'`), 2);
  const kbh = await db.selectFrom('organisation').selectAll().where('id', '=', 'kommune-101').executeTakeFirstOrThrow();
  assert.equal(kbh.name, 'København Kommune');
  assert.equal(kbh.employment_service_name, 'Jobcenter København');
  assert.equal(await employmentServiceName(db, '101'), 'Jobcenter København');
  assert.equal(await employmentServiceName(db, '165'), 'Albertslund Kommune', 'no jobcenter: the municipality’s name');
  assert.deepEqual(
    (await contractedActors(db, '101', '2026-06-01')).map((a) => a.name),
    ['Jobkompagniet A/S (test)'],
  );
  assert.deepEqual(
    (await contractedActors(db, '461', '2026-06-01')).map((a) => a.name),
    ['Karrierehuset ApS (test)'],
  );

  const before = await db.selectFrom('organisation').select(['id', 'name']).orderBy('id').execute();
  await db.updateTable('organisation').set({ name: 'HK Danmarks A-kasse' }).where('id', '=', HK).execute();
  await organisationsSeed.run(db);
  const after = await db.selectFrom('organisation').select(['id', 'name']).orderBy('id').execute();
  assert.equal(after.length, before.length, 'nothing added');
  assert.equal(after.find((o) => o.id === HK)?.name, 'HK Danmarks A-kasse', 'a name changed since is kept');
  await db.updateTable('organisation').set({ name: 'HK A-kasse' }).where('id', '=', HK).execute();
});

test('governance’s administrator adds and edits an a-kasse; a bad CVR number is a field message and stores nothing', async () => {
  const admin = await createSession(db, principalFor('governance_admin'));
  const list = await open(admin, '/faellesskab/a-kasser');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Demo: CVR-numrene er pladsholdere/);
  assert.match(list.body, /3F A-kasse/);
  assert.match(list.body, /aria-current="page"><strong>A-kasser</, 'in governance’s navigation');
  const akasser = await count(sql`kind = 'akasse'`);

  const bad = await post(admin, '/faellesskab/a-kasser', '/faellesskab/a-kasser', { name: 'Ny A-kasse', cvr: '12345678', _skema: formTokenOf(list.body) });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /CVR-nummer: Skriv et gyldigt CVR-nummer på 8 cifre\./);
  assert.match(bad.body, /value="Ny A-kasse"/, 'what was typed is kept');
  assert.equal(await count(sql`kind = 'akasse'`), akasser, 'nothing stored');

  const cvr = randomCvr();
  const fields = { name: 'Ny A-kasse', cvr, email: 'post@ny-akasse.example', _skema: formTokenOf(list.body) };
  const created = await post(admin, '/faellesskab/a-kasser', '/faellesskab/a-kasser', fields);
  assert.equal(created.statusCode, 303);
  assert.equal(created.headers.location, `/faellesskab/a-kasser/akasse-${cvr}?besked=oprettet`);
  const again = await post(admin, '/faellesskab/a-kasser', '/faellesskab/a-kasser', fields);
  assert.equal(again.headers.location, `/faellesskab/a-kasser/akasse-${cvr}?besked=allerede`, 'the same form twice makes one');
  assert.equal(await count(sql`kind = 'akasse'`), akasser + 1);

  const page = `/faellesskab/a-kasser/akasse-${cvr}`;
  const taken = await post(admin, page, page, { name: 'Ny A-kasse', cvr: '55900000' });
  assert.equal(taken.statusCode, 400);
  assert.match(text(taken.body), /Der er allerede en a-kasse med det CVR-nummer/);
  const saved = await post(admin, page, page, { name: 'Den Nye A-kasse', cvr, phone: '70 00 00 00', website: 'https://ny-akasse.example' });
  assert.equal(saved.statusCode, 303);
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', `akasse-${cvr}`).executeTakeFirstOrThrow();
  assert.deepEqual([row.name, row.phone, row.website, row.email], ['Den Nye A-kasse', '70 00 00 00', 'https://ny-akasse.example', null]);

  // Deactivating asks first; then the a-kasse is no choice at the staff sign-in.
  const asks = await post(admin, page, `${page}/deaktiver`);
  assert.equal(asks.statusCode, 200);
  assert.match(asks.body, /Deaktiver Den Nye A-kasse\?/);
  assert.equal((await db.selectFrom('organisation').select('active').where('id', '=', `akasse-${cvr}`).executeTakeFirstOrThrow()).active, true);
  const done = await post(admin, page, `${page}/deaktiver`, { bekraeft: 'ja' });
  assert.equal(done.statusCode, 303);
  assert.equal((await db.selectFrom('organisation').select('active').where('id', '=', `akasse-${cvr}`).executeTakeFirstOrThrow()).active, false);
  const picker = await app.inject({ url: '/log-ind/medarbejder' });
  assert.doesNotMatch(picker.body, /Den Nye A-kasse/);

  // A reviewer sees the register but changes nothing.
  const reviewer = await createSession(db, principalFor('governance_reviewer'));
  const seen = await open(reviewer, page);
  assert.equal(seen.statusCode, 200);
  assert.doesNotMatch(seen.body, /method="post" action="\/faellesskab\/a-kasser\//);
  assert.equal((await post(reviewer, page, page, { name: 'Overtaget', cvr })).statusCode, 403);

  // At the database: a transaction acting for a municipality or for an organisation (staff's case work) changes no a-kasse.
  for (const scope of [{ municipality: '101' }, { organisation: 'kommune-101' }, { organisation: 'akasse-55900000' }]) {
    const renamed = await withTenant(appDb, scope, (trx) =>
      trx.updateTable('organisation').set({ name: 'Overtaget' }).where('id', '=', `akasse-${cvr}`).executeTakeFirst(),
    );
    assert.equal(Number(renamed.numUpdatedRows), 0, `no a-kasse is changed acting for ${JSON.stringify(scope)}`);
  }
});

test('a municipality’s administrator contracts other actors for its own municipality only — in the app and at the database', async () => {
  const kbh = await createSession(db, principalFor('municipal_admin', { municipalityCode: '101' }));
  const list = await open(kbh, '/kommune/aktoerer');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Jobkompagniet A\/S \(test\)/);
  assert.doesNotMatch(list.body, /Karrierehuset/, 'Odense’s contract is not København’s');
  assert.match(list.body, /aria-current="page"><strong>Andre aktører/, 'in the workspace’s navigation');

  const cvr = randomCvr();
  const fields = {
    name: 'Vejviseren ApS',
    cvr,
    validFromDay: '1',
    validFromMonth: '2',
    validFromYear: '2027',
    validToDay: '1',
    validToMonth: '1',
    validToYear: '2027',
    _skema: formTokenOf(list.body),
  };
  const backwards = await post(kbh, '/kommune/aktoerer', '/kommune/aktoerer', fields);
  assert.equal(backwards.statusCode, 400);
  assert.match(text(backwards.body), /Aftalens sidste dag skal ligge efter den første/);
  assert.equal(await count(sql`id = ${`aktoer-${cvr}`}`), 0, 'nothing stored');

  const registered = await post(kbh, '/kommune/aktoerer', '/kommune/aktoerer', { ...fields, validToDay: '', validToMonth: '', validToYear: '' });
  assert.equal(registered.statusCode, 303);
  assert.equal(registered.headers.location, `/kommune/aktoerer/aktoer-${cvr}?besked=registreret`);
  assert.deepEqual(
    await db
      .selectFrom('organisation_contract')
      .select(['municipality_code', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('from'), 'valid_to'])
      .where('organisation_id', '=', `aktoer-${cvr}`)
      .execute(),
    [{ municipality_code: '101', from: '2027-02-01', valid_to: null }],
  );
  assert.deepEqual(
    (await contractedActors(db, '101', '2027-02-01')).map((a) => a.name),
    ['Jobkompagniet A/S (test)', 'Vejviseren ApS'],
  );

  // The employment service's name is the municipality's to set.
  const named = await post(kbh, '/kommune/aktoerer', '/kommune/aktoerer/beskaeftigelsesindsats', { employmentServiceName: 'Beskæftigelse København' });
  assert.equal(named.statusCode, 303);
  assert.equal(await employmentServiceName(db, '101'), 'Beskæftigelse København');

  // Aarhus's administrator neither sees nor ends København's contract, and its content owner changes nothing.
  const aarhus = await createSession(db, principalFor('municipal_admin', { municipalityCode: '751' }));
  assert.equal((await open(aarhus, `/kommune/aktoerer/${JOBKOMPAGNIET}`)).statusCode, 404);
  assert.equal((await post(aarhus, '/kommune/aktoerer', `/kommune/aktoerer/${JOBKOMPAGNIET}/afslut`, { bekraeft: 'ja' })).statusCode, 404);
  const owner = await createSession(db, principalFor('content_owner', { municipalityCode: '101' }));
  assert.equal((await open(owner, '/kommune/aktoerer')).statusCode, 200);
  assert.equal((await post(owner, '/kommune/aktoerer', `/kommune/aktoerer/${JOBKOMPAGNIET}/afslut`, { bekraeft: 'ja' })).statusCode, 403);

  // At the database, acting for Aarhus: København's contracts cannot be written, nor one made in its name.
  const changed = await withTenant(appDb, { municipality: '751' }, (trx) =>
    trx.updateTable('organisation_contract').set({ valid_to: '2030-01-01' }).where('municipality_code', '=', '101').executeTakeFirst(),
  );
  assert.equal(changed.numUpdatedRows, 0n);
  await assert.rejects(
    withTenant(appDb, { municipality: '751' }, (trx) =>
      trx
        .insertInto('organisation_contract')
        .values({ organisation_id: `aktoer-${cvr}`, municipality_code: '101', valid_from: '2027-01-01' })
        .execute(),
    ),
    /row-level security/,
  );
  const renamed = await withTenant(appDb, { municipality: '751' }, (trx) =>
    trx.updateTable('organisation').set({ name: 'Overtaget' }).where('id', '=', `aktoer-${cvr}`).executeTakeFirst(),
  );
  assert.equal(renamed.numUpdatedRows, 0n, 'nor its actor renamed');
  await assert.rejects(
    withTenant(appDb, { municipality: '751' }, (trx) =>
      trx
        .insertInto('organisation')
        .values({ id: 'akasse-12345674', kind: 'akasse', name: 'Falsk A-kasse', cvr: '12345674', municipality_code: null })
        .execute(),
    ),
    /row-level security/,
    'nor an a-kasse made by a municipality',
  );

  // Ending asks first; a contract that has not begun is withdrawn.
  const contractPage = `/kommune/aktoerer/aktoer-${cvr}`;
  const asks = await post(kbh, contractPage, `${contractPage}/afslut`);
  assert.equal(asks.statusCode, 200);
  assert.match(asks.body, /Afslut aftalen med Vejviseren ApS\?/);
  const ended = await post(kbh, contractPage, `${contractPage}/afslut`, { bekraeft: 'ja' });
  assert.equal(ended.headers.location, '/kommune/aktoerer?besked=tilbagetrukket');
  assert.equal(
    await db.selectFrom('organisation_contract').select('organisation_id').where('organisation_id', '=', `aktoer-${cvr}`).executeTakeFirst(),
    undefined,
  );
});

const personNamed = (name: string) => {
  const person = testPersons.find((p) => p.name === name);
  if (!person) throw new Error(`no test person ${name}`);
  return person;
};

/** On the test IdP's page: picks the person and level and submits, following every redirect (and oidc-provider's own form). */
async function chooseAtIdp(client: HttpClient, page: Page, person: string) {
  assert.match(page.url, /\/test-idp-login\//, `expected the test IdP's page, got ${page.url} (${page.status})`);
  let result = await client.navigate(new URL(page.url).pathname, {
    form: { _csrf: formToken(page.body), person: personNamed(person).id, level: 'Substantial', municipality: '' },
  });
  for (let forms = 0; forms < 3 && result.body.includes('<title>Submitting Callback</title>'); forms++) {
    const action = /<form method="post" action="([^"]+)"/.exec(result.body)?.[1] ?? '';
    const fields = Object.fromEntries([...result.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    result = await client.navigate(action, { form: fields });
  }
  return result;
}

type Me = { roles: string[]; municipality?: unknown; organisation?: { id: string; kind: string; name: string } };

test('staff of an a-kasse sign in for it through the test IdP: the principal has the a-kasse and only the caseworker role', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const picker = await client.request('/log-ind/medarbejder?tilbage=%2Fapi%2Fme');
  assert.match(picker.body, /<optgroup label="Kommuner">/);
  assert.match(picker.body, new RegExp(`<optgroup label="A-kasser">.*<option value="${HK}">HK A-kasse</option>`, 's'));
  assert.match(picker.body, new RegExp(`<optgroup label="Andre aktører"><option value="${JOBKOMPAGNIET}">Jobkompagniet A/S \\(test\\)</option>`));

  // Jesper Riis's IdP calls him caseworker and municipal administrator; an a-kasse's staff are caseworkers only.
  const landed = await chooseAtIdp(client, await client.navigate(`/log-ind/medarbejder?kommune=${HK}&tilbage=%2Fapi%2Fme`), 'Jesper Riis');
  assert.equal(landed.status, 200, landed.visited.join(' → '));
  const me = JSON.parse(landed.body) as Me;
  assert.deepEqual(me.organisation, { id: HK, kind: 'akasse', name: 'HK A-kasse' });
  assert.deepEqual(me.roles, ['caseworker']);
  assert.equal(me.municipality, undefined, 'an a-kasse is no municipality');
  const session = await db
    .selectFrom('session')
    .select('principal')
    .where('subject', 'like', `%${personNamed('Jesper Riis').id}`)
    .executeTakeFirstOrThrow();
  assert.deepEqual((session.principal as { roles: string[] }).roles, ['caseworker']);
  assert.equal((await client.request('/kommune/aktoerer')).status, 403, 'no municipal administration');

  // The IdP's word on where the person works decides over the choice: chosen København, works at 3F.
  const other = new HttpClient(app.listeningOrigin);
  const bente = await chooseAtIdp(other, await other.navigate('/log-ind/medarbejder?kommune=101&tilbage=%2Fapi%2Fme'), 'Bente Aagaard');
  assert.deepEqual((JSON.parse(bente.body) as Me).organisation, { id: THREE_F, kind: 'akasse', name: '3F A-kasse' });

  const actor = new HttpClient(app.listeningOrigin);
  const sara = await chooseAtIdp(actor, await actor.navigate(`/log-ind/medarbejder?kommune=${JOBKOMPAGNIET}&tilbage=%2Fapi%2Fme`), 'Sara Holt');
  assert.deepEqual(JSON.parse(sara.body) as Me, {
    name: 'Sara Holt',
    audience: 'staff',
    roles: ['caseworker'],
    nsisLevel: 'Substantial',
    organisation: { id: JOBKOMPAGNIET, kind: 'anden_aktoer', name: 'Jobkompagniet A/S (test)' },
  });
});

// A second app whose staff IdP (the test IdP again) signs in only HK A-kasse's staff, as an a-kasse's own IdP does.
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const cookieSecret = 'a-cookie-secret-for-the-akasse-idp-test-0123456789';
const hkIdp = await createTestApp({
  listen: true,
  env: {
    PORT: String(port),
    BASE_URL: baseUrl,
    COOKIE_SECRET: cookieSecret,
    IDENTITY_PROVIDERS: JSON.stringify([
      {
        audience: 'staff',
        issuer: `${baseUrl}/test-idp`,
        clientId: 'jobunivers-staff',
        clientSecret: createHmac('sha256', cookieSecret).update('test-idp-client:staff').digest('base64url'),
        organisations: [HK],
      },
    ]),
  },
});

test('an a-kasse’s own IdP never signs in staff of another organisation, and the page says what happened', async () => {
  const client = new HttpClient(hkIdp.app.listeningOrigin);
  const picker = await client.request('/log-ind/medarbejder');
  assert.match(picker.body, new RegExp(`<option value="${HK}">HK A-kasse</option>`));
  assert.doesNotMatch(picker.body, /value="101"|value="akasse-55900000"|label="Kommuner"/, 'only the organisations the IdP serves');

  const page = await chooseAtIdp(client, await client.navigate(`/log-ind/medarbejder?kommune=${HK}&tilbage=%2Fapi%2Fme`), 'Bente Aagaard');
  assert.equal(page.status, 400, 'Bente works at 3F, not HK');
  assert.match(page.body, /Du valgte HK A-kasse, men login-tjenesten oplyser, at du er ansat i 3F A-kasse/);
  assert.match(page.body, /Ingen login-tjeneste her logger medarbejdere i 3F A-kasse ind/);
  assert.equal(client.cookie(sessionCookie), undefined);
  assert.equal(Number((await sql<{ n: string }>`select count(*) as n from session`.execute(hkIdp.db)).rows[0]?.n), 0);

  // A municipality's staff member through the a-kasse's IdP: refused just the same.
  const anne = await chooseAtIdp(client, await client.navigate(`/log-ind/medarbejder?kommune=${HK}&tilbage=%2Fapi%2Fme`), 'Anne Kofoed');
  assert.equal(anne.status, 400);
  assert.match(anne.body, /login-tjenesten oplyser, at du er ansat i København/);

  const own = await chooseAtIdp(client, await client.navigate(`/log-ind/medarbejder?kommune=${HK}&tilbage=%2Fapi%2Fme`), 'Jesper Riis');
  assert.equal(own.status, 200, own.visited.join(' → '));
  assert.equal((JSON.parse(own.body) as Me).organisation?.id, HK);
});
