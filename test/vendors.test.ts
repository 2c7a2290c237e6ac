import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp();
const admin = { ...principalFor('vendor_admin'), vendor: { cvr: '39000024', name: 'Prøveleverandør ApS' } };
const adminToken = await createSession(db, admin);
const developerToken = await createSession(db, { ...principalFor('vendor_developer'), vendor: { cvr: '39000024', name: 'Prøveleverandør ApS' } });

async function openProfile(token: string) {
  const page = await app.inject({ url: '/leverandoer/virksomhed', headers: { cookie: `jobunivers-session=${token}` } });
  return { page, cookie: `${cookiesFrom(page)}; jobunivers-session=${token}` };
}

async function save(token: string, fields: Record<string, string>) {
  const { page, cookie } = await openProfile(token);
  return app.inject({
    method: 'POST',
    url: '/leverandoer/virksomhed',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
  });
}

const vendors = () => db.selectFrom('vendor').selectAll().where('cvr', '=', '39000024').execute();

test('an administrator of an unregistered company sees the registration form in the virk.dk look, name filled in from MitID Erhverv', async () => {
  const { page } = await openProfile(adminToken);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /dkfds-virkdk\.min\.css/);
  assert.match(page.body, /Jeres virksomhed er ikke registreret endnu/);
  assert.match(page.body, /<strong>CVR-nummer:<\/strong> 39000024/);
  assert.match(page.body, /name="name" value="Prøveleverandør ApS"/);
});

test('bad input is answered field by field and nothing is stored', async () => {
  const response = await save(adminToken, {
    name: 'x'.repeat(5000),
    contactEmail: 'ikke en mail',
    contactPhone: '12',
    supportUrl: 'http://support.example.dk',
    dpaStatus: 'maybe',
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-name-error">Skriv højst 200 tegn\./);
  assert.match(response.body, /id="field-contactEmail-error">Skriv en gyldig e-mailadresse/);
  assert.match(response.body, /id="field-contactPhone-error">Feltet har ikke det rigtige format\./);
  assert.match(response.body, /id="field-supportUrl-error">Skriv en gyldig adresse, der begynder med https:\/\/\./);
  assert.match(response.body, /Vælg en af mulighederne\./);
  assert.deepEqual(await vendors(), []);
});

test('a valid profile registers the company under the CVR from the identity, and text is escaped on output', async () => {
  const response = await save(adminToken, {
    name: 'Prøveleverandør <script>alert(1)</script> ApS',
    contactEmail: 'support@proeve.example.dk',
    contactPhone: '+45 70 20 30 40',
    supportUrl: 'https://proeve.example.dk/hjaelp',
    dpaStatus: 'sent',
    cvr: '39000008',
  });
  assert.equal(response.statusCode, 303);
  const [vendor] = await vendors();
  assert.equal(vendor?.cvr, '39000024', 'a CVR in the form is ignored');
  assert.equal(vendor?.dpa_status, 'sent');
  assert.equal(response.headers.location, '/leverandoer/virksomhed?gemt=1');
  const page = await app.inject({ url: response.headers.location, headers: { cookie: `jobunivers-session=${adminToken}` } });
  assert.match(page.body, /Profilen er gemt\./);
  assert.match(page.body, /value="Prøveleverandør &lt;script&gt;alert\(1\)&lt;\/script&gt; ApS"/);
  assert.doesNotMatch(page.body, /<script>alert/);
});

test('a developer reads the profile but cannot change it', async () => {
  const { page, cookie } = await openProfile(developerToken);
  assert.match(page.body, /<dt>Databehandleraftale<\/dt><dd>Sendt til underskrift<\/dd>/);
  assert.doesNotMatch(page.body, /<form method="post" action="\/leverandoer\/virksomhed"/);
  const response = await app.inject({
    method: 'POST',
    url: '/leverandoer/virksomhed',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), name: 'Overtaget' }).toString(),
  });
  assert.equal(response.statusCode, 403);
  const [vendor] = await vendors();
  assert.notEqual(vendor?.name, 'Overtaget');
});

test('the database itself refuses a CVR number that fails the modulus-11 check', async () => {
  await assert.rejects(
    db
      .insertInto('vendor')
      .values({ cvr: '39000001', name: 'Forkert', contact_email: 'a@b.dk', contact_phone: '70000000', support_url: 'https://x.dk', registered_by: 'test' })
      .execute(),
    /cvr_check|check constraint/,
  );
});
