import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from './support/app.ts';

const { app } = await createTestApp();

async function names(query: Record<string, string>, cookie = '') {
  const response = await app.inject({ url: '/katalog', query, headers: { cookie } });
  assert.equal(response.statusCode, 200);
  return { names: [...response.body.matchAll(/<h3 class="h4">([^<]+)<\/h3>/g)].map((m) => m[1]), body: response.body };
}

test('Danish stemming: "jobsamtale" finds listings that say "jobsamtaler" and "jobsamtalen"', async () => {
  const { names: found, body } = await names({ q: 'jobsamtale' });
  assert.ok(found.includes('Øvebanen til jobsamtaler'), found.join(', '));
  assert.ok(found.includes('Åben sprogcafé online'), found.join(', '));
  assert.ok(!found.includes('Zoom ind på dit CV'));
  assert.match(body, /<mark>jobsamtaler<\/mark>/, 'the match is highlighted');
});

test('typo tolerance: "jobsøgnig" finds "jobsøgning"', async () => {
  const { names: found } = await names({ q: 'jobsøgnig' });
  assert.equal(found[0], 'Målrettet jobsøgning');
});

test('without a query the catalogue is sorted in Danish order: æ, ø, å after z', async () => {
  const { names: found } = await names({});
  const tail = found.slice(-4);
  assert.deepEqual(tail, ['Zoom ind på dit CV', 'Ærlig talt – motivation i ledighed', 'Øvebanen til jobsamtaler', 'Åben sprogcafé online']);
});

test('the journey-stage filter narrows the list, and English readers see English names', async () => {
  const { names: found } = await names({ fase: 'upskill' }, 'lang=en');
  assert.deepEqual(found.sort(), ['Digital at work', 'Open language café online']);
});

test('search text is escaped, never markup', async () => {
  const { body } = await names({ q: '<script>alert(1)</script>' });
  assert.doesNotMatch(body, /<script>alert/);
  assert.match(body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});
