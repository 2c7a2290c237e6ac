import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HtmlValidate, type ConfigData, type Message } from 'html-validate';
import { testPersons } from '../src/modules/identity/index.ts';
import { createTestApp } from './support/app.ts';
import { formToken, HttpClient } from './support/http-client.ts';

// Every page a user can reach by following links, for each role and for nobody signed in, is checked with the
// repository's own html-validate configuration. html-validate reads .htmlvalidate.json as strict JSON (no comments,
// no unknown keys), so why it differs from html-validate:recommended is written here:
// - form-dup-name shares a name among checkboxes too: a DKFDS checkbox group (fieldset, legend, one name) is how
//   a form sends several values of one field, read as a list by the server; the default expects PHP's `name[]`.
//   Two other controls with one name are still an error.
// - no-trailing-whitespace is off: it is about hand-written source; these pages are generated, and an empty
//   optional part of a template leaves an indented empty line that nobody edits or sees.
// - long-title is off: titles carry names that municipalities, vendors and governance write (WCAG 2.4.2 wants
//   the page's full name); the 70-character limit is a search-result display heuristic.
const { app } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '10000' } });
const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);

const MAX_PAGES = 200;
// Links that leave the pages (sign-out, the identity providers, assets, the SSO endpoints) or download a file.
const skipped = [
  /^\/log-af/,
  /^\/log-ind/,
  /^\/oidc/,
  /^\/static/,
  /^\/dkfds/,
  /^\/test-idp/,
  /^\/auth\//,
  /^\/api\//,
  /^\/sso\//,
  /\.(csv|pdf|json|png|jpe?g|svg|ico|js|css|zip)$/i,
  /\/logo$/,
  /download|eksport|export/i,
];
// Pages of one shape (the same path with other ids or other query values) are sampled, not all walked.
const PER_SHAPE = 3;
const shapeOf = (url: URL) =>
  `${url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id').replace(/\/[0-9]+(?=\/|$)/g, '/:n')}?${[...url.searchParams.keys()].sort().join('&')}`;

type Finding = { url: string; message: Message };

function linksIn(body: string, from: string, origin: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(/<a\b[^>]*\bhref="([^"]+)"/gi)) {
    const href = (match[1] ?? '').replaceAll('&amp;', '&');
    if (href.startsWith('#') || href.startsWith('mailto:') || href.startsWith('tel:')) continue;
    const url = new URL(href, from);
    url.hash = '';
    if (url.origin !== origin || skipped.some((pattern) => pattern.test(url.pathname))) continue;
    found.push(url.pathname + url.search);
  }
  return found;
}

/** Walks the links from the start pages breadth first and validates every HTML page it reaches. */
async function crawl(client: HttpClient, starts: string[]): Promise<{ findings: Finding[]; pages: number }> {
  const origin = new URL(client.baseUrl).origin;
  const queue = [...starts];
  const seen = new Set(queue);
  const shapes = new Map<string, number>();
  const findings: Finding[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < MAX_PAGES) {
    const path = queue.shift() ?? '';
    const page = await client.navigate(path);
    const landed = new URL(page.url);
    // A link that needs a higher level or another role ends at a sign-in: not a page of this walk.
    if (landed.origin !== origin || skipped.some((pattern) => pattern.test(landed.pathname))) continue;
    if (!(page.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    pages++;
    const report = await validator.validateString(page.body, `${landed.pathname}.html`);
    for (const result of report.results) for (const message of result.messages) findings.push({ url: path, message });
    for (const link of linksIn(page.body, page.url, origin)) {
      if (seen.has(link)) continue;
      seen.add(link);
      const shape = shapeOf(new URL(link, origin));
      const count = shapes.get(shape) ?? 0;
      if (count >= PER_SHAPE) continue;
      shapes.set(shape, count + 1);
      queue.push(link);
    }
  }
  return { findings, pages };
}

const describe = (findings: Finding[]) =>
  findings.map(({ url, message }) => `${url}:${message.line}:${message.column} ${message.ruleId}: ${message.message} [${message.selector ?? ''}]`).join('\n');

async function signIn(client: HttpClient, start: string, personName: string): Promise<Finding[]> {
  const person = testPersons.find((p) => p.name === personName);
  if (!person) throw new Error(`no test person ${personName}`);
  const idpPage = await client.navigate(start);
  assert.match(idpPage.url, /\/test-idp-login\//, `expected the test IdP's page, got ${idpPage.url}`);
  const landed = await client.navigate(new URL(idpPage.url).pathname, {
    form: { _csrf: formToken(idpPage.body), person: person.id, level: 'High', municipality: '' },
  });
  assert.equal(landed.status, 200, landed.visited.join(' → '));
  return [];
}

test('the pages anyone can open (front page, catalogue, accessibility statement, sign-in) are valid HTML', async () => {
  const client = new HttpClient(app.listeningOrigin);
  const { findings, pages } = await crawl(client, ['/', '/katalog', '/tilgaengelighed', '/log-af/faerdig']);
  // The sign-in pages are outside the walk (their links start a sign-in); the staff sign-in's municipality choice is one.
  const choice = await client.navigate('/log-ind/medarbejder');
  assert.equal(choice.status, 200);
  const report = await validator.validateString(choice.body, 'log-ind-medarbejder.html');
  for (const result of report.results) for (const message of result.messages) findings.push({ url: '/log-ind/medarbejder', message });
  assert.ok(pages >= 3, `walked ${pages} pages`);
  assert.equal(findings.length, 0, describe(findings));
});

for (const [role, start, person] of [
  ['a citizen', '/borger', 'Mette Jensen'],
  ['a caseworker', '/log-ind/medarbejder?kommune=101&tilbage=%2Fmedarbejder', 'Anne Kofoed'],
  ['a content owner', '/log-ind/medarbejder?kommune=101&tilbage=%2Fkommune', 'Peter Holm'],
  ['a vendor', '/leverandoer', 'Signe Brandt'],
  ['governance', '/faellesskab', 'Dorte Iversen'],
] as const) {
  test(`every page ${role} reaches by following links is valid HTML`, async () => {
    const client = new HttpClient(app.listeningOrigin);
    await signIn(client, start, person);
    const home = start.startsWith('/log-ind') ? decodeURIComponent(new URL(start, app.listeningOrigin).searchParams.get('tilbage') ?? '/') : start;
    const { findings, pages } = await crawl(client, [home]);
    assert.ok(pages >= 3, `walked ${pages} pages`);
    assert.equal(findings.length, 0, `${findings.length} errors on ${pages} pages:\n${describe(findings)}`);
  });
}
