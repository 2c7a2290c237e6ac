// The citizen's side of Joblog: agreeing to (and withdrawing) forwarding, and registering an activity by hand. Every
// use case runs as the citizen (app.citizen); a registration is an outbox row the forwarding job sends after commit.
import type { Logger } from 'pino';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, formOnce } from '../../platform/http/form-token.ts';
import type { JobSender } from '../../platform/jobs/runner.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validation.ts';
import { forwardingBasis } from './joblog.forwarding.ts';
import { forwardRegistrationJob } from './joblog.jobs.ts';
import { joblogPolicy } from './joblog.policy.ts';
import {
  cancelPendingByConsent,
  insertManualRegistration,
  selectAgreement,
  selectCitizenOf,
  selectRegistrations,
  upsertConsent,
  withdrawConsent,
  type AgreementRow,
  type RegistrationRow,
} from './joblog.repository.ts';
import { manualRegistrationSchema } from './joblog.schemas.ts';

export type JoblogDeps = { db: Db; jobs?: JobSender | undefined; logger?: Logger | undefined };

/** How many of the citizen's registrations the Joblog page lists. */
const LISTED = 50;

function ownCitizenId(actor: Principal): string {
  const citizenId = actor.citizenId;
  if (!citizenId || !joblogPolicy.can(actor, 'joblog.use-own', { citizenId })) throw new AppError('FORBIDDEN', 'Only the citizen uses their Joblog page.');
  return citizenId;
}

async function asCitizen<T>(db: Db, actor: Principal, work: (trx: Trx, citizenId: string, municipalityCode: string, cpr: string) => Promise<T>): Promise<T> {
  const citizenId = ownCitizenId(actor);
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const citizen = await selectCitizenOf(trx, citizenId);
    if (!citizen) throw new AppError('NOT_FOUND', 'The citizen is not registered.');
    return work(trx, citizenId, citizen.municipality_code, citizen.cpr_number);
  });
}

export type JoblogView = { agreement: AgreementRow | undefined; basis: 'consent' | 'legal-basis' | undefined; registrations: RegistrationRow[] };

/** Whether the platform forwards the citizen's applications to Joblog (their agreement, or a legal basis). */
export function forwardsToJoblog(db: Db, actor: Principal): Promise<boolean> {
  return asCitizen(db, actor, async (trx, citizenId) => forwardingBasis(await selectAgreement(trx, citizenId)) !== undefined);
}

/** The Joblog page: whether the platform forwards for the citizen, on what basis, and their latest registrations. */
export async function getJoblog(db: Db, actor: Principal): Promise<JoblogView> {
  return asCitizen(db, actor, async (trx, citizenId) => {
    const agreement = await selectAgreement(trx, citizenId);
    return { agreement, basis: forwardingBasis(agreement), registrations: await selectRegistrations(trx, citizenId, LISTED) };
  });
}

/** The citizen agrees that their applications and meetings are forwarded to Joblog from now on. */
export async function agreeToForwarding(db: Db, actor: Principal): Promise<void> {
  await asCitizen(db, actor, (trx, citizenId, municipalityCode) => upsertConsent(trx, citizenId, municipalityCode));
}

/** The citizen withdraws the agreement: nothing more is forwarded under it, and what waited to be sent is not sent. */
export async function withdrawForwarding(db: Db, actor: Principal): Promise<void> {
  await asCitizen(db, actor, async (trx, citizenId) => {
    if (await withdrawConsent(trx, citizenId)) await cancelPendingByConsent(trx, citizenId);
  });
}

/**
 * Registers an activity the citizen typed in, to be forwarded to Joblog; once per form (its one-time token: a resubmit
 * gets the first registration). VALIDATION with each field's problem; CONFLICT when nothing allows forwarding (no
 * agreement, no legal basis). The forwarding job is queued after the commit (the sweep sends it if that fails).
 */
export async function registerManually(deps: JoblogDeps, actor: Principal, input: unknown): Promise<{ id: string; replayed: boolean }> {
  const value = parseInput(manualRegistrationSchema(copenhagenDate()), input);
  const citizenId = ownCitizenId(actor);
  const created = await asCitizen(deps.db, actor, async (trx, _citizenId, municipalityCode) => {
    const basis = forwardingBasis(await selectAgreement(trx, citizenId));
    if (!basis) throw new AppError('CONFLICT', 'Agree to forwarding to Joblog first.');
    return createOnce(trx, formOnce(input, 'joblog.registration', citizenId), async (inner) => {
      const row = await insertManualRegistration(inner, {
        citizen_id: citizenId,
        municipality_code: municipalityCode,
        kind: value.kind,
        job_title: value.jobTitle,
        employer: value.employer,
        activity_on: value.activityOn,
        basis,
      });
      return row.id;
    });
  });
  if (!created.replayed) await queueForwarding(deps, { registrationId: created.id, citizenId });
  return created;
}

/** Queues the forwarding of one registration; a failure to queue is left to the sweep. */
async function queueForwarding(deps: JoblogDeps, payload: { registrationId: string; citizenId: string }): Promise<void> {
  if (!deps.jobs) return;
  try {
    await deps.jobs.send(forwardRegistrationJob, payload);
  } catch (error) {
    deps.logger?.warn({ err: error, registrationId: payload.registrationId }, 'could not queue a Joblog registration; the sweep will send it');
  }
}
