import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { pruneAccessLogJob } from '../src/modules/identity/index.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createLogger } from '../src/platform/logger.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db, url, config } = await createTestApp();
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });

const copenhagen = await createCitizen(db, { municipalityCode: '101', name: 'Ida Kbh' });
const aarhus = await createCitizen(db, { municipalityCode: '751', name: 'Emil Aarhus' });

test('citizen rows are invisible without a tenant, even when the query has no filter of its own', async () => {
  const rows = await appDb.selectFrom('citizen').select(['id']).execute();
  assert.deepEqual(rows, []);
  const owner = await db.selectFrom('citizen').select(['id']).execute();
  assert.ok(owner.length >= 2, 'the rows are there for the owner');
});

test('with a tenant set, only that municipality’s citizens exist, whatever the query asks for', async () => {
  const seen = await withTenant(appDb, { municipality: '101' }, (trx) => trx.selectFrom('citizen').select(['id', 'municipality_code']).execute());
  assert.ok(seen.length >= 1);
  assert.ok(seen.every((row) => row.municipality_code === '101'));
  const other = await withTenant(appDb, { municipality: '101' }, (trx) => trx.selectFrom('citizen').select(['id']).where('id', '=', aarhus.id).execute());
  assert.deepEqual(other, [], 'Aarhus’ citizen cannot be read from København');
  const changed = await withTenant(appDb, { municipality: '101' }, (trx) =>
    trx.updateTable('citizen').set({ full_name: 'Hacked' }).where('id', '=', aarhus.id).executeTakeFirst(),
  );
  assert.equal(Number(changed.numUpdatedRows), 0, 'nor changed');
});

test('a write into another tenant is refused by the database', async () => {
  await assert.rejects(
    withTenant(appDb, { municipality: '101' }, (trx) =>
      trx
        .insertInto('citizen')
        .values({ person_uuid: 'x-1', cpr_number: '7001011234', full_name: 'Snyd', municipality_code: '751', last_signed_in_at: new Date() })
        .execute(),
    ),
    /row-level security/,
  );
});

test('jobcenters are public to read but only their own municipality may change them', async () => {
  const all = await appDb.selectFrom('jobcenter').select(['municipality_code']).execute();
  assert.ok(all.length >= 4, 'everyone reads every jobcenter');
  const unscoped = await appDb.updateTable('jobcenter').set({ phone: '00 00 00 00' }).executeTakeFirst();
  assert.equal(Number(unscoped.numUpdatedRows), 0, 'no tenant, no change');
  const foreign = await withTenant(appDb, { municipality: '101' }, (trx) =>
    trx.updateTable('jobcenter').set({ phone: '00 00 00 00' }).where('municipality_code', '=', '751').executeTakeFirst(),
  );
  assert.equal(Number(foreign.numUpdatedRows), 0, 'København cannot change Aarhus’ jobcenter');
  const mine = await withTenant(appDb, { municipality: '101' }, (trx) =>
    trx.updateTable('jobcenter').set({ phone: '33 66 00 01' }).where('municipality_code', '=', '101').executeTakeFirst(),
  );
  assert.equal(Number(mine.numUpdatedRows), 1);
});

test('the access log is append-only for the application', async () => {
  await assert.rejects(appDb.deleteFrom('access_log').execute(), /permission denied/);
  await assert.rejects(appDb.updateTable('access_log').set({ purpose: 'changed' }).execute(), /permission denied/);
});

test('a caseworker’s look-up is logged with its purpose, and the citizen sees it in Min Log — nobody else does', async () => {
  const caseworker = await createSession(db, {
    ...principalFor('caseworker', { municipalityCode: '101' }),
    name: 'Anne Kofoed',
    municipality: { code: '101', name: 'København' },
    organisation: { id: 'kommune-101', kind: 'kommune', name: 'København Kommune' },
  });
  const formPage = await app.inject({ url: '/medarbejder/borgere', headers: { cookie: `jobunivers-session=${caseworker}` } });
  const cookie = `${cookiesFrom(formPage)}; jobunivers-session=${caseworker}`;
  const lookup = await app.inject({
    method: 'POST',
    url: '/medarbejder/borgere',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(formPage.body), cpr: copenhagen.cpr, purpose: 'Forberedelse af samtale' }).toString(),
  });
  assert.equal(lookup.statusCode, 303, 'the look-up leads to the citizen’s page');
  assert.equal(lookup.headers.location, `/medarbejder/borgere/${copenhagen.id}`);

  const withoutPurpose = await app.inject({
    method: 'POST',
    url: '/medarbejder/borgere',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(formPage.body), cpr: copenhagen.cpr, purpose: '' }).toString(),
  });
  assert.equal(withoutPurpose.statusCode, 400, 'no purpose, no look-up');
  assert.match(withoutPurpose.body, /id="field-purpose-error">Udfyld feltet\./);

  const entries = await db.selectFrom('access_log').selectAll().where('citizen_id', '=', copenhagen.id).execute();
  assert.equal(entries.length, 1, 'one look-up, one entry; the refused one left none');
  assert.deepEqual(
    {
      purpose: entries[0]?.purpose,
      actor: entries[0]?.actor_name,
      role: entries[0]?.actor_role,
      organisation: entries[0]?.actor_organisation,
      action: entries[0]?.action,
    },
    { purpose: 'Forberedelse af samtale', actor: 'Anne Kofoed', role: 'caseworker', organisation: 'København Kommune', action: 'read' },
  );

  const citizen = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: copenhagen.id }));
  const minLog = await app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${citizen}` } });
  assert.equal(minLog.statusCode, 200);
  assert.match(minLog.body, /Anne Kofoed, Jobkonsulent, København Kommune/);
  assert.match(minLog.body, /Forberedelse af samtale/);

  const other = await createSession(db, principalFor('citizen', { municipalityCode: '751', citizenId: aarhus.id }));
  const theirLog = await app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${other}` } });
  assert.doesNotMatch(theirLog.body, /Forberedelse af samtale/);
  assert.match(theirLog.body, /Ingen andre har set dine oplysninger/);
});

test('the access log keeps entries for its retention period and the nightly job removes older ones', async () => {
  await db
    .insertInto('access_log')
    .values([
      {
        citizen_id: aarhus.id,
        municipality_code: '751',
        actor_subject: 's',
        actor_name: 'Gammel',
        actor_role: 'caseworker',
        actor_organisation: 'Aarhus Kommune',
        action: 'read',
        data_category: 'identity',
        purpose: 'Gammelt opslag',
        occurred_at: sql<Date>`now() - interval '200 days'`,
      },
      {
        citizen_id: aarhus.id,
        municipality_code: '751',
        actor_subject: 's',
        actor_name: 'Ny',
        actor_role: 'caseworker',
        actor_organisation: 'Aarhus Kommune',
        action: 'read',
        data_category: 'identity',
        purpose: 'Nyt opslag',
        occurred_at: sql<Date>`now() - interval '100 days'`,
      },
    ])
    .execute();
  await pruneAccessLogJob.handle({}, { db: appDb, config, logger: createLogger({ level: 'silent' }) });
  const left = await db.selectFrom('access_log').select(['purpose']).where('citizen_id', '=', aarhus.id).execute();
  assert.deepEqual(
    left.map((r) => r.purpose),
    ['Nyt opslag'],
  );
});

after(() => appDb.destroy());
