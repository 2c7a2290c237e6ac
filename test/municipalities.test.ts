import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeed } from '../src/platform/seed.ts';
import { seedParts } from '../src/modules.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp } from './support/app.ts';
import { createJobcenter, createMunicipality } from './support/factories.ts';

const { app, db } = await createTestApp();

test('reference data holds all 98 municipalities in the five regions', async () => {
  const perRegion = await db
    .selectFrom('municipality')
    .select(['region_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('code', '<', '900')
    .groupBy('region_code')
    .orderBy('region_code')
    .execute();
  assert.deepEqual(
    perRegion.map((r) => [r.region_code, Number(r.n)]),
    [
      ['1081', 11],
      ['1082', 19],
      ['1083', 22],
      ['1084', 29],
      ['1085', 17],
    ],
  );
});

test('the API pages through all 98 municipalities with a cursor, each exactly once', async () => {
  const codes: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response: Awaited<ReturnType<typeof app.inject>> = await app.inject({
      url: '/api/municipalities',
      query: { limit: '40', ...(cursor ? { cursor } : {}) },
    });
    assert.equal(response.statusCode, 200);
    const page = response.json<{ items: { code: string }[]; nextCursor: string | null }>();
    codes.push(...page.items.map((m) => m.code));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.equal(codes.length, 98);
  assert.equal(new Set(codes).size, 98);
  assert.deepEqual([codes[0], codes.at(-1)], ['101', '860']);
});

test('the API filters by region and names the region in the caller’s language', async () => {
  const response = await app.inject({ url: '/api/municipalities?region=1081&limit=100', headers: { 'accept-language': 'en' } });
  const page = response.json<{ items: { name: string; region: { name: string } }[] }>();
  assert.equal(page.items.length, 11);
  assert.ok(page.items.some((m) => m.name === 'Aalborg'));
  assert.ok(page.items.every((m) => m.region.name === 'North Denmark Region'));
});

test('one municipality comes with its jobcenter, address and opening hours', async () => {
  const response = await app.inject({ url: '/api/municipalities/461' });
  assert.equal(response.statusCode, 200);
  const odense = response.json();
  assert.equal(odense.name, 'Odense');
  assert.equal(odense.hasJobcenter, true);
  assert.equal(odense.jobcenters[0].name, 'Jobcenter Odense');
  assert.deepEqual(odense.jobcenters[0].address, { street: 'Ørbækvej 100', postalCode: '5220', city: 'Odense SØ' });
  assert.deepEqual(
    odense.jobcenters[0].openingHours.map((h: { weekday: number }) => h.weekday),
    [1, 2, 3, 4, 5],
  );
});

test('an unknown code is a 404 problem and a malformed one a 400 with the field named', async () => {
  const unknown = await app.inject({ url: '/api/municipalities/999' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().code, 'NOT_FOUND');
  const malformed = await app.inject({ url: '/api/municipalities/12a', headers: { 'accept-language': 'en' } });
  assert.equal(malformed.statusCode, 400);
  assert.deepEqual(malformed.json().errors, [{ field: 'code', pointer: '#/code', detail: 'The field is not in the right format.' }]);
});

test('bad paging input is refused field by field', async () => {
  const response = await app.inject({ url: '/api/municipalities?limit=1000&cursor=bm90LWEtY3Vyc29y', headers: { 'accept-language': 'en' } });
  assert.equal(response.statusCode, 400);
  assert.deepEqual(
    response.json().errors.map((e: { field: string }) => e.field),
    ['limit'],
  );
  const forged = await app.inject({ url: '/api/municipalities?cursor=bm90LWEtY3Vyc29y' });
  assert.equal(forged.statusCode, 400);
  assert.equal(forged.json().errors[0].field, 'cursor');
});

test('the municipality pages show the jobcenter in both languages, and tell when there is none', async () => {
  const aarhus = await app.inject({ url: '/kommuner/751' });
  assert.match(aarhus.body, /Jobcenter Aarhus/);
  assert.match(aarhus.body, /<th scope="row">Lørdag<\/th><td>Lukket<\/td>/);
  const english = await app.inject({ url: '/kommuner/751', headers: { cookie: 'lang=en' } });
  assert.match(english.body, /<th scope="row">Saturday<\/th><td>Closed<\/td>/);
  const without = await app.inject({ url: '/kommuner/147' });
  assert.match(without.body, /Kommunen har endnu ikke oprettet sit jobcenter/);
  const missing = await app.inject({ url: '/kommuner/999', headers: { accept: 'text/html' } });
  assert.equal(missing.statusCode, 404);
});

test('a municipality made by a test appears with its jobcenter', async () => {
  const municipality = await createMunicipality(db, { name: 'Prøvekommune' });
  await createJobcenter(db, municipality.code, { name: 'Jobcenter Prøve' });
  const response = await app.inject({ url: `/api/municipalities/${municipality.code}` });
  assert.equal(response.json().jobcenters[0].name, 'Jobcenter Prøve');
});

test('the demo seed can run again and again without duplicating or losing anything', async () => {
  const before = await db.selectFrom('jobcenter').selectAll().orderBy('name').execute();
  const logger = createLogger({ level: 'silent' });
  await runSeed(db, seedParts, logger);
  await runSeed(db, seedParts, logger);
  const after = await db.selectFrom('jobcenter').selectAll().orderBy('name').execute();
  assert.deepEqual(
    after.map((j) => [j.id, j.name]),
    before.map((j) => [j.id, j.name]),
  );
  assert.ok(after.filter((j) => ['101', '751', '461', '851'].includes(j.municipality_code)).length >= 4);
});
