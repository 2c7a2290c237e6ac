// Sending the platform's deletion requests to vendors (docs/VENDOR-DELETION.md): a Security Event Token (RFC 8417)
// signed with the platform's key, POSTed to the listing's deletion address. The request's row is the outbox: it is
// written in the transaction that withdrew the consent, sent by a job after the commit, and tried again by a
// scheduled sweep with growing pauses until the vendor answers (or it is given up).
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import type { DeletionStatus } from '../../platform/db/schema.ts';
import type { Logger } from 'pino';
import { signWithPlatformKey } from '../../platform/crypto/signing-keys.ts';
import { pairwiseSubjectFor, receiptKeys } from './consent.receipt.ts';
import {
  claimPendingDeletionRequest,
  selectDeletionUri,
  selectDueDeletionRequests,
  updateDeletionRequest,
  type DeletionRequestRow,
} from './consent.repository.ts';
import { vendorDeletionAnswerSchema } from './consent.schemas.ts';

export const DELETION_EVENT = 'https://jobunivers.dk/events/deletion-requested';
export const SET_TYP = 'secevent+jwt';
/** Tries before a request that keeps failing for passing reasons (5xx, timeouts, 408, 429) is given up. */
export const MAX_DELIVERY_ATTEMPTS = 12;
const TIMEOUT_MS = 10_000;

type DeliveryDeps = { db: Db; config: Config; logger: Logger };

/** The Security Event Token asking the vendor to delete what it holds about the citizen. */
export async function deletionEventToken(
  deps: { db: Db; config: Config },
  request: Pick<DeletionRequestRow, 'id' | 'citizen_id' | 'vendor_id' | 'listing_id' | 'reason' | 'requested_at'>,
): Promise<string> {
  const keys = await receiptKeys(deps.db, deps.config);
  const event = {
    sub: pairwiseSubjectFor(deps.config, request.vendor_id, request.citizen_id),
    reason: request.reason,
    requested_at: Math.floor(request.requested_at.getTime() / 1000),
  };
  return signWithPlatformKey(
    keys,
    { jti: request.id, events: { [DELETION_EVENT]: event } },
    { typ: SET_TYP, issuer: `${deps.config.baseUrl}/oidc`, audience: request.listing_id },
  );
}

type Outcome = { status: DeletionStatus; error: string | null; reference?: string | undefined; retry: boolean };

/** What the vendor's answer means for the request (docs/VENDOR-DELETION.md). */
function outcomeOf(status: number, bodyText: string): Outcome {
  let body: { reference?: string | undefined; status?: string | undefined };
  try {
    body = vendorDeletionAnswerSchema.parse(JSON.parse(bodyText));
  } catch {
    body = {};
  }
  if (status === 200 && body.status === 'completed') return { status: 'completed', error: null, reference: body.reference, retry: false };
  if (status >= 200 && status < 300) return { status: 'accepted', error: null, reference: body.reference, retry: false };
  const error = `HTTP ${status}${bodyText ? `: ${bodyText.slice(0, 300)}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) return { status: 'pending', error, retry: true };
  return { status: 'failed', error, retry: false };
}

async function post(uri: string, token: string): Promise<Outcome> {
  try {
    const response = await fetch(uri, {
      method: 'POST',
      headers: { 'content-type': 'application/secevent+jwt', accept: 'application/json' },
      body: token,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, 4000);
    return outcomeOf(response.status, text);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { status: 'pending', error: `No answer: ${message}`.slice(0, 1000), retry: true };
  }
}

/**
 * Sends one deletion request if it is still pending (and no other sender holds it), as the citizen it concerns,
 * and records the vendor's answer: accepted, completed, failed (4xx but 408/429; no retry), or still pending with
 * one more attempt and the error (5xx, 408, 429, no answer) until MAX_DELIVERY_ATTEMPTS. A listing without a
 * deletion address makes it not supported. Returns the status after.
 */
export async function sendDeletionRequest(deps: DeliveryDeps, input: { deletionRequestId: string; citizenId: string }): Promise<DeletionStatus | undefined> {
  return withTenant(deps.db, { citizen: input.citizenId }, async (trx) => {
    const request = await claimPendingDeletionRequest(trx, input.deletionRequestId);
    if (!request) return undefined;
    const uri = await selectDeletionUri(trx, request.listing_id, null);
    if (!uri) {
      await updateDeletionRequest(trx, request.id, { status: 'not_supported', attempts: request.attempts, last_error: null });
      return 'not_supported';
    }
    const outcome = await post(uri, await deletionEventToken(deps, request));
    const attempts = request.attempts + 1;
    const givenUp = outcome.retry && attempts >= MAX_DELIVERY_ATTEMPTS;
    const status: DeletionStatus = givenUp ? 'failed' : outcome.status;
    await updateDeletionRequest(trx, request.id, {
      status,
      attempts,
      last_error: outcome.error?.slice(0, 1000) ?? null,
      vendor_reference: outcome.reference?.slice(0, 200),
    });
    const log = { deletionRequestId: request.id, status, attempts, error: outcome.error };
    if (outcome.error) deps.logger.warn(log, 'deletion request not taken');
    else deps.logger.info(log, 'deletion request delivered');
    return status;
  });
}

/** Sends every pending request due for another try (at most `limit`); returns how many were tried. */
export async function sweepDeletionRequests(deps: DeliveryDeps, limit = 50): Promise<number> {
  const due = await selectDueDeletionRequests(deps.db, limit);
  for (const request of due) await sendDeletionRequest(deps, { deletionRequestId: request.id, citizenId: request.citizen_id });
  return due.length;
}
