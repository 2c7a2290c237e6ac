import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AnswerType, CheckCode, FrameworkVersionStatus, Obligation } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput } from '../../platform/validation.ts';
import type { Localized, RequirementChange } from './declarations.service.ts';
import {
  copyRequirements,
  deleteRequirement,
  insertDraftVersion,
  insertRequirement,
  selectRequirements,
  selectVersion,
  selectVersionByNumber,
  selectVersionOfAgreement,
  selectVersionSummaries,
  setVersionStatus,
  shiftRequirements,
  updateRequirement as updateRequirementRow,
  type RequirementValues,
  type VersionWithAgreement,
} from './frameworks.repository.ts';
import { frameworksPolicy } from './frameworks.policy.ts';
import { newRequirementSchema, requirementContentSchema, type RequirementContent } from './frameworks.schemas.ts';

export type FrameworkVersionSummary = {
  id: string;
  version: number;
  status: FrameworkVersionStatus;
  requirementCount: number;
  createdAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
};

export type FrameworkAgreementVersions = {
  agreementId: string;
  code: string;
  title: Localized;
  /** Newest first. */
  versions: FrameworkVersionSummary[];
  /** The published version a new draft would copy, when no draft is being worked on. */
  draftableFrom: string | null;
};

export type FrameworkRequirement = {
  key: string;
  position: number;
  text: Localized;
  help: { da: string | null; en: string | null };
  answerType: AnswerType;
  obligation: Obligation;
  checkCode: CheckCode | null;
  /** Compared with the version before (null for the first version). */
  change: RequirementChange | null;
};

export type FrameworkVersionDetail = FrameworkVersionSummary & {
  agreementId: string;
  title: Localized;
  /** The version the requirements are compared with. */
  comparedWith: number | null;
  requirements: FrameworkRequirement[];
};

const uuid = z.uuid();

function requireReader(actor: Principal): void {
  frameworksPolicy.authorize(actor, 'framework.read');
}

function requireMaintainer(actor: Principal): void {
  frameworksPolicy.authorize(actor, 'framework.maintain');
}

/** What the signed-in governance user may do on the framework pages (they show the maintainers' forms from this). */
export function frameworkPermissions(actor: Principal): { maintain: boolean } {
  return { maintain: frameworksPolicy.can(actor, 'framework.maintain') };
}

function notDraft(version: VersionWithAgreement): AppError {
  return new AppError('CONFLICT', `Version ${version.version} is ${version.status}; only a draft changes.`, [
    { field: 'version', message: 'framework.conflict.notDraft' },
  ]);
}

/** The version, locked for the transaction; throws NOT_FOUND, or CONFLICT when it is no longer a draft. */
async function lockDraft(db: Db, versionId: string): Promise<VersionWithAgreement> {
  const version = uuid.safeParse(versionId).success ? await selectVersion(db, versionId, { lock: true }) : undefined;
  if (!version) throw new AppError('NOT_FOUND', 'No such framework version.');
  if (version.status !== 'draft') throw notDraft(version);
  return version;
}

function rowValues(content: RequirementContent): RequirementValues {
  return {
    text_da: content.textDa,
    text_en: content.textEn,
    help_da: content.helpDa,
    help_en: content.helpEn,
    answer_type: content.answerType,
    obligation: content.obligation,
    check_code: content.checkCode,
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** Every framework agreement with its versions, for governance. Throws FORBIDDEN for anyone else. */
export async function listFrameworkAgreements(db: Db, actor: Principal): Promise<FrameworkAgreementVersions[]> {
  requireReader(actor);
  const agreements = new Map<string, FrameworkAgreementVersions>();
  for (const row of await selectVersionSummaries(db)) {
    let agreement = agreements.get(row.agreement_id);
    if (!agreement) {
      agreement = { agreementId: row.agreement_id, code: row.agreement_code, title: { da: row.title_da, en: row.title_en }, versions: [], draftableFrom: null };
      agreements.set(row.agreement_id, agreement);
    }
    agreement.versions.push({
      id: row.id,
      version: row.version,
      status: row.status,
      requirementCount: row.requirement_count,
      createdAt: row.created_at,
      publishedAt: row.published_at,
      retiredAt: row.retired_at,
    });
  }
  for (const agreement of agreements.values()) {
    const hasDraft = agreement.versions.some((v) => v.status === 'draft');
    agreement.draftableFrom = hasDraft ? null : (agreement.versions.find((v) => v.status === 'published')?.id ?? null);
  }
  return [...agreements.values()];
}

/** One version with its requirements, each marked new or changed against the version before. Throws NOT_FOUND, FORBIDDEN. */
export async function getFrameworkVersion(db: Db, actor: Principal, versionId: string): Promise<FrameworkVersionDetail> {
  requireReader(actor);
  const version = uuid.safeParse(versionId).success ? await selectVersion(db, versionId) : undefined;
  if (!version) throw new AppError('NOT_FOUND', 'No such framework version.');
  const before = version.version > 1 ? await selectVersionByNumber(db, version.agreement_id, version.version - 1) : undefined;
  const [requirements, earlier] = await Promise.all([selectRequirements(db, version.id), before ? selectRequirements(db, before.id) : []]);
  const earlierByKey = new Map(earlier.map((r) => [r.key, r.content_hash]));
  return {
    id: version.id,
    agreementId: version.agreement_id,
    title: { da: version.title_da, en: version.title_en },
    version: version.version,
    status: version.status,
    requirementCount: requirements.length,
    createdAt: version.created_at,
    publishedAt: version.published_at,
    retiredAt: version.retired_at,
    comparedWith: before?.version ?? null,
    requirements: requirements.map((r) => ({
      key: r.key,
      position: r.position,
      text: { da: r.text_da, en: r.text_en },
      help: { da: r.help_da, en: r.help_en },
      answerType: r.answer_type,
      obligation: r.obligation,
      checkCode: r.check_code,
      change: before ? (!earlierByKey.has(r.key) ? 'new' : earlierByKey.get(r.key) === r.content_hash ? 'unchanged' : 'changed') : null,
    })),
  };
}

/**
 * Starts the next version of an agreement as a draft copy of its published version, once per form token (a
 * resubmit gets the first draft's id, `replayed`). Throws NOT_FOUND, CONFLICT when the version is not the
 * published one, a draft exists already or the token is another form's, FORBIDDEN for anyone but the administrator.
 */
export async function createDraftVersion(db: Db, actor: Principal, fromVersionId: string, once?: FormOnce): Promise<CreatedOnce> {
  requireMaintainer(actor);
  return createOnce(db, once, async (trx) => {
    const source = uuid.safeParse(fromVersionId).success ? await selectVersion(trx, fromVersionId, { lock: true }) : undefined;
    if (!source) throw new AppError('NOT_FOUND', 'No such framework version.');
    if (source.status !== 'published') {
      throw new AppError('CONFLICT', 'A new version starts from the published one.', [{ field: 'version', message: 'framework.conflict.notPublished' }]);
    }
    const draft = await insertDraftVersion(trx, source.agreement_id, actor.subject);
    if (!draft) throw new AppError('CONFLICT', 'The agreement has a draft version already.', [{ field: 'version', message: 'framework.conflict.draftExists' }]);
    await copyRequirements(trx, source.id, draft.id);
    return draft.id;
  });
}

/**
 * Adds a requirement to a draft (at the given position, else last), once per form token; the id is the
 * requirement's key (a resubmit gets the first one's, `replayed`). Throws VALIDATION with field messages, NOT_FOUND,
 * CONFLICT when the version is not a draft or the token is another form's, FORBIDDEN for anyone but the administrator.
 */
export async function addRequirement(db: Db, actor: Principal, versionId: string, input: unknown, once?: FormOnce): Promise<CreatedOnce> {
  requireMaintainer(actor);
  const requirement = parseInput(newRequirementSchema, input);
  return createOnce(db, once, async (trx) => {
    const version = await lockDraft(trx, versionId);
    const existing = await selectRequirements(trx, version.id);
    if (existing.some((r) => r.key === requirement.key)) {
      throw new AppError('VALIDATION', 'The key is in use.', [{ field: 'key', message: 'framework.requirement.keyTaken' }]);
    }
    const position = clamp(requirement.position ?? existing.length + 1, 1, existing.length + 1);
    await shiftRequirements(trx, version.id, position, existing.length, 1);
    await insertRequirement(trx, version.id, requirement.key, position, rowValues(requirement));
    return requirement.key;
  });
}

/** Changes a draft's requirement (its key stays). Throws VALIDATION, NOT_FOUND, CONFLICT (not a draft), FORBIDDEN. */
export async function updateRequirement(db: Db, actor: Principal, versionId: string, key: string, input: unknown): Promise<void> {
  requireMaintainer(actor);
  const content = parseInput(requirementContentSchema, input);
  await db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, versionId);
    const existing = await selectRequirements(trx, version.id);
    const current = existing.find((r) => r.key === key);
    if (!current) throw new AppError('NOT_FOUND', 'No such requirement in this version.');
    const position = clamp(content.position ?? current.position, 1, existing.length);
    if (position < current.position) await shiftRequirements(trx, version.id, position, current.position - 1, 1);
    if (position > current.position) await shiftRequirements(trx, version.id, current.position + 1, position, -1);
    await updateRequirementRow(trx, version.id, key, position, rowValues(content));
  });
}

/** Removes a requirement from a draft. Throws NOT_FOUND, CONFLICT (not a draft), FORBIDDEN. */
export async function removeRequirement(db: Db, actor: Principal, versionId: string, key: string): Promise<void> {
  requireMaintainer(actor);
  await db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, versionId);
    const existing = await selectRequirements(trx, version.id);
    const current = existing.find((r) => r.key === key);
    if (!current) throw new AppError('NOT_FOUND', 'No such requirement in this version.');
    await deleteRequirement(trx, version.id, key);
    await shiftRequirements(trx, version.id, current.position + 1, existing.length, -1);
  });
}

/**
 * Publishes a draft: it becomes the agreement's current version and the one published before is retired, in one
 * transaction. Throws NOT_FOUND, CONFLICT (not a draft, or without requirements), FORBIDDEN.
 */
export async function publishVersion(db: Db, actor: Principal, versionId: string): Promise<void> {
  requireMaintainer(actor);
  await db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, versionId);
    const requirements = await selectRequirements(trx, version.id);
    if (requirements.length === 0) {
      throw new AppError('CONFLICT', 'A version without requirements cannot be published.', [{ field: 'version', message: 'framework.conflict.empty' }]);
    }
    const current = await selectVersionOfAgreement(trx, version.agreement_id, 'published');
    if (current) await setVersionStatus(trx, current.id, 'retired', actor.subject);
    await setVersionStatus(trx, version.id, 'published', actor.subject);
  });
}
