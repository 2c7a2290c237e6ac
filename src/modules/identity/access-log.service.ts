import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor } from '../../platform/http/pagination.ts';
import { parseInput, requiredText } from '../../platform/validation.ts';
import type { Db } from '../../platform/db/database.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { AccessPurposeCode } from '../../platform/db/schema.ts';
import { createBatchWriter } from '../../platform/db/batch.ts';
import { identityPolicy } from './identity.policy.ts';
import type { IdentityDeps } from './identity.service.ts';
import { insertVendorReads, type VendorRead } from './identity.repository.ts';
import {
  insertAccessLogEntry,
  pruneAccessLogBefore,
  selectAccessLog,
  selectCitizen,
  selectCitizenByCpr,
  selectOrganisationServes,
  selectCasePurposes,
  selectPurposeSession,
  upsertPurposeSession,
  prunePurposeSessionsBefore,
  type AccessLogRow,
  type CitizenRow,
} from './identity.repository.ts';

export const citizenLookupSchema = z.object({
  cpr: z
    .string()
    .trim()
    .regex(/^[0-9]{6}-?[0-9]{4}$/, { message: 'validation.format' })
    .transform((v) => v.replace('-', ''))
    .optional(),
  purpose: requiredText({ min: 3, max: 500 }),
});

/** The refusal of a change by staff of an organisation that was, but is no longer, responsible for the citizen. */
export const NOT_RESPONSIBLE_NOW = 'Another organisation now helps the citizen: you can read what was recorded, not change it.';

const roleOrganisation = (actor: Principal) =>
  actor.organisation?.name ?? actor.vendor?.name ?? (actor.municipality ? `${actor.municipality.name} Kommune` : 'Jobunivers');

/**
 * A caseworker looks up a citizen their organisation is or was responsible for, by id or CPR number, with a stated
 * purpose. The look-up and its purpose go to the citizen's access log in the same transaction. Any other citizen is
 * NOT_FOUND (row-level security hides it); a missing purpose is VALIDATION; other roles FORBIDDEN.
 */
export async function lookUpCitizen(
  deps: IdentityDeps,
  actor: Principal,
  input: { citizenId?: string | undefined; cpr?: unknown; purpose?: unknown },
): Promise<CitizenRow> {
  const organisation = actor.organisation?.id;
  if (!organisation || !identityPolicy.can(actor, 'citizen.look-up')) throw new AppError('FORBIDDEN', 'Only caseworkers may look up citizens.');
  const { cpr, purpose } = parseInput(citizenLookupSchema, { cpr: input.cpr || undefined, purpose: input.purpose });
  if (!input.citizenId && !cpr) throw new AppError('VALIDATION', 'Give a CPR number.', [{ field: 'cpr', message: 'validation.required' }]);
  return withTenant(deps.db, { organisation }, async (trx) => {
    const citizen = input.citizenId ? await selectCitizen(trx, input.citizenId) : await selectCitizenByCpr(trx, cpr ?? '');
    if (!citizen) throw new AppError('NOT_FOUND', 'No such citizen your organisation is responsible for.');
    await insertAccessLogEntry(trx, {
      citizen_id: citizen.id,
      municipality_code: citizen.municipality_code,
      actor_subject: actor.subject,
      actor_name: actor.name,
      actor_role: actor.roles[0] ?? 'caseworker',
      actor_organisation: roleOrganisation(actor),
      action: 'read',
      data_category: 'identity',
      purpose,
      purpose_code: 'stated',
    });
    // The look-up's purpose holds for the citizen's pages for the rest of the working session.
    if (actor.authTime) await upsertPurposeSession(trx, sessionKey(actor, citizen.id), { purpose_da: purpose, purpose_en: purpose, note: null, typed: true });
    return citizen;
  });
}

/**
 * Inside the caller's tenant transaction (app.organisation set to the actor's organisation): finds the citizen and
 * writes that the actor read or changed their data, with the stated purpose, to the citizen's access log — so the
 * look-up and its log entry commit or fail together. A repeated read (same actor, data and purpose within 10 minutes)
 * is counted on the earlier entry. A purpose the platform words itself has a code (`purposeCode`, with `purposeArgs`)
 * so Min Log can show it in the citizen's language; `purpose` is then its Danish wording. A citizen the transaction
 * cannot see is NOT_FOUND; a change by an organisation that is no longer responsible for the citizen is FORBIDDEN.
 */
export async function recordCitizenAccess(
  trx: Trx,
  actor: Principal,
  citizenId: string,
  entry: {
    action?: 'read' | 'change';
    dataCategory: string;
    purpose: string;
    purposeCode?: Exclude<AccessPurposeCode, 'listing'> | undefined;
    purposeArgs?: Record<string, string> | undefined;
  },
): Promise<CitizenRow> {
  const citizen = await selectCitizen(trx, citizenId);
  if (!citizen) throw new AppError('NOT_FOUND', 'No such citizen your organisation is or was responsible for.');
  // An organisation that was responsible reads what was recorded; a change is for the one responsible now (the
  // database refuses it too: record_citizen_access and the tables' row-level security).
  if (entry.action === 'change' && actor.organisation && !(await selectOrganisationServes(trx, citizen))) throw new AppError('FORBIDDEN', NOT_RESPONSIBLE_NOW);
  await insertAccessLogEntry(trx, {
    citizen_id: citizen.id,
    municipality_code: citizen.municipality_code,
    actor_subject: actor.subject,
    actor_name: actor.name,
    actor_role: actor.roles[0] ?? 'caseworker',
    actor_organisation: roleOrganisation(actor),
    action: entry.action ?? 'read',
    data_category: entry.dataCategory,
    purpose: entry.purpose,
    purpose_code: entry.purposeCode ?? 'stated',
    purpose_args: entry.purposeArgs ?? {},
  });
  return citizen;
}

/** The platform's purposes of case work; each organisation may add its own (case_purpose). 'other' is typed. */
const platformPurposes = {
  followup: 'caseworkPurpose.followup',
  inquiry: 'caseworkPurpose.inquiry',
  meeting: 'caseworkPurpose.meeting',
  screening: 'caseworkPurpose.screening',
  jobs: 'caseworkPurpose.jobs',
} as const;

/** One purpose a caseworker may choose: the platform's (`key`) or the organisation's (`id`), in both languages. */
export type CasePurposeOption = { value: string; da: string; en: string };

/** The purposes a staff member of the actor's organisation chooses from: the platform's, then the organisation's own. */
export async function casePurposeOptions(db: Db, actor: Principal): Promise<CasePurposeOption[]> {
  const organisation = actor.organisation?.id;
  if (!organisation || !identityPolicy.can(actor, 'citizen.look-up')) throw new AppError('FORBIDDEN', 'Only caseworkers give purposes.');
  const own = await withTenant(db, { organisation }, (trx) => selectCasePurposes(trx, organisation));
  return [
    ...Object.entries(platformPurposes).map(([value, key]) => ({ value, da: translate('da', key), en: translate('en', key) })),
    ...own.map((row) => ({ value: row.id, da: row.text_da, en: row.text_en ?? row.text_da })),
  ];
}

/**
 * The purposes to ask with before a citizen's pages, once it is known that the organisation is or was responsible for
 * the citizen (NOT_FOUND otherwise). Nothing of the citizen is read, so nothing is logged.
 */
export async function purposeQuestion(db: Db, actor: Principal, citizenId: string): Promise<CasePurposeOption[]> {
  const options = await casePurposeOptions(db, actor);
  const organisation = actor.organisation?.id ?? '';
  const known = await withTenant(db, { organisation }, async (trx) => (await selectCitizen(trx, citizenId)) !== undefined);
  if (!known) throw new AppError('NOT_FOUND', 'No such citizen your organisation is or was responsible for.');
  return options;
}

const purposeChoiceSchema = z
  .object({
    purposeChoice: z.string({ message: 'caseworkPurpose.choose' }).trim().min(1, { message: 'caseworkPurpose.choose' }).max(64),
    purposeOther: z.string().trim().max(500).optional(),
    purposeNote: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.purposeChoice === 'other' && (v.purposeOther ?? '').length < 3)
      ctx.addIssue({ code: 'custom', path: ['purposeOther'], message: 'caseworkPurpose.otherRequired' });
  });

/** A working session's key: the staff member's sign-in (subject and when they authenticated) for their organisation. */
function sessionKey(actor: Principal, citizenId: string) {
  const organisationId = actor.organisation?.id;
  if (!organisationId || !actor.authTime) throw new AppError('FORBIDDEN', 'Only signed-in staff of an organisation give purposes.');
  return { organisationId, subject: actor.subject, authTime: actor.authTime, citizenId };
}

/**
 * The staff member says why they open a citizen, once for this working session: one of the organisation's purposes
 * (`purposeChoice`; 'other' with `purposeOther` typed), with an optional note. Until they sign in again, every page of
 * the citizen reads with that purpose, each read written to the citizen's Min Log. VALIDATION for no choice or an
 * unknown one; NOT_FOUND for a citizen the organisation is not and was not responsible for.
 */
export async function startPurposeSession(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<void> {
  // Another organisation's citizen is not found before anything about the form is said.
  const options = await purposeQuestion(db, actor, citizenId);
  const given = parseInput(purposeChoiceSchema, input);
  const chosen =
    given.purposeChoice === 'other'
      ? { value: 'other', da: given.purposeOther ?? '', en: given.purposeOther ?? '' }
      : options.find((o) => o.value === given.purposeChoice);
  if (!chosen) throw new AppError('VALIDATION', 'Choose one of the purposes.', [{ field: 'purposeChoice', message: 'caseworkPurpose.choose' }]);
  const key = sessionKey(actor, citizenId);
  await withTenant(db, { organisation: key.organisationId }, async (trx) => {
    if (!(await selectCitizen(trx, citizenId))) throw new AppError('NOT_FOUND', 'No such citizen your organisation is or was responsible for.');
    await upsertPurposeSession(trx, key, { purpose_da: chosen.da, purpose_en: chosen.en, note: given.purposeNote || null, typed: chosen.value === 'other' });
  });
}

/** What a read is logged with: the purpose's wording, and for a chosen purpose its code and both languages. */
export type ReadPurpose = { purpose: string; purposeCode: 'stated' | 'case_purpose'; purposeArgs: Record<string, string> };

/**
 * Inside the caller's tenant transaction: the purpose to read a citizen with — the one typed now (`given`, which then
 * becomes the working session's purpose, so the next page does not ask), else the session's. Undefined when neither:
 * the page asks first.
 */
export async function purposeForCitizen(trx: Trx, actor: Principal, citizenId: string, given?: string): Promise<ReadPurpose | undefined> {
  const key = sessionKey(actor, citizenId);
  const typed = given?.trim();
  if (typed) {
    if (typed.length >= 3 && typed.length <= 500) await upsertPurposeSession(trx, key, { purpose_da: typed, purpose_en: typed, note: null, typed: true });
    return { purpose: typed, purposeCode: 'stated', purposeArgs: {} };
  }
  const session = await selectPurposeSession(trx, key);
  if (!session) return undefined;
  if (session.typed && !session.note) return { purpose: session.purpose_da, purposeCode: 'stated', purposeArgs: {} };
  const note = session.note ? `: ${session.note}` : '';
  return {
    purpose: `${session.purpose_da}${note}`.slice(0, 700),
    purposeCode: 'case_purpose',
    purposeArgs: { da: session.purpose_da, en: session.purpose_en, ...(session.note ? { note: session.note } : {}) },
  };
}

const typedPurposeSchema = z.object({ purpose: requiredText({ min: 3, max: 500 }) });

/**
 * Inside the caller's tenant transaction: the purpose to read a citizen with — the one typed now (`given.purpose`,
 * validated: VALIDATION on field `purpose` when too short or long), else the working session's. VALIDATION on field
 * `purpose` when there is neither: the page asks (`sendPurposeQuestion`).
 */
export async function purposeOrAsk(trx: Trx, actor: Principal, citizenId: string, given: unknown): Promise<ReadPurpose> {
  const typed = (given as { purpose?: unknown } | undefined)?.purpose;
  const valid = typeof typed === 'string' && typed.trim() !== '' ? parseInput(typedPurposeSchema, { purpose: typed }).purpose : undefined;
  const purpose = await purposeForCitizen(trx, actor, citizenId, valid);
  if (!purpose) throw new AppError('VALIDATION', 'Give the purpose first.', [{ field: 'purpose', message: 'validation.required' }]);
  return purpose;
}

/** Removes purpose sessions older than a sign-in can last. */
export async function prunePurposeSessions(deps: Pick<IdentityDeps, 'db' | 'config'>): Promise<number> {
  return prunePurposeSessionsBefore(deps.db, new Date(Date.now() - deps.config.session.absoluteHours * 3_600_000));
}

/**
 * A writer of vendor services' reads to the citizens' access logs (the Data API): each call's entry is stored before
 * its promise settles, and the entries of calls arriving together share one statement (`record_vendor_reads`), which
 * writes only reads by a vendor's service of a citizen of the municipality given. Rejects (nothing may be answered
 * unlogged) when the database refuses any entry of the batch.
 */
export function createVendorReadLog(db: Db): (read: VendorRead) => Promise<void> {
  const write = createBatchWriter(
    async (reads: VendorRead[]) => {
      const written = await insertVendorReads(db, reads);
      if (written !== reads.length)
        throw new AppError('CONFLICT', 'A read could not be recorded in the citizen’s access log; the citizen may have moved — sign in again.');
      return reads.map(() => undefined);
    },
    { concurrency: 2 },
  );
  return write;
}

/** The signed-in citizen's own access log ("Min Log"), newest first, a page at a time. */
export async function listOwnAccessLog(
  deps: Pick<IdentityDeps, 'db'>,
  actor: Principal,
  page: { cursor?: string | undefined; limit: number },
): Promise<AccessLogRow[]> {
  identityPolicy.authorize(actor, 'access-log.read-own', { citizenId: actor.citizenId });
  const beforeId = page.cursor ? String(decodeCursor(page.cursor, 1)[0]) : undefined;
  return withTenant(deps.db, { citizen: actor.citizenId }, (trx) => selectAccessLog(trx, actor.citizenId ?? '', { beforeId, limit: page.limit + 1 }));
}

/** The signed-in citizen's own record; reading your own data is not logged. */
export async function getOwnRecord(deps: IdentityDeps, actor: Principal): Promise<CitizenRow> {
  const citizenId = actor.citizenId;
  if (!citizenId) throw new AppError('FORBIDDEN');
  const citizen = await withTenant(deps.db, { citizen: citizenId }, (trx) => selectCitizen(trx, citizenId));
  if (!citizen) throw new AppError('NOT_FOUND');
  return citizen;
}

/** Removes access-log entries past the retention period (through the one database function allowed to). */
export async function pruneAccessLog(deps: Pick<IdentityDeps, 'db' | 'config'>): Promise<number> {
  return pruneAccessLogBefore(deps.db, deps.config.accessLogRetentionDays);
}
