// Delivering outbound events: the dispatcher turns each new outbox row into one delivery per subscribed endpoint, and
// the sender POSTs due deliveries after the Standard Webhooks specification, retrying on a schedule with jitter
// (config.webhooks.retrySchedule), honouring Retry-After, until a 2xx (delivered), a 410 (the endpoint is disabled) or
// the schedule's end (a dead letter, which a person can re-drive with the same webhook-id). Every step is a row
// change in a short transaction: a delivery is claimed and leased, sent outside any transaction, and its answer recorded,
// so a crash leaves it pending (due again when its lease ends) and another process does not send it meanwhile.
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.ts';
import { decryptSecret } from '../../platform/crypto/sealed-secret.ts';
import { pairwiseSubject } from '../../platform/crypto/pairwise.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  claimDueDelivery,
  insertDeliveriesFor,
  lockDispatchCursor,
  selectLiveSecrets,
  selectOutboxAfter,
  updateDeliveryAttempt,
  updateDeliveryLease,
  updateDispatchCursor,
  updateEndpointDisabled,
  updateEndpointFailingSince,
  withWebhookScope,
  type DueDeliveryRow,
} from './webhooks.repository.ts';
import { refusedEndpointAddress, type AddressLookup } from './webhooks.address.ts';
import { webhookHeaders } from './webhooks.signing.ts';

/** What delivery needs; `clock`, `fetch` and `lookup` are there for tests (a moved clock, a refusing network, a name's addresses). */
export type DeliveryDeps = {
  db: Db;
  config: Config;
  logger: Logger;
  clock?: (() => Date) | undefined;
  fetch?: typeof fetch | undefined;
  lookup?: AddressLookup | undefined;
};

const TIMEOUT_MS = 10_000;
/** How long a claimed delivery is held: the request's timeout and a margin. */
const LEASE_MS = TIMEOUT_MS + 5_000;
/** The longest a receiver's Retry-After may push an attempt back: the longest step of the default schedule. */
const RETRY_AFTER_CAP_SECONDS = 10 * 60 * 60;
/** An endpoint with no success for this long is disabled, with a notice on its owner's page. */
export const FAILING_DISABLE_MS = 5 * 24 * 60 * 60 * 1000;
const DISPATCH_BATCH = 500;

/** The event as a receiver and a feed reader see it: a citizen as the vendor's pairwise sub, or the platform's id for a municipality. */
export function presentedData(
  config: Pick<Config, 'cookieSecret'>,
  row: { vendor_id: string | null; citizen_id: string | null; data: Record<string, unknown> | null },
): Record<string, unknown> {
  const data = { ...row.data };
  if (row.citizen_id) {
    if (row.vendor_id) data.subject = pairwiseSubject(config, row.vendor_id, row.citizen_id);
    else data.citizenId = row.citizen_id;
  }
  return data;
}

/** The JSON body of a delivery, the same on every attempt: `{ type, timestamp, data }` (a test message when no event). */
export function deliveryBody(config: Pick<Config, 'cookieSecret'>, row: DueDeliveryRow): string {
  if (!row.type || !row.event_created_at) return JSON.stringify({ type: 'webhook.test', timestamp: row.created_at.toISOString(), data: {} });
  return JSON.stringify({ type: row.type, timestamp: row.event_created_at.toISOString(), data: { id: row.event_id, ...presentedData(config, row) } });
}

/** Seconds a Retry-After header asks for (delay-seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  const seconds = /^\d+$/.test(text) ? Number(text) : (Date.parse(text) - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(0, Math.ceil(seconds)), RETRY_AFTER_CAP_SECONDS);
}

/** Turns new outbox rows into deliveries; one dispatcher at a time across processes (the cursor's row lock). */
export async function dispatchOutboundEvents(deps: Pick<DeliveryDeps, 'db'>): Promise<number> {
  let made = 0;
  for (;;) {
    const result = await withWebhookScope(deps.db, { worker: true }, async (trx) => {
      const cursor = await lockDispatchCursor(trx);
      if (!cursor) return undefined;
      const rows = await selectOutboxAfter(trx, cursor, DISPATCH_BATCH);
      const last = rows.at(-1);
      if (!last) return { made: 0, more: false };
      const inserted = await insertDeliveriesFor(
        trx,
        rows.map((r) => r.seq),
      );
      await updateDispatchCursor(trx, last);
      return { made: inserted, more: rows.length === DISPATCH_BATCH };
    });
    if (!result) return made;
    made += result.made;
    if (!result.more) return made;
  }
}

type Answer = { status: number | null; error: string | null; retryAfter: number | undefined };

async function post(deps: DeliveryDeps, url: string, headers: Record<string, string>, body: string, now: Date): Promise<Answer> {
  try {
    const response = await (deps.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Jobunivers-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text().catch(() => '')).slice(0, 300);
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      error: ok ? null : `HTTP ${response.status}${text ? `: ${text}` : ''}`,
      retryAfter: retryAfterSeconds(response.headers.get('retry-after'), now),
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { status: null, error: `No answer: ${message}`.slice(0, 1000), retryAfter: undefined };
  }
}

/** Seconds to wait before the next attempt, with ±10 % jitter so receivers coming back are not hit all at once. */
function backOff(schedule: readonly number[], attemptsMade: number, retryAfter: number | undefined): number | undefined {
  const step = schedule[attemptsMade];
  if (step === undefined) return undefined;
  const jittered = step * (0.9 + Math.random() * 0.2);
  return Math.max(jittered, retryAfter ?? 0);
}

/**
 * Sends one due delivery, if any, and records the answer. The claim is a short transaction of its own (the row locked
 * and skipped by other senders, then leased until the request's timeout has passed), the POST happens outside any
 * transaction, and the answer is a second short one: a transaction held open across a slow receiver would hold back
 * every feed and the dispatcher, whose horizon is the oldest running transaction. A crash after the claim leaves the
 * delivery pending, due again when the lease ends. Returns false when nothing was due.
 */
export async function sendDueDelivery(deps: DeliveryDeps): Promise<boolean> {
  const clock = deps.clock ?? (() => new Date());
  const claimed = await withWebhookScope(deps.db, { worker: true }, async (trx) => {
    const delivery = await claimDueDelivery(trx, clock());
    if (!delivery) return undefined;
    const now = clock();
    await updateDeliveryLease(trx, delivery.id, new Date(now.getTime() + LEASE_MS));
    const secrets = (await selectLiveSecrets(trx, delivery.endpoint_id, now)).map((sealed) => decryptSecret(deps.config.cookieSecret, sealed));
    return { delivery, secrets, now };
  });
  if (!claimed) return false;
  const { delivery, secrets, now } = claimed;
  const body = deliveryBody(deps.config, delivery);
  // The host is resolved again before each send (it may point into the network since the endpoint was added); a
  // refusal is a failed attempt, retried on the schedule, since the name may point elsewhere again.
  const refusal = await refusedEndpointAddress(delivery.url, { production: deps.config.env === 'production', lookup: deps.lookup });
  const answer: Answer = refusal
    ? { status: null, error: `Refused: ${refusal.detail}`.slice(0, 1000), retryAfter: undefined }
    : await post(deps, delivery.url, webhookHeaders(secrets, delivery.message_id, Math.floor(now.getTime() / 1000), body), body, now);
  const attempts = delivery.attempts + 1;
  const answered = clock();
  const log = { deliveryId: delivery.id, messageId: delivery.message_id, endpointId: delivery.endpoint_id, attempts, status: answer.status };
  await withWebhookScope(deps.db, { worker: true }, async (trx) => {
    const record = (status: 'pending' | 'delivered' | 'dead', nextAttemptAt: Date) =>
      updateDeliveryAttempt(trx, delivery.id, {
        status,
        attemptsBefore: delivery.attempts,
        attempts,
        nextAttemptAt,
        lastAttemptAt: answered,
        lastStatus: answer.status,
        lastError: answer.error,
      });
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
      await record('delivered', answered);
      if (delivery.failing_since) await updateEndpointFailingSince(trx, delivery.endpoint_id, null);
      deps.logger.info(log, 'webhook delivered');
      return;
    }
    if (answer.status === 410) {
      await record('dead', answered);
      await updateEndpointDisabled(trx, delivery.endpoint_id, 'gone', answered);
      deps.logger.warn(log, 'webhook endpoint answered 410 Gone: disabled');
      return;
    }
    const failingSince = delivery.failing_since ?? answered;
    await updateEndpointFailingSince(trx, delivery.endpoint_id, failingSince);
    const wait = backOff(deps.config.webhooks.retrySchedule, attempts, answer.retryAfter);
    if (wait === undefined) await record('dead', answered);
    else await record('pending', new Date(answered.getTime() + wait * 1000));
    if (answered.getTime() - failingSince.getTime() >= FAILING_DISABLE_MS) {
      await updateEndpointDisabled(trx, delivery.endpoint_id, 'failing', answered);
      deps.logger.warn(log, 'webhook endpoint failing for 5 days: disabled');
    }
    deps.logger.warn({ ...log, error: answer.error, dead: wait === undefined }, 'webhook not delivered');
  });
  return true;
}

/** Dispatches new outbound events and sends what is due (up to `limit` attempts, a few at a time). */
export async function runWebhookDelivery(deps: DeliveryDeps, limit = 200): Promise<{ dispatched: number; attempted: number }> {
  const dispatched = await dispatchOutboundEvents(deps);
  let attempted = 0;
  const worker = async () => {
    while (attempted < limit && (await sendDueDelivery(deps))) attempted += 1;
  };
  await Promise.all([worker(), worker(), worker()]);
  return { dispatched, attempted };
}
