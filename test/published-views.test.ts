// The views modules publish to each other (src/platform/db/schema.ts, publishedViews) must not become a way around
// row-level security or a way to write another module's tables: each runs with the rights of whoever queries it
// (security_invoker) and is read-only for the application role, and a citizen's data read through them stays
// within its tenant exactly as on the tables behind them.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { publishedViews } from '../src/platform/db/schema.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createTestDatabase } from './support/database.ts';
import { createCitizen } from './support/factories.ts';

const { db, url } = await createTestDatabase();
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());

const copenhagen = await createCitizen(db, { municipalityCode: '101', name: 'Ida Kbh' });
const aarhus = await createCitizen(db, { municipalityCode: '751', name: 'Emil Aarhus' });
for (const citizen of [
  { id: copenhagen.id, code: '101' },
  { id: aarhus.id, code: '751' },
]) {
  await db.insertInto('citizen_profile').values({ citizen_id: citizen.id, municipality_code: citizen.code, target_group: 'job_ready' }).execute();
  await db
    .insertInto('plan_activity')
    .values({ citizen_id: citizen.id, municipality_code: citizen.code, source: 'chosen', title: 'CV', created_by: 'test', created_by_name: 'Sagsbehandler' })
    .execute();
}

test('every published view runs with the caller’s rights and is read-only for the application', async () => {
  const { rows } = await sql<{ name: string; kind: string | null; invoker: boolean; reads: boolean; writes: boolean }>`
    select n.name, c.relkind::text as kind,
           coalesce('security_invoker=true' = any(c.reloptions), false) as invoker,
           c.oid is not null and has_table_privilege('jobunivers_app', c.oid, 'select') as reads,
           c.oid is not null and (has_table_privilege('jobunivers_app', c.oid, 'insert') or has_table_privilege('jobunivers_app', c.oid, 'update')
             or has_table_privilege('jobunivers_app', c.oid, 'delete')) as writes
    from unnest(${[...publishedViews]}::text[]) n(name)
    left join pg_class c on c.relname = n.name and c.relnamespace = 'public'::regnamespace
    order by n.name`.execute(db);
  const wrong = rows.filter((row) => row.kind !== 'v' || !row.invoker || !row.reads || row.writes).map((row) => row.name);
  assert.deepEqual(wrong, [], 'views that are missing, not security_invoker, unreadable or writable by the application');
});

test('a citizen’s data read through published views is invisible without a tenant and stays within its tenant', async () => {
  const citizenViews = ['citizen_identity', 'citizen_journey', 'citizen_plan'] as const;
  for (const view of citizenViews) {
    const idColumn = view === 'citizen_identity' ? 'id' : 'citizen_id';
    const { rows: unscoped } = await sql<{ id: string }>`select ${sql.ref(idColumn)} as id from ${sql.table(view)}`.execute(appDb);
    assert.deepEqual(unscoped, [], `${view}: no tenant, no rows`);
    // København's staff doing case work act for the kommune as an organisation, responsible for its citizens by default.
    const seen = await withTenant(appDb, { organisation: 'kommune-101' }, async (trx) => {
      const { rows } = await sql<{
        id: string;
        municipality_code: string;
      }>`select ${sql.ref(idColumn)} as id, municipality_code from ${sql.table(view)}`.execute(trx);
      return rows;
    });
    assert.ok(
      seen.some((row) => row.id === copenhagen.id),
      `${view}: København sees its own citizen`,
    );
    assert.ok(
      seen.every((row) => row.municipality_code === '101'),
      `${view}: København sees none of Aarhus’ citizens`,
    );
    const own = await withTenant(appDb, { citizen: aarhus.id }, async (trx) => {
      const { rows } = await sql<{ id: string }>`select ${sql.ref(idColumn)} as id from ${sql.table(view)}`.execute(trx);
      return rows.map((row) => row.id);
    });
    assert.ok(!own.includes(copenhagen.id), `${view}: a citizen sees no one else`);
  }
});
