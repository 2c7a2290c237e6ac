import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';

const { app, db } = await createTestApp();

async function openForm(cookie = '') {
  const page = await app.inject({ url: '/tilgaengelighed', headers: { cookie } });
  assert.equal(page.statusCode, 200);
  return { cookie: cookiesFrom(page, cookie), token: csrfTokenIn(page.body) };
}

const countFeedback = async () =>
  Number(
    (
      await db
        .selectFrom('accessibility_feedback')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a form sent without its CSRF token is refused with a 403 page and stores nothing', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: 'description=Knappen+kan+ikke+n%C3%A5s+med+tastatur',
  });
  assert.equal(response.statusCode, 403);
  assert.match(response.body, /Du har ikke adgang til siden/);
  assert.equal(await countFeedback(), 0);
});

test('a token from another visitor’s session does not work', async () => {
  const mine = await openForm();
  const theirs = await openForm();
  const response = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: mine.cookie },
    payload: new URLSearchParams({ _csrf: theirs.token, description: 'Knappen kan ikke nås med tastatur' }).toString(),
  });
  assert.equal(response.statusCode, 403);
  assert.equal(await countFeedback(), 0);
});

test('bad input is answered next to each field, keeps what was typed, and stores nothing', async () => {
  const { cookie, token } = await openForm();
  const response = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams({ _csrf: token, description: 'kort', email: 'ikke-en-mail', name: 'Jens <b>Hansen</b>' }).toString(),
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-description-error">Skriv mindst 10 tegn\./);
  assert.match(response.body, /id="field-email-error">Skriv en gyldig e-mailadresse/);
  assert.match(response.body, /<a href="#field-description">Hvad er problemet: Skriv mindst 10 tegn\.<\/a>/, 'error summary links to the field');
  assert.match(response.body, /value="Jens &lt;b&gt;Hansen&lt;\/b&gt;"/, 'typed name kept, escaped');
  assert.match(response.body, />kort<\/textarea>/);
  assert.match(response.body, /aria-invalid="true"/);
  assert.equal(await countFeedback(), 0);
});

test('field messages come in English for an English reader', async () => {
  const { cookie, token } = await openForm('lang=en');
  const response = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams({ _csrf: token, description: '' }).toString(),
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-description-error">Fill in this field\./);
});

test('a valid report is stored and answered with a reference number', async () => {
  const { cookie, token } = await openForm();
  const response = await app.inject({
    method: 'POST',
    url: '/tilgaengelighed',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams({
      _csrf: token,
      description: 'Kortet over jobcentre kan ikke bruges med skærmlæser',
      pageUrl: '/kommuner',
      email: '',
    }).toString(),
  });
  assert.equal(response.statusCode, 303);
  const location = response.headers.location as string;
  const reference = /\/tilgaengelighed\/tak\/(TG-[A-Z0-9]{4}-[A-Z0-9]{4})$/.exec(location)?.[1];
  assert.ok(reference, location);
  const stored = await db.selectFrom('accessibility_feedback').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  assert.equal(stored.description, 'Kortet over jobcentre kan ikke bruges med skærmlæser');
  assert.equal(stored.page_url, '/kommuner');
  assert.equal(stored.email, null, 'an empty optional field is stored as nothing');
  const thanks = await app.inject({ url: location });
  assert.match(thanks.body, new RegExp(`Dit referencenummer er ${reference}`));
});
