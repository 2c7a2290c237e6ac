// Forwarding registrations to Joblog in DFDG (issue 15). The registration row is the outbox: written in the
// transaction that made it (the citizen's form, or the sweep picking up a vendor's event), sent by a job after the
// commit, and tried again by the scheduled sweep with growing pauses until DFDG answers. The row's request_id is
// DFDG's x-requestId: DFDG answers a replayed one with 412, which means it has it already — registered, not again.
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { isAppError } from '../../platform/errors.ts';
import type { JoblogStatus } from '../../platform/db/schema.ts';
import { createJoblogClient, type JoblogAdapter } from '../vendor-data/index.ts';
import { claimPendingRegistration, pickUpEvents, selectAgreement, selectCitizenOf, selectDueRegistrations, updateRegistration } from './joblog.repository.ts';
import type { AgreementRow } from './joblog.repository.ts';

/** Tries before a registration DFDG keeps failing for passing reasons is given up. */
export const MAX_FORWARD_ATTEMPTS = 12;

export type ForwardingDeps = { db: Db; config: Config; logger: Logger; joblog?: JoblogAdapter | undefined };

/** On what the platform may forward for the citizen now: their agreement, a recorded legal basis, or nothing. */
export function forwardingBasis(agreement: AgreementRow | undefined): 'consent' | 'legal-basis' | undefined {
  if (agreement?.consented_at) return 'consent';
  if (agreement?.legal_basis) return 'legal-basis';
  return undefined;
}

/** The pause before the next try after `attempts` failed ones: 1, 2, 4, … minutes, at most six hours. */
const retryInSeconds = (attempts: number) => Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 3600);

/**
 * Sends one registration if it is still pending (and no other sender holds it), as the citizen it concerns, and
 * records DFDG's answer: registered (201, or 412 for a request id it had already), failed (refused, or given up after
 * MAX_FORWARD_ATTEMPTS), cancelled (nothing allows forwarding any more), or pending with another try later.
 * Returns the status after, or undefined when there was nothing to send.
 */
export async function forwardRegistration(deps: ForwardingDeps, input: { registrationId: string; citizenId: string }): Promise<JoblogStatus | undefined> {
  const joblog = deps.joblog ?? createJoblogClient(deps.config);
  return withTenant(deps.db, { citizen: input.citizenId }, async (trx) => {
    const registration = await claimPendingRegistration(trx, input.registrationId);
    if (!registration) return undefined;
    const citizen = await selectCitizenOf(trx, registration.citizen_id);
    const basis = forwardingBasis(await selectAgreement(trx, registration.citizen_id));
    if (!citizen || !basis) {
      await updateRegistration(trx, registration.id, { status: 'cancelled', attempts: registration.attempts, last_error: null });
      return 'cancelled';
    }
    const attempts = registration.attempts + 1;
    try {
      const outcome = await joblog.registerActivity(citizen.cpr_number, registration.request_id, {
        kind: registration.kind,
        jobTitle: registration.job_title,
        employer: registration.employer,
        on: registration.activity_on,
      });
      await updateRegistration(trx, registration.id, { status: 'registered', attempts, last_error: null });
      deps.logger.info({ registrationId: registration.id, outcome, attempts }, 'Joblog registration delivered');
      return 'registered';
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'UNAVAILABLE' && error.code !== 'VALIDATION')) throw error;
      const givenUp = error.code === 'VALIDATION' || attempts >= MAX_FORWARD_ATTEMPTS;
      const status: JoblogStatus = givenUp ? 'failed' : 'pending';
      await updateRegistration(trx, registration.id, {
        status,
        attempts,
        last_error: (error.detail ?? error.message).slice(0, 1000),
        retryInSeconds: retryInSeconds(attempts),
      });
      deps.logger.warn({ registrationId: registration.id, status, attempts, error: error.detail }, 'Joblog registration not taken');
      return status;
    }
  });
}

/**
 * The sweep: picks up new application-sent and meeting-held events of citizens who agreed (each event once), then
 * sends every pending registration due for a try (at most `limit`). Returns how many were picked up and tried.
 */
export async function sweepJoblog(deps: ForwardingDeps, limit = 100): Promise<{ pickedUp: number; tried: number }> {
  const pickedUp = await pickUpEvents(deps.db, limit);
  const due = await selectDueRegistrations(deps.db, limit);
  for (const registration of due) await forwardRegistration(deps, { registrationId: registration.id, citizenId: registration.citizen_id });
  return { pickedUp, tried: due.length };
}
