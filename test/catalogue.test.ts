import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from './support/app.ts';

const { app, db } = await createTestApp();

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

test('results come 25 to a page with links between the pages', async () => {
  await sql`
    with new_listings as (insert into listing (vendor_id) select (select id from vendor order by cvr limit 1) from generate_series(1, 30) returning id)
    insert into listing_version (listing_id, version, status, name_da, name_en, summary_da, summary_en, description_da, description_en,
                                 journey_stage, price_model, required_nsis_level, service_url, accessibility_statement_url)
    select id, 1, 'approved', 'Kursus ' || row_number() over (), 'Course', 'Et kursus for ledige med øvelser.', 'A course for jobseekers.', '', '',
           'upskill', 'free', 'Substantial', 'https://x.example', 'https://x.example/a11y'
    from new_listings`.execute(db);
  const first = await names({});
  assert.equal(first.names.length, 25);
  assert.match(first.body, /<a href="\/katalog\?side=2">Næste side<\/a>/);
  assert.doesNotMatch(first.body, /Forrige side/);
  const second = await names({ side: '2' });
  assert.equal(second.names.length, 36 - 25);
  assert.match(second.body, /<a href="\/katalog\?side=1">Forrige side<\/a>/);
  assert.doesNotMatch(second.body, /Næste side/);
  assert.equal(new Set([...first.names, ...second.names]).size, 36, 'no listing on two pages');
});
