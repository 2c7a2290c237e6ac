// The architecture's lint rules (eslint.config.js) seen failing on deliberate violations and passing on the allowed
// forms: Kysely query builders and the sql tag only in repositories (and the database platform), and another module
// reached only through its index.ts. The project's own config lints code given as text under the named path.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const cwd = path.resolve(import.meta.dirname, '..');
// The rules under test need no types; without the type-aware rules ESLint does not build the whole program per run.
const eslint = new ESLint({ cwd, overrideConfig: tseslint.configs.disableTypeChecked as Linter.Config });

const queryRule = 'architecture/query-builders-in-repositories';
const boundaryRule = 'architecture/module-boundaries';

/** The messages of one rule for `code` linted as if it were the file at `filePath`; fails on a parse error. */
async function lint(code: string, filePath: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, filePath) });
  assert.ok(result, 'ESLint returned no result');
  assert.deepEqual(
    result.messages.filter((m) => m.fatal),
    [],
  );
  return result.messages.filter((m) => m.ruleId === ruleId && m.severity === 2).map((m) => m.message);
}

const queryCode = `import type { Db } from '../../platform/db/database.ts';
export async function vendorName(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('vendor').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name;
}
`;

test('a query builder in a service is an error, naming the builder and where it belongs', async () => {
  const messages = await lint(queryCode, 'src/modules/listings/listings.service.ts', queryRule);
  assert.equal(messages.length, 1);
  assert.match(messages[0] ?? '', /selectFrom\(\) belongs in a \*\.repository\.ts/);
});

test('every Kysely query builder counts, also inside a subquery', async () => {
  const code = `import type { Db } from '../../platform/db/database.ts';
export async function work(db: Db): Promise<void> {
  await db.insertInto('listing').values({ vendor_id: 'v', created_by: 'x' }).execute();
  await db.updateTable('listing').set({ delisted_at: null }).execute();
  await db.deleteFrom('listing').where('id', 'in', (eb) => eb.selectFrom('listing').select('id')).execute();
}
`;
  const messages = await lint(code, 'src/modules/listings/listings.pages.ts', queryRule);
  assert.deepEqual(
    messages.map((m) => /Kysely's (\w+)\(\)/.exec(m)?.[1]),
    ['insertInto', 'updateTable', 'deleteFrom', 'selectFrom'],
  );
});

test("the sql tag imported from 'kysely' outside a repository is an error; a type import is not", async () => {
  const withTag = `import { sql } from 'kysely';\nexport const now = sql<Date>\`now()\`;\n`;
  assert.match((await lint(withTag, 'src/modules/curation/curation.service.ts', queryRule))[0] ?? '', /sql tag belongs in a \*\.repository\.ts/);
  const typeOnly = `import type { Selectable } from 'kysely';\nexport type Row = Selectable<{ id: string }>;\n`;
  assert.deepEqual(await lint(typeOnly, 'src/modules/curation/curation.service.ts', queryRule), []);
});

test('a platform file that is not about the database gets no query builders either', async () => {
  assert.equal((await lint(queryCode, 'src/platform/http/form-token.ts', queryRule)).length, 1);
});

test('repositories, the database platform and the job runner may build queries', async () => {
  assert.deepEqual(await lint(queryCode, 'src/modules/listings/listings.repository.ts', queryRule), []);
  assert.deepEqual(await lint(queryCode, 'src/platform/http/form-token.repository.ts', queryRule), []);
  assert.deepEqual(await lint(queryCode, 'src/platform/db/tenant.ts', queryRule), []);
  assert.deepEqual(await lint(queryCode, 'src/platform/jobs/runner.ts', queryRule), []);
  const withTag = `import { sql } from 'kysely';\nexport const now = sql<Date>\`now()\`;\n`;
  assert.deepEqual(await lint(withTag, 'src/modules/listings/listings.repository.ts', queryRule), []);
});

test("importing another module's file past its index.ts is an error that names the index", async () => {
  const code = `import { loadSigningKeys } from '../sso/sso.keys.ts';\nexport const load = loadSigningKeys;\n`;
  const messages = await lint(code, 'src/modules/consent/consent.service.ts', boundaryRule);
  assert.deepEqual(messages, ["Reach the sso module only through '../sso/index.ts' (its public face), not '../sso/sso.keys.ts'."]);
});

test('re-exports, dynamic imports and type-only imports past index.ts are errors too', async () => {
  const code = `export { revokeVendorAccess } from '../sso/sso.revocation.ts';
export * from '../vendors/vendors.repository.ts';
import type { VendorRow } from '../vendors/vendors.repository.ts';
export type Row = VendorRow;
export const later = () => import('../catalogue/catalogue.cache.ts');
`;
  const messages = await lint(code, 'src/modules/consent/consent.service.ts', boundaryRule);
  assert.equal(messages.length, 4);
});

test("a module's own files, another module's index.ts and the platform are allowed", async () => {
  const code = `import { revokeVendorAccess } from '../sso/index.ts';
import { selectConsent } from './consent.repository.ts';
import type { Db } from '../../platform/db/database.ts';
export { revokeVendorAccess, selectConsent };
export type D = Db;
`;
  assert.deepEqual(await lint(code, 'src/modules/consent/consent.service.ts', boundaryRule), []);
});

test('outside src/modules (the composition, the platform) other modules are reached through index.ts as well', async () => {
  const past = `import { vendorPages } from './modules/vendors/vendors.pages.ts';\nexport const pages = vendorPages;\n`;
  assert.equal((await lint(past, 'src/modules.ts', boundaryRule)).length, 1);
  const through = `import { vendorPages } from './modules/vendors/index.ts';\nexport const pages = vendorPages;\n`;
  assert.deepEqual(await lint(through, 'src/modules.ts', boundaryRule), []);
});

test("only the catalogue imports a module's messages, and only the database type its tables — nothing else of theirs", async () => {
  const messages = `import { listingsDa } from '../../modules/listings/listings.messages.ts';\nexport const da = listingsDa;\n`;
  assert.deepEqual(await lint(messages, 'src/platform/i18n/catalogue.ts', boundaryRule), []);
  assert.equal((await lint(messages, 'src/platform/i18n/index.ts', boundaryRule)).length, 1, 'another platform file');
  const fromModule = `import { listingsDa } from '../listings/listings.messages.ts';\nexport const da = listingsDa;\n`;
  assert.equal((await lint(fromModule, 'src/modules/catalogue/catalogue.pages.ts', boundaryRule)).length, 1, 'another module');
  const service = `import { submitListing } from '../../modules/listings/listings.service.ts';\nexport const s = submitListing;\n`;
  assert.equal((await lint(service, 'src/platform/i18n/catalogue.ts', boundaryRule)).length, 1, 'the catalogue, past messages');
  const tables = `import type { ListingsTables } from '../../modules/listings/listings.tables.ts';\nexport type T = ListingsTables;\n`;
  assert.deepEqual(await lint(tables, 'src/platform/db/schema.ts', boundaryRule), []);
  assert.equal((await lint(tables.replace('listings.tables.ts', 'listings.repository.ts'), 'src/platform/db/schema.ts', boundaryRule)).length, 1);
  assert.equal((await lint(messages, 'src/platform/db/schema.ts', boundaryRule)).length, 1, 'the database type, past tables');
});
