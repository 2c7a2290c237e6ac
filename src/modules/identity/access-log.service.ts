import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor } from '../../platform/http/pagination.ts';
import { parseInput, requiredText } from '../../platform/validation.ts';
import type { Db } from '../../platform/db/database.ts';
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
    purposeCode?: Exclude<AccessPurposeCode, 'listing'>;
    purposeArgs?: Record<string, string>;
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
