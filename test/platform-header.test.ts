// The platform header's script as vendors' pages load it: versioned, cached for a year and revalidated by ETag,
// readable from any origin, and never with a cookie; its documentation page with the snippet to copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ seed: false });
const SCRIPT = '/platform-header/v1/jobunivers-header.js';

test('the script is public, long-cached with an ETag, readable from any origin, and sets no cookie', async () => {
  const citizen = await createSession(db, principalFor('citizen'));
  // Whatever the browser sends along (a platform session, a language, a vendor's page as origin), nothing is set.
  const response = await app.inject({
    url: SCRIPT,
    headers: { origin: 'https://tjeneste.example', cookie: `jobunivers-session=${citizen}; lang=en`, referer: 'https://tjeneste.example/side' },
  });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.match(String(response.headers.etag), /^"[A-Za-z0-9_-]{27}"$/);
  assert.equal(response.headers['set-cookie'], undefined, 'the route never sets a cookie');
  assert.deepEqual(response.cookies, []);

  // The texts come from the catalogue, both languages, and the component defines itself once.
  assert.match(response.body, /"signedInAs":"Logget ind som"/);
  assert.match(response.body, /"journey":"My job journey"/);
  assert.match(response.body, /customElements\.define\('jobunivers-header'/);
  assert.doesNotMatch(
    response.body,
    /innerHTML|\.style\s*=|setAttribute\('style'|eval\(|new Function|document\.cookie|fetch\(/,
    'nothing a strict CSP blocks, no cookies, no network',
  );

  const again = await app.inject({ url: SCRIPT, headers: { 'if-none-match': String(response.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers.etag, response.headers.etag);
  assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(again.headers['set-cookie'], undefined);

  const stale = await app.inject({ url: SCRIPT, headers: { 'if-none-match': '"something-else"' } });
  assert.equal(stale.statusCode, 200);

  const head = await app.inject({ method: 'HEAD', url: SCRIPT });
  assert.equal(head.statusCode, 200);
  assert.equal(head.headers['set-cookie'], undefined);
});

test('an unknown version is not found', async () => {
  const response = await app.inject({ url: '/platform-header/v2/jobunivers-header.js', headers: { accept: 'text/javascript' } });
  assert.equal(response.statusCode, 404);
});

test('the documentation page shows a live example and the snippet to copy, in Danish and English', async () => {
  const da = await app.inject({ url: '/platform-header' });
  assert.equal(da.statusCode, 200);
  assert.match(da.body, /<h1>Platformens topbjælke til leverandører<\/h1>/);
  assert.match(da.body, new RegExp(`<script src="${SCRIPT}" defer></script>`));
  assert.match(da.body, /<jobunivers-header lang="da" first-name="Mette" municipality="København"/);
  // The snippet is shown as text (escaped), with the platform's absolute addresses and the no-JavaScript links.
  assert.match(da.body, /&lt;script src=&quot;http:\/\/127\.0\.0\.1:3000\/platform-header\/v1\/jobunivers-header\.js&quot; defer&gt;&lt;\/script&gt;/);
  assert.match(da.body, /&lt;a href=&quot;http:\/\/127\.0\.0\.1:3000\/borger\/jobrejse&quot;&gt;Min jobrejse&lt;\/a&gt;/);
  assert.match(da.body, /script-src 'self' http:\/\/127\.0\.0\.1:3000/);

  const en = await app.inject({ url: '/platform-header', headers: { cookie: 'lang=en' } });
  assert.match(en.body, /<h1>The platform header for vendors<\/h1>/);
  assert.match(en.body, /<jobunivers-header lang="en"/);
  assert.match(en.body, /&gt;My job journey&lt;\/a&gt;/);
});
