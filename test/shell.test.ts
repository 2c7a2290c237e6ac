import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../src/platform/errors.ts';
import type { RouteModule } from '../src/platform/http/app.ts';
import { publicAccess } from '../src/platform/http/access.ts';
import { cookiesFrom, createTestApp } from './support/app.ts';

const failing: RouteModule = (app) => {
  app.get('/test/boom', { config: publicAccess }, async () => {
    throw new Error('secret internal detail: password=hunter2');
  });
  app.get('/api/test/boom', { config: publicAccess }, async () => {
    throw new Error('secret internal detail');
  });
  app.get('/api/test/conflict', { config: publicAccess }, async () => {
    throw new AppError('CONFLICT', 'Already there.');
  });
};

const { app } = await createTestApp({ extraRoutes: [failing] });

test('the landing page speaks Danish by default and names every audience', async () => {
  const response = await app.inject({ url: '/' });
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /text\/html/);
  assert.match(response.body, /<html lang="da">/);
  assert.match(response.body, /Find vej til dit næste job/);
  for (const path of ['/borger', '/medarbejder', '/kommune', '/leverandoer', '/faellesskab']) assert.match(response.body, new RegExp(`href="${path}"`));
  assert.match(response.body, /href="\/tilgaengelighed">Tilgængelighedserklæring</);
  assert.match(response.body, /<strong>98<\/strong> kommuner/);
});

test('the language switch remembers English and returns to the page the reader was on', async () => {
  const switched = await app.inject({ url: '/sprog?til=en&tilbage=%2Fkommuner%3Fregion%3D1081' });
  assert.equal(switched.statusCode, 303);
  assert.equal(switched.headers.location, '/kommuner?region=1081');
  const page = await app.inject({ url: '/kommuner?region=1081', headers: { cookie: cookiesFrom(switched) } });
  assert.match(page.body, /<html lang="en">/);
  assert.match(page.body, /Municipalities and jobcentres/);
  assert.match(page.body, /Aalborg/);
  assert.doesNotMatch(page.body, />København</, 'region filter shows only North Denmark');
});

test('the language switch never sends the reader to another site', async () => {
  for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const response = await app.inject({ url: `/sprog?til=da&tilbage=${encodeURIComponent(target)}` });
    assert.equal(response.headers.location, '/', target);
  }
});

test('every audience entry point sends a visitor to that audience’s sign-in and back', async () => {
  const expected: Record<string, string> = {
    '/borger': '/log-ind/borger?tilbage=%2Fborger&niveau=Substantial',
    '/medarbejder': '/log-ind/medarbejder?tilbage=%2Fmedarbejder&niveau=Substantial',
    '/kommune': '/log-ind/medarbejder?tilbage=%2Fkommune&niveau=Substantial',
    '/leverandoer': '/log-ind/leverandoer?tilbage=%2Fleverandoer&niveau=Substantial',
    '/faellesskab': '/log-ind/faellesskab?tilbage=%2Ffaellesskab&niveau=Substantial',
  };
  for (const [path, location] of Object.entries(expected)) {
    const response = await app.inject({ url: path, headers: { accept: 'text/html' } });
    assert.equal(response.statusCode, 303, path);
    assert.equal(response.headers.location, location);
  }
});

test('pages carry a strict content security policy with no inline scripts', async () => {
  const response = await app.inject({ url: '/' });
  const csp = response.headers['content-security-policy'] as string;
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.doesNotMatch(response.body, /<script>|<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script element');
  assert.doesNotMatch(response.body, /\son[a-z]+="/, 'no inline event handlers');
});

test('a request id is taken from the caller when sane and always returned', async () => {
  const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-1234abcd' } });
  assert.equal(given.headers['x-request-id'], 'trace-1234abcd');
  const forged = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
  assert.match(forged.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
});

test('an unknown page gets a 404 page in the reader’s language', async () => {
  const da = await app.inject({ url: '/findes-ikke', headers: { accept: 'text/html' } });
  assert.equal(da.statusCode, 404);
  assert.match(da.body, /Siden findes ikke/);
  const en = await app.inject({ url: '/findes-ikke', headers: { accept: 'text/html', cookie: 'lang=en' } });
  assert.match(en.body, /Page not found/);
});

test('an unknown API path gets problem+json, not a page', async () => {
  const response = await app.inject({ url: '/api/findes-ikke' });
  assert.equal(response.statusCode, 404);
  assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
  const problem = response.json();
  assert.equal(problem.code, 'NOT_FOUND');
  assert.equal(problem.status, 404);
  assert.equal(problem.type, 'urn:jobunivers:problem:not-found');
});

test('a failure shows a friendly 500 page with a reference and never the internals', async () => {
  for (const cookie of ['lang=da', 'lang=en']) {
    const response = await app.inject({ url: '/test/boom', headers: { accept: 'text/html', cookie } });
    assert.equal(response.statusCode, 500);
    assert.match(response.body, cookie === 'lang=da' ? /Der opstod en fejl/ : /Something went wrong/);
    assert.match(response.body, new RegExp(response.headers['x-request-id'] as string));
    assert.doesNotMatch(response.body, /hunter2|secret internal|at .*\.ts:\d+/);
  }
  const api = await app.inject({ url: '/api/test/boom' });
  assert.equal(api.statusCode, 500);
  assert.equal(api.json().code, 'INTERNAL');
  assert.doesNotMatch(api.body, /secret internal/);
});

test('service errors keep their code and status on the API', async () => {
  const response = await app.inject({ url: '/api/test/conflict' });
  assert.equal(response.statusCode, 409);
  assert.deepEqual({ code: response.json().code, detail: response.json().detail }, { code: 'CONFLICT', detail: 'Already there.' });
});

test('the design system and the app’s own scripts are served as files', async () => {
  for (const url of ['/dkfds/css/dkfds-borgerdk.min.css', '/dkfds/js/dkfds.min.js', '/static/app.js', '/static/app.css']) {
    const response = await app.inject({ url });
    assert.equal(response.statusCode, 200, url);
  }
});
