// The curation → marketplace path of the change bus, through the real app: what a content owner changes in the
// municipality workspace shows in the citizen's marketplace on the very next request of the same process, and within
// a second in a second process of the platform on the same database — with both processes' caches on.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const first = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// Another process of the platform: its own app, pools, bus and LISTEN connection, on the first one's database.
const second = await createTestApp({ database: first, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db } = first;

const itemPattern = /<h3 class="h4(?: mt-0)?"><a href="\/borger\/markedsplads\/(?:lokale-tilbud\/)?[0-9a-f-]{36}">([^<]+)<\/a><\/h3>/g;

/** Fixture writes with the database's triggers off, so nobody hears of them: only a cache can explain what is served then. */
async function unnoticed(work: (trx: typeof db) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

/** A live listing nobody was told about. */
async function createListing(name: string): Promise<string> {
  const listingId = randomUUID();
  await unnoticed(async (trx) => {
    await sql`insert into listing (id, vendor_id) select ${listingId}::uuid, id from vendor order by cvr limit 1`.execute(trx);
    await trx
      .insertInto('listing_version')
      .values({
        listing_id: listingId,
        version: 1,
        status: 'approved',
        name_da: name,
        name_en: `${name} (en)`,
        summary_da: `Kort om ${name} for ledige.`,
        summary_en: 'A short English summary.',
        description_da: `Hele beskrivelsen af ${name}.`,
        description_en: 'The whole English description.',
        journey_stage: 'search',
        price_model: 'free',
        required_nsis_level: 'Substantial',
        channels: ['web'],
        service_url: `https://tjeneste.example/${listingId}`,
        accessibility_statement_url: `https://tjeneste.example/${listingId}/tilgaengelighed`,
      })
      .execute();
  });
  return listingId;
}

/** A municipality with a content owner and a citizen signed in, and a first listing enabled behind everyone's back. */
async function world() {
  const m = await createMunicipality(db);
  const municipality = { code: m.code, name: m.name };
  const owner = await createSession(db, { ...principalFor('content_owner', { municipalityCode: m.code }), municipality });
  const person = await createCitizen(db, { municipalityCode: m.code });
  await unnoticed((trx) =>
    trx
      .insertInto('citizen_profile')
      .values({ citizen_id: person.id, municipality_code: m.code, target_group: 'job_ready', journey_stage: 'search', screened_at: new Date() })
      .execute(),
  );
  const citizen = await createSession(db, {
    ...principalFor('citizen', { municipalityCode: m.code, citizenId: person.id, nsisLevel: 'High' }),
    name: person.name,
    municipality,
  });
  const kept = await createListing(`Altid med ${m.code}`);
  await unnoticed((trx) => trx.insertInto('municipality_listing').values({ municipality_code: m.code, listing_id: kept, enabled_by: 'test' }).execute());
  return { code: m.code, owner, citizen, kept };
}

/** The names on the citizen's marketplace page in `app`. */
async function shown(app: FastifyInstance, citizen: string): Promise<string[]> {
  const response = await app.inject({ url: '/borger/markedsplads', headers: { cookie: `jobunivers-session=${citizen}` } });
  assert.equal(response.statusCode, 200, response.body.slice(0, 500));
  return [...response.body.matchAll(itemPattern)].map((match) => match[1] ?? '');
}

/** Asks until `check` holds or `ms` have passed (no fixed sleep: it returns as soon as the change shows). */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return true;
    await sleep(20);
  }
  return check();
}

/** Proves `app`'s marketplace cache is on: a write nobody hears about is not seen, as the page comes from memory. */
async function assertServedFromMemory(app: FastifyInstance, code: string, citizen: string, before: string[]): Promise<void> {
  const unheard = await createListing(`Uhørt ${code}`);
  await unnoticed((trx) => trx.insertInto('municipality_listing').values({ municipality_code: code, listing_id: unheard, enabled_by: 'test' }).execute());
  assert.deepEqual(await shown(app, citizen), before, 'the page is served from the cache');
}

test('a listing a content owner enables in the workspace is in the marketplace on the very next request of the same process', async () => {
  const { code, owner, citizen, kept } = await world();
  assert.deepEqual(await shown(first.app, citizen), [`Altid med ${code}`]);
  await assertServedFromMemory(first.app, code, citizen, [`Altid med ${code}`]);

  const added = await createListing(`Slået til ${code}`);
  const { post } = signedInForms(first.app);
  const enabled = await post(owner, '/kommune/katalog', `/kommune/katalog/${added}/vaelg`);
  assert.equal(enabled.statusCode, 303);
  assert.ok((await shown(first.app, citizen)).includes(`Slået til ${code}`), 'enabled: shown at once');

  const recommended = await post(owner, `/kommune/katalog/${added}`, `/kommune/katalog/${added}/anbefalinger`, { targetGroup: 'job_ready', journeyStage: '' });
  assert.equal(recommended.statusCode, 303, recommended.body.slice(0, 500));
  assert.equal((await shown(first.app, citizen))[0], `Slået til ${code}`, 'recommended: first at once');
  const disabled = await post(owner, '/kommune/katalog', `/kommune/katalog/${kept}/fravaelg`);
  assert.equal(disabled.statusCode, 303);
  assert.ok(!(await shown(first.app, citizen)).includes(`Altid med ${code}`), 'disabled: gone at once');
});

test('a second process on the same database shows the workspace change within a second', async () => {
  const { code, owner, citizen, kept } = await world();
  assert.deepEqual(await shown(second.app, citizen), [`Altid med ${code}`]);
  await assertServedFromMemory(second.app, code, citizen, [`Altid med ${code}`]);

  const added = await createListing(`Slået til ${code}`);
  const { post } = signedInForms(first.app);
  assert.equal((await post(owner, '/kommune/katalog', `/kommune/katalog/${added}/vaelg`)).statusCode, 303);
  assert.ok(await within(1_000, async () => (await shown(second.app, citizen)).includes(`Slået til ${code}`)), 'enabled: shown within a second');

  assert.equal((await post(owner, '/kommune/katalog', `/kommune/katalog/${kept}/fravaelg`)).statusCode, 303);
  assert.ok(await within(1_000, async () => !(await shown(second.app, citizen)).includes(`Altid med ${code}`)), 'disabled: gone within a second');
});
