// Step-up and re-authentication keep the person: the relying party accepts from the IdP only the person whose session
// asked (issue 12), and knows when that person really authenticated (auth_time, `genlogin=1`). Also the staff sign-in's
// municipality choice and the test IdP's pages in both languages.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testPersons } from '../src/modules/identity/index.ts';
import { createTestApp } from './support/app.ts';
import { formToken, HttpClient, type Page } from './support/http-client.ts';
import { freePort } from './support/server.ts';

const { app, db } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '1000' } });
const sessionCookie = 'jobunivers-session';

const personNamed = (name: string) => {
  const person = testPersons.find((p) => p.name === name);
  if (!person) throw new Error(`no test person ${name}`);
  return person;
};

/**
 * On the test IdP's page: picks the person and level and submits, following every redirect after — and, as a browser
 * does, the form oidc-provider submits by itself when another person than its session's signs in (it ends that
 * session first).
 */
async function chooseAtIdp(client: HttpClient, page: Page, choice: { person: string; level: string }) {
  assert.match(page.url, /\/test-idp-login\//, `expected the test IdP's page, got ${page.url} (${page.status})`);
  let result = await client.navigate(new URL(page.url).pathname, {
    form: { _csrf: formToken(page.body), person: personNamed(choice.person).id, level: choice.level, municipality: '' },
  });
  for (let forms = 0; forms < 3 && result.body.includes('<title>Submitting Callback</title>'); forms++) {
    const action = /<form method="post" action="([^"]+)"/.exec(result.body)?.[1] ?? '';
    const fields = Object.fromEntries([...result.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    const visited = result.visited;
    result = await client.navigate(action, { form: fields });
    result.visited.unshift(...visited);
  }
  return result;
}

async function signIn(client: HttpClient, start: string, choice: { person: string; level: string }) {
  return chooseAtIdp(client, await client.navigate(start), choice);
}

const countSessions = async () => Number((await sql<{ n: string }>`select count(*) as n from session`.execute(db)).rows[0]?.n);
const authTimeOf = async (subjectEnd: string) =>
  (await db.selectFrom('session').select('auth_time').where('subject', 'like', `%${subjectEnd}`).executeTakeFirstOrThrow()).auth_time;

test('a step-up answered by another person ends the session, says why, and shows neither person the first one’s data', async () => {
  const client = new HttpClient(app.listeningOrigin);
  await signIn(client, '/log-ind/borger?tilbage=%2Fapi%2Fme', { person: 'Mette Jensen', level: 'Substantial' });
  const mettes = client.cookie(sessionCookie);
  assert.ok(mettes);
  const sessions = await countSessions();

  const idpPage = await client.navigate('/borger/mine-oplysninger');
  assert.match(idpPage.body, /kræver sikringsniveau Høj/, 'the step-up reached the IdP');
  const page = await chooseAtIdp(client, idpPage, { person: 'Ahmed Hassan', level: 'High' });

  assert.equal(page.status, 400, page.visited.join(' → '));
  assert.match(page.body, /<h1>Du er blevet logget af<\/h1>/);
  assert.match(page.body, /logget ind som en anden person end den, der allerede var logget ind/);
  assert.match(page.body, /href="\/log-ind\/borger\?tilbage=%2Fborger%2Fmine-oplysninger&amp;niveau=High">Log ind igen</, 'a way to sign in again');
  for (const shown of ['Mette Jensen', '610185-1234', 'Ahmed Hassan', '620392-1245']) assert.ok(!page.body.includes(shown), `${shown} is not shown`);

  assert.equal(client.cookie(sessionCookie), undefined, 'the browser holds no session');
  assert.equal(await countSessions(), sessions - 1, 'Mette’s session ended and none opened for Ahmed');
  const afterwards = await client.request('/borger/mine-oplysninger');
  assert.equal(afterwards.status, 303, 'the page asks for a sign-in again');
  const withOldCookie = await new HttpClient(app.listeningOrigin).request('/borger/mine-oplysninger', { headers: { cookie: `${sessionCookie}=${mettes}` } });
  assert.equal(withOldCookie.status, 303, 'Mette’s old session token opens nothing');
  assert.ok(!withOldCookie.body.includes('610185-1234'));
});

test('a step-up by the same person works: same person, a new session id, the higher level', async () => {
  const client = new HttpClient(app.listeningOrigin);
  await signIn(client, '/log-ind/borger?tilbage=%2Fapi%2Fme', { person: 'Lars Nielsen', level: 'Substantial' });
  const before = client.cookie(sessionCookie);
  const landed = await chooseAtIdp(client, await client.navigate('/borger/mine-oplysninger'), { person: 'Lars Nielsen', level: 'High' });
  assert.equal(landed.status, 200, landed.visited.join(' → '));
  assert.match(landed.url, /\/borger\/mine-oplysninger$/);
  assert.match(landed.body, /Lars Nielsen/);
  assert.match(landed.body, /630578-1256/);
  const after = client.cookie(sessionCookie);
  assert.ok(after && after !== before, 'a new session id');
  const me = JSON.parse((await client.request('/api/me', { headers: { accept: 'application/json' } })).body) as { name: string; nsisLevel: string };
  assert.deepEqual([me.name, me.nsisLevel], ['Lars Nielsen', 'High']);
});

test('staff and vendors are held to the same user id at a step-up', async () => {
  const vendor = new HttpClient(app.listeningOrigin);
  await signIn(vendor, '/log-ind/leverandoer?tilbage=%2Fapi%2Fme', { person: 'Signe Brandt', level: 'Substantial' });
  const refused = await signIn(vendor, '/log-ind/leverandoer?tilbage=%2Fapi%2Fme&niveau=High', { person: 'Kasper Winther', level: 'High' });
  assert.equal(refused.status, 400);
  assert.match(refused.body, /Du er blevet logget af/);
  assert.equal(vendor.cookie(sessionCookie), undefined);

  const staff = new HttpClient(app.listeningOrigin);
  await signIn(staff, '/log-ind/medarbejder?kommune=751&tilbage=%2Fapi%2Fme', { person: 'Rasmus Bech', level: 'Substantial' });
  const same = await signIn(staff, '/log-ind/medarbejder?kommune=751&tilbage=%2Fapi%2Fme&niveau=High', { person: 'Rasmus Bech', level: 'High' });
  assert.equal(same.status, 200, same.visited.join(' → '));
  assert.equal((JSON.parse(same.body) as { nsisLevel: string }).nsisLevel, 'High');
  const other = await signIn(staff, '/log-ind/medarbejder?kommune=751&tilbage=%2Fapi%2Fme', { person: 'Hanne Vestergaard', level: 'Substantial' });
  assert.equal(other.status, 400);
  assert.equal(staff.cookie(sessionCookie), undefined);
});

test('genlogin=1 authenticates the same person afresh at the IdP, and the session knows the new sign-in time', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const first = new Date();
  await signIn(client, '/log-ind/borger?tilbage=%2Fapi%2Fme', { person: 'Sofie Andersen', level: 'Substantial' });
  const firstAuth = await authTimeOf('0103');
  assert.ok(Math.abs(firstAuth.getTime() - first.getTime()) < 3_000, `auth_time ${firstAuth.toISOString()} is the sign-in's time`);
  await sleep(1_100); // auth_time counts whole seconds

  const toIdp = await client.request('/log-ind/borger?tilbage=%2Fapi%2Fme&genlogin=1');
  const authorize = new URL(toIdp.location ?? '');
  assert.equal(authorize.searchParams.get('prompt'), 'login');
  assert.equal(authorize.searchParams.get('max_age'), '0');
  const picker = await client.navigate(toIdp.location ?? '');
  assert.match(picker.url, /\/test-idp-login\//, 'the IdP asks who signs in, although its own session is live');
  assert.match(
    picker.body,
    new RegExp(`name="person" value="${personNamed('Sofie Andersen').id}" checked`),
    'the person signed in at the IdP is the one offered first',
  );

  const again = new Date();
  const landed = await chooseAtIdp(client, picker, { person: 'Sofie Andersen', level: 'Substantial' });
  assert.equal(landed.status, 200, landed.visited.join(' → '));
  assert.equal((JSON.parse(landed.body) as { name: string }).name, 'Sofie Andersen');
  const secondAuth = await authTimeOf('0103');
  assert.ok(secondAuth > firstAuth, 'a later authentication');
  assert.ok(
    secondAuth.getTime() >= again.getTime() - 1_000 && secondAuth.getTime() <= Date.now(),
    `auth_time ${secondAuth.toISOString()} is the new sign-in's time`,
  );

  // And with another person at the re-authentication: the session ends.
  const other = await chooseAtIdp(client, await client.navigate('/log-ind/borger?tilbage=%2Fapi%2Fme&genlogin=1'), {
    person: 'Lars Nielsen',
    level: 'Substantial',
  });
  assert.equal(other.status, 400);
  assert.match(other.body, /Du er blevet logget af/);
  assert.equal(client.cookie(sessionCookie), undefined);
});

test('the staff sign-in makes the municipality a required choice, and the IdP’s word on it decides', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const picker = await client.request('/log-ind/medarbejder?tilbage=%2Fapi%2Fme');
  assert.equal(picker.status, 200);
  assert.match(picker.body, /<option value="">Vælg kommune<\/option>/);
  assert.doesNotMatch(picker.body, /<option[^>]* selected/, 'nothing chosen in advance');

  const empty = await client.request('/log-ind/medarbejder?tilbage=%2Fapi%2Fme&kommune=');
  assert.equal(empty.status, 400);
  assert.match(empty.body, /Vælg den kommune, du er ansat i\./);
  assert.match(empty.body, /aria-invalid="true"/);
  assert.match(empty.body, /name="tilbage" value="\/api\/me"/, 'what was carried is kept');

  // Picked Albertslund (165), works in Aarhus (751): the IdP, which serves every municipality, says Aarhus.
  const landed = await signIn(client, '/log-ind/medarbejder?kommune=165&tilbage=%2Fapi%2Fme', { person: 'Rasmus Bech', level: 'Substantial' });
  assert.equal(landed.status, 200, landed.visited.join(' → '));
  assert.deepEqual((JSON.parse(landed.body) as { municipality: unknown }).municipality, { code: '751', name: 'Aarhus' });
});

test('the test IdP’s pages follow the platform’s language, and the switch shows the current language first, in bold', async () => {
  const english = new HttpClient(app.listeningOrigin);
  english.setCookie('lang', 'en');
  const page = await english.navigate('/log-ind/borger?niveau=High&tilbage=%2Fapi%2Fme');
  assert.match(page.url, /\/test-idp-login\//);
  assert.match(page.body, /<html lang="en">/);
  for (const text of [
    '<h1>Test login</h1>',
    'built-in test identity provider',
    'The service requires assurance level High or higher.',
    'Choose a test person (Citizen)',
    'Municipality of residence',
    'Assurance level (NSIS)',
    '>Sign in</button>',
    '>Cancel</button>',
  ]) {
    assert.ok(page.body.includes(text), `shows ${text}`);
  }
  for (const danish of ['Vælg testperson', 'Sikringsniveau', 'Bopælskommune', 'Afbryd', 'kræver'])
    assert.ok(!page.body.includes(danish), `no Danish ${danish}`);
  assert.match(page.body, /<ul><li><a [^>]*lang="en"[^>]* aria-current="true">English<\/a><\/li><li><a [^>]*lang="da"/, 'English first, marked current');

  const danish = new HttpClient(app.listeningOrigin);
  const dansk = await danish.navigate('/log-ind/borger?niveau=High&tilbage=%2Fapi%2Fme');
  assert.match(dansk.body, /<h1>Testlogin<\/h1>/);
  assert.match(dansk.body, /Vælg testperson \(Borger\)/);
  assert.match(dansk.body, /<ul><li><a [^>]*lang="da"[^>]* aria-current="true">Dansk<\/a><\/li><li><a [^>]*lang="en"/);

  const refused = await english.navigate(
    '/test-idp/auth?client_id=jobunivers-citizen&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Fevil.example%2F',
  );
  assert.match(refused.body, /<html lang="en">/);
  assert.match(refused.body, /The test login could not be completed/);
});

// A second app whose staff IdP (the test IdP again) signs in only København's staff, as a municipality's own IdP does.
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const cookieSecret = 'a-cookie-secret-for-the-municipal-idp-test-0123456789';
const ownIdp = await createTestApp({
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
        municipalities: ['101'],
      },
    ]),
  },
});

test('a municipality’s own IdP never signs in staff of another municipality, and the page says what happened and the way on', async () => {
  const client = new HttpClient(ownIdp.app.listeningOrigin);
  const picker = await client.request('/log-ind/medarbejder');
  assert.match(picker.body, /<option value="101">København \(101\)<\/option>/);
  assert.doesNotMatch(picker.body, /value="751"/, 'only the municipalities an IdP serves');
  const page = await signIn(client, '/log-ind/medarbejder?kommune=101&tilbage=%2Fapi%2Fme', { person: 'Rasmus Bech', level: 'Substantial' });
  assert.equal(page.status, 400, 'Rasmus works in Aarhus (751), not København (101)');
  assert.match(page.body, /Du valgte København, men login-tjenesten oplyser, at du er ansat i Aarhus/);
  assert.match(page.body, /Ingen login-tjeneste her logger medarbejdere i Aarhus ind\. Kontakt din administrator/);
  assert.equal(client.cookie(sessionCookie), undefined);
  assert.equal(Number((await sql<{ n: string }>`select count(*) as n from session`.execute(ownIdp.db)).rows[0]?.n), 0);

  const own = await signIn(client, '/log-ind/medarbejder?kommune=101&tilbage=%2Fapi%2Fme', { person: 'Anne Kofoed', level: 'Substantial' });
  assert.equal(own.status, 200, own.visited.join(' → '));
  assert.deepEqual((JSON.parse(own.body) as { municipality: unknown }).municipality, { code: '101', name: 'København' });
});
