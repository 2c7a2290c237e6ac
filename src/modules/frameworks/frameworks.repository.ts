import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type {
  DeclarationAnswerTable,
  FrameworkRequirementTable,
  FrameworkVersionStatus,
  FrameworkVersionTable,
  VendorDeclarationTable,
} from '../../platform/db/schema.ts';

export type FrameworkVersionRow = Selectable<FrameworkVersionTable>;
export type RequirementRow = Selectable<FrameworkRequirementTable>;
export type DeclarationRow = Selectable<VendorDeclarationTable>;
export type AnswerRow = Selectable<DeclarationAnswerTable>;

/** A version with its agreement's code and titles. */
export type VersionWithAgreement = FrameworkVersionRow & { agreement_code: string; title_da: string; title_en: string };

function versionsWithAgreement(db: Db) {
  return db
    .selectFrom('framework_version as v')
    .innerJoin('framework_agreement as a', 'a.id', 'v.agreement_id')
    .selectAll('v')
    .select(['a.code as agreement_code', 'a.title_da', 'a.title_en']);
}

/** Creates the agreement or updates its titles; returns its id. */
export async function upsertAgreement(db: Db, agreement: { code: string; title_da: string; title_en: string }): Promise<string> {
  const row = await db
    .insertInto('framework_agreement')
    .values(agreement)
    .onConflict((oc) => oc.column('code').doUpdateSet({ title_da: agreement.title_da, title_en: agreement.title_en }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// The vendors module looks vendors up through its index only for a signed-in user; the demo seed, acting for no
// one, finds its demo vendor's id here, through the vendors module's published vendor_profile view.
export async function selectVendorIdByCvr(db: Db, cvr: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('vendor_profile').select(['id', 'name']).where('cvr', '=', cvr).executeTakeFirst();
}

/**
 * The framework version in force: the published one (the most recently published, should several agreements
 * have one). `lock` holds it FOR SHARE, so it cannot be retired until the caller's transaction ends.
 */
export async function selectCurrentVersion(db: Db, options: { lock?: boolean } = {}): Promise<VersionWithAgreement | undefined> {
  let query = versionsWithAgreement(db).where('v.status', '=', 'published').orderBy('v.published_at', 'desc').limit(1);
  if (options.lock) query = query.forShare('v');
  return query.executeTakeFirst();
}

/** One version; `lock` holds it FOR UPDATE, serialising edits of a draft with its publication. */
export async function selectVersion(db: Db, versionId: string, options: { lock?: boolean } = {}): Promise<VersionWithAgreement | undefined> {
  let query = versionsWithAgreement(db).where('v.id', '=', versionId);
  if (options.lock) query = query.forUpdate('v');
  return query.executeTakeFirst();
}

/** Every version of every agreement with its number of requirements, newest first within each agreement. */
export async function selectVersionSummaries(db: Db): Promise<(VersionWithAgreement & { requirement_count: number })[]> {
  return versionsWithAgreement(db)
    .select(sql<number>`(select count(*)::int from framework_requirement r where r.version_id = v.id)`.as('requirement_count'))
    .orderBy('a.title_da')
    .orderBy('v.version', 'desc')
    .execute();
}

export async function selectVersionByNumber(db: Db, agreementId: string, version: number): Promise<FrameworkVersionRow | undefined> {
  return db.selectFrom('framework_version').selectAll().where('agreement_id', '=', agreementId).where('version', '=', version).executeTakeFirst();
}

export async function selectVersionOfAgreement(db: Db, agreementId: string, status: FrameworkVersionStatus): Promise<FrameworkVersionRow | undefined> {
  return db.selectFrom('framework_version').selectAll().where('agreement_id', '=', agreementId).where('status', '=', status).executeTakeFirst();
}

/** Adds the next version of an agreement as an empty draft; undefined when another draft (or the number) exists. */
export async function insertDraftVersion(db: Db, agreementId: string, createdBy: string): Promise<FrameworkVersionRow | undefined> {
  return db
    .insertInto('framework_version')
    .columns(['agreement_id', 'version', 'created_by'])
    .expression((eb) =>
      eb
        .selectFrom('framework_version')
        .select([
          sql<string>`${agreementId}::uuid`.as('agreement_id'),
          sql<number>`coalesce(max(version), 0) + 1`.as('version'),
          sql<string>`${createdBy}::text`.as('created_by'),
        ])
        .where('agreement_id', '=', agreementId),
    )
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setVersionStatus(db: Db, versionId: string, status: 'published' | 'retired', by: string): Promise<void> {
  const now = new Date();
  await db
    .updateTable('framework_version')
    .set(status === 'published' ? { status, published_at: now, published_by: by } : { status, retired_at: now })
    .where('id', '=', versionId)
    .execute();
}

export async function selectRequirements(db: Db, versionId: string): Promise<RequirementRow[]> {
  return db.selectFrom('framework_requirement').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
}

/** Copies every requirement of one version into another (the database computes their content hashes again). */
export async function copyRequirements(db: Db, fromVersionId: string, toVersionId: string): Promise<void> {
  await db
    .insertInto('framework_requirement')
    .columns(['version_id', 'key', 'position', 'text_da', 'text_en', 'help_da', 'help_en', 'answer_type', 'obligation', 'check_code'])
    .expression((eb) =>
      eb
        .selectFrom('framework_requirement')
        .select([
          sql<string>`${toVersionId}::uuid`.as('version_id'),
          'key',
          'position',
          'text_da',
          'text_en',
          'help_da',
          'help_en',
          'answer_type',
          'obligation',
          'check_code',
        ])
        .where('version_id', '=', fromVersionId),
    )
    .execute();
}

export type RequirementValues = Omit<Insertable<FrameworkRequirementTable>, 'version_id' | 'key' | 'position'>;

/** Moves requirements at positions from..to (inclusive) by `by`; positions are unique only at commit. */
export async function shiftRequirements(db: Db, versionId: string, from: number, to: number, by: 1 | -1): Promise<void> {
  await db
    .updateTable('framework_requirement')
    .set((eb) => ({ position: eb('position', '+', by) }))
    .where('version_id', '=', versionId)
    .where('position', '>=', from)
    .where('position', '<=', to)
    .execute();
}

export async function insertRequirement(db: Db, versionId: string, key: string, position: number, values: RequirementValues): Promise<void> {
  await db
    .insertInto('framework_requirement')
    .values({ version_id: versionId, key, position, ...values })
    .execute();
}

export async function updateRequirement(db: Db, versionId: string, key: string, position: number, values: RequirementValues): Promise<void> {
  await db
    .updateTable('framework_requirement')
    .set({ position, ...values })
    .where('version_id', '=', versionId)
    .where('key', '=', key)
    .execute();
}

export async function deleteRequirement(db: Db, versionId: string, key: string): Promise<void> {
  await db.deleteFrom('framework_requirement').where('version_id', '=', versionId).where('key', '=', key).execute();
}

/** A vendor's declaration against a version; `lock` holds it FOR UPDATE for the rest of the transaction. */
export async function selectDeclaration(db: Db, vendorId: string, versionId: string, options: { lock?: boolean } = {}): Promise<DeclarationRow | undefined> {
  let query = db.selectFrom('vendor_declaration').selectAll().where('vendor_id', '=', vendorId).where('framework_version_id', '=', versionId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The vendor's declaration against the latest earlier version of the same agreement, with that version's number. */
export async function selectPreviousDeclaration(
  db: Db,
  vendorId: string,
  agreementId: string,
  beforeVersion: number,
): Promise<(DeclarationRow & { version: number }) | undefined> {
  return db
    .selectFrom('vendor_declaration as d')
    .innerJoin('framework_version as v', 'v.id', 'd.framework_version_id')
    .selectAll('d')
    .select('v.version')
    .where('d.vendor_id', '=', vendorId)
    .where('v.agreement_id', '=', agreementId)
    .where('v.version', '<', beforeVersion)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Creates the declaration; undefined when one was created at the same moment by someone else. */
export async function insertDeclaration(
  db: Db,
  declaration: { vendor_id: string; framework_version_id: string; status: 'draft' | 'submitted'; submitted_at: Date | null; submitted_by: string | null },
): Promise<DeclarationRow | undefined> {
  return db
    .insertInto('vendor_declaration')
    .values(declaration)
    .onConflict((oc) => oc.columns(['vendor_id', 'framework_version_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateDeclarationStatus(
  db: Db,
  declarationId: string,
  state: { status: 'draft' | 'submitted'; submitted_at: Date | null; submitted_by: string | null },
): Promise<void> {
  await db
    .updateTable('vendor_declaration')
    .set({ ...state, updated_at: new Date() })
    .where('id', '=', declarationId)
    .execute();
}

export async function selectAnswers(db: Db, declarationId: string): Promise<AnswerRow[]> {
  return db.selectFrom('declaration_answer').selectAll().where('declaration_id', '=', declarationId).execute();
}

/** Writes answers, replacing earlier answers to the same requirements. */
export async function upsertAnswers(db: Db, answers: Insertable<DeclarationAnswerTable>[]): Promise<void> {
  if (answers.length === 0) return;
  await db
    .insertInto('declaration_answer')
    .values(answers)
    .onConflict((oc) =>
      oc.columns(['declaration_id', 'requirement_key']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        answered_by: eb.ref('excluded.answered_by'),
        answered_at: eb.ref('excluded.answered_at'),
        carried_over_from_version: eb.ref('excluded.carried_over_from_version'),
      })),
    )
    .execute();
}

export async function deleteAnswers(db: Db, declarationId: string, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('declaration_answer').where('declaration_id', '=', declarationId).where('requirement_key', 'in', keys).execute();
}
