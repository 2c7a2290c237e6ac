import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AnswerType, CheckCode, Obligation } from '../../platform/db/schema.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { getOwnVendor } from '../vendors/index.ts';
import {
  deleteAnswers,
  insertDeclaration,
  selectAnswers,
  selectCurrentVersion,
  selectDeclaration,
  selectPreviousDeclaration,
  selectRequirements,
  updateDeclarationStatus,
  upsertAnswers,
  type DeclarationRow,
  type RequirementRow,
  type VersionWithAgreement,
} from './frameworks.repository.ts';
import { frameworksPolicy } from './frameworks.policy.ts';
import { declarationInputSchema } from './frameworks.schemas.ts';

export type Localized = { da: string; en: string };

/** How a requirement differs from the one the vendor answered in their last declaration against an earlier version. */
export type RequirementChange = 'unchanged' | 'changed' | 'new';

export type DeclarationAnswer = {
  value: string;
  /** The subject of the person who gave the answer (to this or, carried over, an earlier version). */
  answeredBy: string;
  answeredAt: Date;
  /** Set when the answer was given to this earlier version and kept because the requirement did not change. */
  carriedOverFromVersion: number | null;
};

export type DeclarationItem = {
  key: string;
  text: Localized;
  help: Localized | null;
  answerType: AnswerType;
  obligation: Obligation;
  checkCode: CheckCode | null;
  /** The vendor's answer, the one carried over from their last declaration, or null. */
  answer: DeclarationAnswer | null;
  /** Null when the vendor has no declaration against an earlier version to compare with. */
  change: RequirementChange | null;
};

export type FrameworkVersionInfo = { id: string; agreementCode: string; title: Localized; version: number; publishedAt: Date | null };

export type Declaration = {
  vendor: { id: string; name: string };
  framework: FrameworkVersionInfo;
  status: 'missing' | 'draft' | 'submitted';
  submittedAt: Date | null;
  /** The earlier version the vendor last declared against, whose answers are carried over. */
  previousVersion: number | null;
  items: DeclarationItem[];
};

/** What the vendor sees: their declaration, or why there is none to give yet. */
export type DeclarationView = { kind: 'unregistered' } | { kind: 'no-framework' } | ({ kind: 'declaration' } & Declaration);

export type DeclarationChecklist = {
  agreementTitle: { da: string; en: string };
  version: number;
  status: 'missing' | 'draft' | 'submitted';
  submittedAt: Date | null;
  /** `satisfied`: answered, and for a yes/no requirement answered yes — whatever the obligation, which says whether it matters. */
  items: { key: string; text: { da: string; en: string }; obligation: 'must' | 'may'; answerType: AnswerType; answer: string | null; satisfied: boolean }[];
};

function versionInfo(version: VersionWithAgreement): FrameworkVersionInfo {
  return {
    id: version.id,
    agreementCode: version.agreement_code,
    title: { da: version.title_da, en: version.title_en },
    version: version.version,
    publishedAt: version.published_at,
  };
}

function localizedHelp(requirement: RequirementRow): Localized | null {
  if (!requirement.help_da && !requirement.help_en) return null;
  return { da: requirement.help_da ?? requirement.help_en ?? '', en: requirement.help_en ?? requirement.help_da ?? '' };
}

/** Whether an answer meets its requirement: given, and yes where the question is yes or no. */
function meets(requirement: Pick<RequirementRow, 'answer_type'>, answer: string | null): boolean {
  return answer !== null && (requirement.answer_type !== 'yes_no' || answer === 'yes');
}

type DeclarationState = { declaration: DeclarationRow | undefined; previousVersion: number | null; items: DeclarationItem[] };

/**
 * The vendor's declaration against a version as it stands: their own answers when they have declared against
 * it, otherwise the answers of their last declaration against an earlier version, for every requirement whose
 * key and content hash are the same there (carry-over).
 */
async function declarationState(
  db: Db,
  vendorId: string,
  version: VersionWithAgreement,
  requirements: RequirementRow[],
  lock: boolean,
): Promise<DeclarationState> {
  const declaration = await selectDeclaration(db, vendorId, version.id, { lock });
  const previous = await selectPreviousDeclaration(db, vendorId, version.agreement_id, version.version);
  const previousRequirements = new Map((previous ? await selectRequirements(db, previous.framework_version_id) : []).map((r) => [r.key, r]));
  const previousAnswers = new Map((previous ? await selectAnswers(db, previous.id) : []).map((a) => [a.requirement_key, a]));
  const ownAnswers = new Map((declaration ? await selectAnswers(db, declaration.id) : []).map((a) => [a.requirement_key, a]));

  const items = requirements.map((requirement): DeclarationItem => {
    const before = previousRequirements.get(requirement.key);
    const change: RequirementChange | null = previous ? (!before ? 'new' : before.content_hash === requirement.content_hash ? 'unchanged' : 'changed') : null;
    let answer: DeclarationAnswer | null = null;
    const own = ownAnswers.get(requirement.key);
    const carried = change === 'unchanged' ? previousAnswers.get(requirement.key) : undefined;
    if (own) answer = { value: own.value, answeredBy: own.answered_by, answeredAt: own.answered_at, carriedOverFromVersion: own.carried_over_from_version };
    else if (!declaration && carried && previous)
      answer = {
        value: carried.value,
        answeredBy: carried.answered_by,
        answeredAt: carried.answered_at,
        carriedOverFromVersion: carried.carried_over_from_version ?? previous.version,
      };
    return {
      key: requirement.key,
      text: { da: requirement.text_da, en: requirement.text_en },
      help: localizedHelp(requirement),
      answerType: requirement.answer_type,
      obligation: requirement.obligation,
      checkCode: requirement.check_code,
      answer,
      change,
    };
  });
  return { declaration, previousVersion: previous?.version ?? null, items };
}

function toDeclaration(vendor: { id: string; name: string }, version: VersionWithAgreement, state: DeclarationState): Declaration {
  return {
    vendor: { id: vendor.id, name: vendor.name },
    framework: versionInfo(version),
    status: state.declaration?.status ?? 'missing',
    submittedAt: state.declaration?.submitted_at ?? null,
    previousVersion: state.previousVersion,
    items: state.items,
  };
}

/** What the signed-in vendor user may do with the company's declaration (the page shows the form from this). */
export function declarationPermissions(actor: Principal): { answer: boolean } {
  return { answer: frameworksPolicy.can(actor, 'declaration.write-own') };
}

/**
 * The signed-in vendor's declaration against the current framework version, with carried-over answers and
 * what changed since their last declaration. Throws FORBIDDEN for anyone but the vendor's own users.
 */
export async function getDeclaration(db: Db, actor: Principal): Promise<DeclarationView> {
  frameworksPolicy.authorize(actor, 'declaration.read-own');
  const vendor = await getOwnVendor(db, actor);
  if (!vendor) return { kind: 'unregistered' };
  const version = await selectCurrentVersion(db);
  if (!version) return { kind: 'no-framework' };
  const requirements = await selectRequirements(db, version.id);
  const state = await declarationState(db, vendor.id, version, requirements, false);
  return { kind: 'declaration', ...toDeclaration(vendor, version, state) };
}

/**
 * Saves the vendor administrator's answers to the current framework version, as a draft or submitted. Answers are
 * checked by their requirement's answer type; on submit every 'must' is answered, and yes where it is a yes/no
 * question. All or nothing, in one transaction. Throws VALIDATION with field messages (`answers.<key>`), CONFLICT
 * when the company is not registered or the form was for an older version, NOT_FOUND when no framework is
 * published, FORBIDDEN for anyone but a vendor administrator.
 */
export async function saveDeclaration(db: Db, actor: Principal, input: unknown, options: { submit: boolean }): Promise<Declaration> {
  frameworksPolicy.authorize(actor, 'declaration.write-own');
  return db.transaction().execute(async (trx) => {
    const vendor = await getOwnVendor(trx, actor);
    if (!vendor)
      throw new AppError('CONFLICT', 'Register the company before declaring.', [{ field: 'vendor', message: 'framework.declaration.registerFirst' }]);
    // Held for the transaction, so the version cannot be retired while the answers are written against it.
    const version = await selectCurrentVersion(trx, { lock: true });
    if (!version) throw new AppError('NOT_FOUND', 'No framework agreement is published.');
    const requirements = await selectRequirements(trx, version.id);
    const parsed = parseInput(declarationInputSchema(requirements), input);
    if (parsed.versionId && parsed.versionId !== version.id) {
      throw new AppError('CONFLICT', 'A newer version of the framework agreement has been published.', [
        { field: 'versionId', message: 'framework.declaration.versionChanged' },
      ]);
    }
    const state = await declarationState(trx, vendor.id, version, requirements, true);

    const answers = new Map<string, DeclarationAnswer>(state.items.flatMap((item) => (item.answer ? [[item.key, item.answer] as const] : [])));
    const written = new Set<string>();
    const cleared: string[] = [];
    const now = new Date();
    for (const [key, value] of Object.entries(parsed.answers)) {
      if (value === undefined) continue;
      const current = answers.get(key);
      if (value === '') {
        if (current) {
          answers.delete(key);
          cleared.push(key);
        }
      } else if (current?.value !== value) {
        answers.set(key, { value, answeredBy: actor.subject, answeredAt: now, carriedOverFromVersion: null });
        written.add(key);
      }
    }

    if (options.submit) {
      const problems = requirements.flatMap((requirement): FieldError[] => {
        if (requirement.obligation !== 'must') return [];
        const answer = answers.get(requirement.key)?.value ?? null;
        if (answer === null) return [{ field: `answers.${requirement.key}`, message: 'framework.declaration.required' }];
        if (!meets(requirement, answer)) return [{ field: `answers.${requirement.key}`, message: 'framework.declaration.mustBeYes' }];
        return [];
      });
      if (problems.length > 0) throw new AppError('VALIDATION', 'The declaration cannot be submitted yet.', problems);
    }

    const changed = written.size > 0 || cleared.length > 0;
    const status = options.submit ? 'submitted' : changed || !state.declaration ? 'draft' : state.declaration.status;
    const submission =
      status === 'submitted'
        ? options.submit
          ? { submitted_at: now, submitted_by: actor.subject }
          : { submitted_at: state.declaration?.submitted_at ?? now, submitted_by: state.declaration?.submitted_by ?? actor.subject }
        : { submitted_at: null, submitted_by: null };

    let declaration = state.declaration;
    if (declaration) {
      await updateDeclarationStatus(trx, declaration.id, { status, ...submission });
    } else {
      declaration = await insertDeclaration(trx, { vendor_id: vendor.id, framework_version_id: version.id, status, ...submission });
      if (!declaration) {
        throw new AppError('CONFLICT', 'The declaration was saved elsewhere at the same time.', [
          { field: 'declaration', message: 'framework.declaration.savedMeanwhile' },
        ]);
      }
      // A new declaration keeps the carried-over answers as they were given, marked with their version.
      for (const key of answers.keys()) written.add(key);
    }
    await deleteAnswers(trx, declaration.id, cleared);
    const declarationId = declaration.id;
    await upsertAnswers(
      trx,
      [...written].flatMap((key) => {
        const answer = answers.get(key);
        if (!answer) return [];
        return [
          {
            declaration_id: declarationId,
            framework_version_id: version.id,
            requirement_key: key,
            value: answer.value,
            answered_by: answer.answeredBy,
            answered_at: answer.answeredAt,
            carried_over_from_version: answer.carriedOverFromVersion,
          },
        ];
      }),
    );
    const saved = await declarationState(trx, vendor.id, version, requirements, false);
    return toDeclaration(vendor, version, saved);
  });
}

/** The vendor's declaration against the current published framework version; undefined when none is published. */
export async function declarationChecklist(db: Db, vendorId: string): Promise<DeclarationChecklist | undefined> {
  const version = await selectCurrentVersion(db);
  if (!version) return undefined;
  const requirements = await selectRequirements(db, version.id);
  const declaration = await selectDeclaration(db, vendorId, version.id);
  const answers = new Map((declaration ? await selectAnswers(db, declaration.id) : []).map((a) => [a.requirement_key, a.value]));
  return {
    agreementTitle: { da: version.title_da, en: version.title_en },
    version: version.version,
    status: declaration?.status ?? 'missing',
    submittedAt: declaration?.submitted_at ?? null,
    items: requirements.map((requirement) => {
      const answer = answers.get(requirement.key) ?? null;
      return {
        key: requirement.key,
        text: { da: requirement.text_da, en: requirement.text_en },
        obligation: requirement.obligation,
        answerType: requirement.answer_type,
        answer,
        satisfied: meets(requirement, answer),
      };
    }),
  };
}
