import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { testPersons } from '../src/modules/identity/index.ts';
import { createTestApp } from './support/app.ts';
import { startFakeOp } from './support/fake-op.ts';
import { formToken, HttpClient, type Page } from './support/http-client.ts';

const logLines: string[] = [];
const { app, db, config } = await createTestApp({ listen: true, logLines, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const sessionCookie = 'jobunivers-session';

const personNamed = (name: string) => {
  const person = testPersons.find((p) => p.name === name);
  if (!person) throw new Error(`no test person ${name}`);
  return person;
};

/** On the test IdP's page: picks the person and level (and municipality of residence) and submits. */
async function chooseAtIdp(client: HttpClient, page: Page, choice: { person: string; level: string; municipality?: string }) {
  assert.match(page.url, /\/test-idp-login\//, `expected the test IdP's page, got ${page.url}`);
  return client.navigate(new URL(page.url).pathname, {
    form: { _csrf: formToken(page.body), person: personNamed(choice.person).id, level: choice.level, municipality: choice.municipality ?? '' },
  });
}

async function signIn(client: HttpClient, start: string, choice: { person: string; level: string; municipality?: string }) {
  const idpPage = await client.navigate(start);
  return chooseAtIdp(client, idpPage, choice);
}

const countSessions = async () => Number((await sql<{ n: string }>`select count(*) as n from session`.execute(db)).rows[0]?.n);

for (const [audience, start, person, shows] of [
  ['a citizen', '/borger', 'Mette Jensen', ['Mette Jensen', 'Borger', 'København (101)', 'Betydelig']],
  ['a caseworker', '/log-ind/medarbejder?kommune=751&tilbage=%2Fmedarbejder', 'Rasmus Bech', ['Rasmus Bech', 'Jobkonsulent', 'Aarhus (751)', 'Betydelig']],
  ['a content owner', '/log-ind/medarbejder?kommune=461&tilbage=%2Fkommune', 'Thomas Lund', ['Thomas Lund', 'Indholdsansvarlig', 'Odense (461)']],
  ['a vendor user', '/leverandoer', 'Kasper Winther', ['Kasper Winther', 'Leverandørudvikler', 'Jobtræner ApS (test) (CVR 39000008)', 'Betydelig']],
  ['governance staff', '/faellesskab', 'Dorte Iversen', ['Dorte Iversen', 'Fællesskabets administrator', 'Betydelig']],
] as const) {
  test(`${audience} signs in on the test IdP, sees who they are on the start page, and signs out`, async () => {
    const client = new HttpClient(app.listeningOrigin);
    const landed = await signIn(client, start, { person, level: 'Substantial' });
    assert.equal(landed.status, 200, landed.visited.join(' → '));
    for (const text of shows) assert.ok(landed.body.includes(text), `start page shows ${text}`);
    assert.ok(client.cookie(sessionCookie));

    const signOut = await client.request('/log-af', { form: { _csrf: formToken(landed.body) } });
    assert.equal(signOut.status, 303);
    assert.match(signOut.location ?? '', /\/test-idp\/session\/end\?.*id_token_hint=/, 'RP-initiated logout at the IdP');
    assert.equal(client.cookie(sessionCookie), undefined, 'the session cookie is gone');
    const confirm = await client.navigate(signOut.location ?? '');
    const logoutForm = /<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(confirm.body);
    assert.ok(logoutForm, `the IdP asks to confirm the logout: ${confirm.status} ${confirm.url} ${confirm.body.slice(0, 300)}`);
    const done = await client.navigate(logoutForm[1] ?? '', { form: { xsrf: logoutForm[2] ?? '', logout: 'yes' } });
    assert.match(done.url, /\/log-af\/faerdig$/);
    assert.match(done.body, /Du er logget af/);
    const again = await client.request(start.startsWith('/log-ind') ? '/medarbejder' : start);
    assert.equal(again.status, 303, 'after sign-out the start page asks for a sign-in again');
  });
}

test('the session cookie is HttpOnly and SameSite, and a new one is issued at every sign-in', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const idpPage = await client.navigate('/borger');
  const callback = await client.request(new URL(idpPage.url).pathname, {
    form: { _csrf: formToken(idpPage.body), person: personNamed('Ahmed Hassan').id, level: 'Substantial', municipality: '' },
  });
  let page = callback;
  let setCookie = '';
  while (page.location) {
    if (page.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookie}=`)))
      setCookie = page.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookie}=`)) ?? '';
    page = await client.request(new URL(page.location, page.url).href);
  }
  assert.match(setCookie, /HttpOnly/i);
  assert.match(setCookie, /SameSite=Lax/i);
  const first = client.cookie(sessionCookie);
  await signIn(client, '/log-ind/borger?tilbage=%2Fborger', { person: 'Ahmed Hassan', level: 'Substantial' });
  const second = client.cookie(sessionCookie);
  assert.ok(first && second && first !== second, 'rotated');
  const old = new HttpClient(app.listeningOrigin);
  const stale = await old.request('/borger', { headers: { cookie: `${sessionCookie}=${first}` } });
  assert.equal(stale.status, 303, 'the old session no longer works');
});

test('step-up: a page needing High sends a Substantial session to the IdP asking for High, and a new session opens it', async () => {
  const client = new HttpClient(app.listeningOrigin);
  await signIn(client, '/borger', { person: 'Lars Nielsen', level: 'Substantial' });
  const before = client.cookie(sessionCookie);
  const redirect = await client.request('/borger/mine-oplysninger');
  assert.equal(redirect.status, 303);
  assert.equal(redirect.location, '/log-ind/borger?tilbage=%2Fborger%2Fmine-oplysninger&niveau=High');
  const toIdp = await client.request(redirect.location ?? '');
  const authorize = new URL(toIdp.location ?? '');
  assert.deepEqual(JSON.parse(authorize.searchParams.get('claims') ?? '{}'), {
    id_token: { acr: { essential: true, values: ['https://data.gov.dk/concept/core/nsis/loa/High'] } },
  });
  const idpPage = await client.navigate(toIdp.location ?? '');
  assert.match(idpPage.body, /kræver sikringsniveau Høj/);
  assert.doesNotMatch(idpPage.body, /value="Substantial"/, 'the IdP offers only levels that meet the request');
  const landed = await chooseAtIdp(client, idpPage, { person: 'Lars Nielsen', level: 'High' });
  assert.equal(landed.status, 200);
  assert.match(landed.url, /\/borger\/mine-oplysninger$/);
  assert.match(landed.body, /630578-1256/);
  assert.notEqual(client.cookie(sessionCookie), before, 'the session was rotated at step-up');
});

test('a Low sign-in never reaches a Substantial page', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const idpPage = await client.navigate('/log-ind/borger?niveau=Low&tilbage=%2Fborger');
  const landed = await chooseAtIdp(client, idpPage, { person: 'Sofie Andersen', level: 'Low' });
  assert.ok(!landed.visited.some((url, i) => url.endsWith('/borger') && i === landed.visited.length - 1 && landed.status === 200), landed.visited.join(' → '));
  assert.match(landed.url, /\/test-idp-login\//, 'the Substantial start page sends the Low session back to the IdP');
  assert.match(landed.body, /kræver sikringsniveau Betydelig/);
  const api = await client.request('/api/me', { headers: { accept: 'application/json' } });
  assert.equal(JSON.parse(api.body).nsisLevel, 'Low', 'the Low session exists, for what needs only Low');
});

test('a refused step-up shows a clear page and opens no session', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const sessions = await countSessions();
  const idpPage = await client.navigate('/borger');
  const cancel = /action="([^"]+\/afbryd)"/.exec(idpPage.body)?.[1] ?? '';
  const page = await client.navigate(cancel, { form: { _csrf: formToken(idpPage.body) } });
  assert.equal(page.status, 400);
  assert.match(page.body, /Login blev afbrudt, og du er ikke logget ind/);
  assert.equal(client.cookie(sessionCookie), undefined);
  assert.equal(await countSessions(), sessions);
});

test('a forged, replayed or expired state, and a wrong nonce, are refused with a clear page, no session and a log line', async () => {
  const sessions = await countSessions();
  const refusals = () => logLines.filter((line) => line.includes('"msg":"sign-in refused"')).length;

  const forged = new HttpClient(app.listeningOrigin);
  const before = refusals();
  const page = await forged.request('/auth/callback?code=abc&state=forged');
  assert.equal(page.status, 400);
  assert.match(page.body, /Login-forsøget var udløbet, allerede brugt eller startet i en anden browser/);
  assert.equal(refusals(), before + 1);

  // Replay: the same callback URL a second time (state used once only; the code is never sent again).
  const client = new HttpClient(app.listeningOrigin);
  const idpPage = await client.navigate('/borger');
  let step = await client.request(new URL(idpPage.url).pathname, {
    form: { _csrf: formToken(idpPage.body), person: personNamed('Karin Pedersen').id, level: 'Substantial', municipality: '' },
  });
  while (step.location && !step.location.includes('/auth/callback')) step = await client.request(new URL(step.location, step.url).href);
  const callbackUrl = step.location ?? '';
  const stateCookie = client.cookie('jobunivers-signin') ?? '';
  const ok = await client.request(callbackUrl);
  assert.equal(ok.status, 303);
  const replay = new HttpClient(app.listeningOrigin);
  const replayed = await replay.request(callbackUrl, { headers: { cookie: `jobunivers-signin=${stateCookie}` } });
  assert.equal(replayed.status, 400);
  assert.equal(replay.cookie(sessionCookie), undefined);

  // Expired: the attempt is older than its ten minutes.
  const late = new HttpClient(app.listeningOrigin);
  const latePage = await late.navigate('/borger');
  await db
    .updateTable('sign_in_attempt')
    .set({ expires_at: sql<Date>`now() - interval '1 second'` })
    .execute();
  const lateResult = await chooseAtIdp(late, latePage, { person: 'Karin Pedersen', level: 'Substantial' });
  assert.equal(lateResult.status, 400);
  assert.match(lateResult.body, /Login-forsøget var udløbet/);

  // Wrong nonce: the ID token's nonce is not the one this sign-in sent.
  const nonce = new HttpClient(app.listeningOrigin);
  const noncePage = await nonce.navigate('/borger');
  await db.updateTable('sign_in_attempt').set({ nonce: 'not-the-nonce-that-was-sent' }).execute();
  const nonceResult = await chooseAtIdp(nonce, noncePage, { person: 'Karin Pedersen', level: 'Substantial' });
  assert.equal(nonceResult.status, 400);
  assert.match(nonceResult.body, /Svaret fra login-tjenesten kunne ikke godkendes/);
  assert.ok(
    logLines.some((line) => line.includes('"reason":"token"') && line.includes('nonce')),
    logLines.filter((l) => l.includes('sign-in refused')).join('\n'),
  );

  assert.equal(await countSessions(), sessions + 1, 'only the one genuine sign-in made a session');
});

// Issue 12: an IdP that reports where its person works decides the municipality over the one picked (the test IdP
// serves every municipality). A municipality's own IdP still never signs in another's staff: test/identity-stepup.test.ts.
test('staff who pick the wrong municipality at a shared IdP are signed in to the one the IdP reports', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const idpPage = await client.navigate('/log-ind/medarbejder?kommune=101&tilbage=%2Fmedarbejder');
  const page = await chooseAtIdp(client, idpPage, { person: 'Rasmus Bech', level: 'Substantial' });
  assert.equal(page.status, 200, 'Rasmus works in Aarhus (751), not København (101)');
  assert.match(page.body, /Aarhus \(751\)/);
  assert.doesNotMatch(page.body, /København \(101\)/);
});

test('a citizen who moves sees the new municipality at the next sign-in', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const first = await signIn(client, '/borger', { person: 'Jonas Christensen', level: 'Substantial' });
  assert.match(first.body, /Odense \(461\)/);
  const moved = await signIn(client, '/log-ind/borger?tilbage=%2Fborger', { person: 'Jonas Christensen', level: 'Substantial', municipality: '851' });
  assert.match(moved.body, /Aalborg \(851\)/);
  const citizen = await db.selectFrom('citizen').select(['municipality_code']).where('cpr_number', '=', '6611991289').executeTakeFirstOrThrow();
  assert.equal(citizen.municipality_code, '851');
});

test('log out everywhere ends every session of the person', async () => {
  const phone = new HttpClient(app.listeningOrigin);
  const laptop = new HttpClient(app.listeningOrigin);
  await signIn(phone, '/borger', { person: 'Birgitte Larsen', level: 'Substantial' });
  const start = await signIn(laptop, '/borger', { person: 'Birgitte Larsen', level: 'Substantial' });
  const everywhereToken = /action="\/log-af\/alle">\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? formToken(start.body);
  const out = await laptop.request('/log-af/alle', { form: { _csrf: everywhereToken } });
  assert.equal(out.status, 303);
  assert.equal((await phone.request('/borger')).status, 303, 'the other device is signed out too');
});

/** The status of a page once the app has had up to a second to hear that a session changed (sessions are cached). */
async function statusOnceNotified(client: HttpClient, path: string): Promise<number> {
  let status = 0;
  for (let i = 0; i < 50 && status !== 303; i++) {
    status = (await client.request(path)).status;
    if (status !== 303) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return status;
}

test('an idle session ends after 30 minutes and a session ends after 8 hours whatever happens', async () => {
  const client = new HttpClient(app.listeningOrigin);
  await signIn(client, '/borger', { person: 'Mikkel Sørensen', level: 'Substantial' });
  assert.equal((await client.request('/borger')).status, 200);
  await db
    .updateTable('session')
    .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
    .where('subject', 'like', '%0107')
    .execute();
  assert.equal(await statusOnceNotified(client, '/borger'), 303, 'idle');
  await signIn(client, '/log-ind/borger?tilbage=%2Fborger', { person: 'Mikkel Sørensen', level: 'Substantial' });
  await db
    .updateTable('session')
    .set({ expires_at: sql<Date>`now() - interval '1 second'` })
    .where('subject', 'like', '%0107')
    .execute();
  assert.equal(await statusOnceNotified(client, '/borger'), 303, 'absolute lifetime');
});

// A second app whose governance IdP is a deliberately broken provider, for what the test IdP never does.
const fakeOp = await startFakeOp('governance-client');
after(() => fakeOp.close());
const broken = await createTestApp({
  listen: true,
  env: { IDENTITY_PROVIDERS: JSON.stringify([{ audience: 'governance', issuer: fakeOp.issuer, clientId: 'governance-client', clientSecret: 'secret' }]) },
});

for (const [kind, message] of [
  ['bad-signature', /Svaret fra login-tjenesten kunne ikke godkendes/],
  ['unknown-issuer', /Svaret fra login-tjenesten kunne ikke godkendes/],
  ['unknown-acr', /for lavt sikringsniveau/],
] as const) {
  test(`an ID token with ${kind.replace('-', ' ')} is refused with a clear page and no session`, async () => {
    fakeOp.misbehave(kind);
    const client = new HttpClient(broken.app.listeningOrigin);
    const page = await client.navigate('/faellesskab');
    assert.equal(page.status, 400, page.visited.join(' → '));
    assert.match(page.body, message);
    assert.equal(client.cookie(sessionCookie), undefined);
    assert.equal(Number((await sql<{ n: string }>`select count(*) as n from session`.execute(broken.db)).rows[0]?.n), 0);
  });
}

test('the broken provider does sign in when it behaves, so the failures above are the token’s fault', async () => {
  fakeOp.misbehave('none');
  const client = new HttpClient(broken.app.listeningOrigin);
  const page = await client.navigate('/faellesskab');
  assert.equal(page.status, 200, page.visited.join(' → '));
  assert.match(page.body, /Falsk Person/);
});

void config;
