// Outbound delivery's use cases: recording an outbound event in a writer's transaction, the endpoints a vendor or a
// municipality keeps (secrets shown once, rotation, test message, disable), their deliveries and re-drive, the
// operator's dead letters, and the pull feed with its opaque cursor.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto/sealed-secret.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { isFeedPosition } from '../../platform/http/feed-position.ts';
import { parseInput } from '../../platform/validation.ts';
import { getOwnVendor } from '../vendors/index.ts';
import { refusedEndpointAddress } from './webhooks.address.ts';
import { presentedData } from './webhooks.delivery.ts';
import { webhooksPolicy } from './webhooks.policy.ts';
import {
  expireSecretsForRotation,
  insertEndpoint,
  insertOutboundEvent,
  insertSecret,
  insertTestDelivery,
  selectDeliveries,
  selectDelivery,
  selectEndpoint,
  selectEndpointByUrl,
  selectEndpoints,
  selectFeed,
  selectListingVendor,
  selectLiveSecrets,
  updateDeliveryRedriven,
  updateEndpointDisabled,
  updateEndpointEnabled,
  withWebhookScope,
  type DeliveryRow,
  type EndpointRow,
  type OutboxPosition,
  type WebhookOwner,
} from './webhooks.repository.ts';
import { municipalityEventTypes, newEndpointSchema, vendorEventTypes, type MunicipalityEventType, type VendorEventType } from './webhooks.schemas.ts';
import { newWebhookSecret } from './webhooks.signing.ts';

export type { DeliveryRow, EndpointRow };

/** Who is told: a vendor (its pairwise subjects name citizens) or a municipality (the platform's citizen ids). */
export type OutboundEventInput =
  | {
      /** The vendor, or the vendor of a listing (read through listings' published `listing_owner`). */
      audience: { vendorId: string } | { vendorOfListing: string };
      type: VendorEventType;
      data: Record<string, unknown>;
      citizenId?: string | undefined;
    }
  | { audience: { municipalityCode: string }; type: MunicipalityEventType; data: Record<string, unknown>; citizenId?: string | undefined };

/**
 * Records an outbound event in the writer's own transaction (so it is durable exactly when the change is); webhooks
 * and the feed deliver it after the commit. Pass the citizen as `citizenId`, never in `data`: a vendor is told only
 * the citizen's pairwise subject. Throws on a type the audience is not told (a programming error).
 */
export async function recordOutboundEvent(trx: Trx, input: OutboundEventInput): Promise<{ id: string }> {
  const vendor = !('municipalityCode' in input.audience);
  const types: readonly string[] = vendor ? vendorEventTypes : municipalityEventTypes;
  if (!types.includes(input.type)) throw new Error(`${input.type} is not an outbound event type for this audience.`);
  const vendorId =
    'vendorId' in input.audience
      ? input.audience.vendorId
      : 'vendorOfListing' in input.audience
        ? await selectListingVendor(trx, input.audience.vendorOfListing)
        : null;
  if (vendor && !vendorId) throw new Error('An outbound event for the vendor of a listing that does not exist.');
  const { id } = await insertOutboundEvent(trx, {
    vendorId: vendorId ?? null,
    municipalityCode: 'municipalityCode' in input.audience ? input.audience.municipalityCode : null,
    type: input.type,
    citizenId: input.citizenId ?? null,
    data: input.data,
  });
  return { id };
}

/** The company or municipality whose webhooks the actor works with. Throws FORBIDDEN, CONFLICT (company not registered). */
async function ownerOf(db: Db, actor: Principal, action: 'endpoint.read' | 'feed.read' = 'endpoint.read'): Promise<WebhookOwner> {
  webhooksPolicy.authorize(actor, action);
  if (actor.vendor) {
    const vendor = await getOwnVendor(db, actor);
    if (!vendor) throw new AppError('CONFLICT', 'Register the company before adding webhooks.');
    return { vendorId: vendor.id };
  }
  if (actor.municipality) return { municipalityCode: actor.municipality.code };
  throw new AppError('FORBIDDEN');
}

/** The event types an owner may subscribe to. */
export function eventTypesFor(owner: WebhookOwner): readonly string[] {
  return 'vendorId' in owner ? vendorEventTypes : municipalityEventTypes;
}

/** The actor's side of outbound delivery: which event types exist for them, and what they may do. */
export type WebhookPermissions = { manage: boolean; redrive: boolean };

export function webhookPermissions(actor: Principal): WebhookPermissions {
  return { manage: webhooksPolicy.can(actor, 'endpoint.manage'), redrive: webhooksPolicy.can(actor, 'delivery.redrive') };
}

/** The owner's endpoints and its latest deliveries. Throws FORBIDDEN, CONFLICT. */
export async function listWebhooks(
  db: Db,
  actor: Principal,
  filter: { endpointId?: string | undefined } = {},
): Promise<{ eventTypes: readonly string[]; endpoints: EndpointRow[]; deliveries: DeliveryRow[] }> {
  const owner = await ownerOf(db, actor);
  return withWebhookScope(db, owner, async (trx) => ({
    eventTypes: eventTypesFor(owner),
    endpoints: await selectEndpoints(trx),
    deliveries: await selectDeliveries(trx, { endpointId: filter.endpointId }, 50),
  }));
}

/** An endpoint just added or a secret just rotated: the secret shown this once. */
export type ShownSecret = { endpointId: string; secret: string };

/**
 * Adds an endpoint once per form token, with a new secret returned this once (sealed at rest). A resubmit gets the
 * first endpoint without a secret. In production the address may not lead into a private or local network (SSRF).
 * Throws FORBIDDEN, CONFLICT, VALIDATION (field messages; nothing is written).
 */
export async function createEndpoint(
  db: Db,
  config: Config,
  actor: Principal,
  input: unknown,
  once?: FormOnce,
): Promise<{ id: string; created?: ShownSecret | undefined }> {
  const owner = await ownerOf(db, actor);
  webhooksPolicy.authorize(actor, 'endpoint.manage');
  const value = parseInput(newEndpointSchema(eventTypesFor(owner), config.env === 'production'), input);
  const refused = await refusedEndpointAddress(value.url, { production: config.env === 'production' });
  if (refused)
    throw new AppError('VALIDATION', `The address may not receive webhooks: ${refused.detail}.`, [
      { field: 'url', message: refused.why === 'unresolvable' ? 'webhooks.validation.unresolvable' : 'webhooks.validation.internalAddress' },
    ]);
  const secret = newWebhookSecret();
  const result = await withWebhookScope(db, owner, (trx) =>
    createOnce(trx, once, async (t) => {
      const endpoint = await insertEndpoint(t, {
        owner,
        url: value.url,
        description: value.description,
        eventTypes: value.eventTypes,
        createdBy: actor.subject,
      });
      await insertSecret(t, endpoint.id, encryptSecret(config.cookieSecret, secret));
      return endpoint.id;
    }),
  );
  return result.replayed ? { id: result.id } : { id: result.id, created: { endpointId: result.id, secret } };
}

/**
 * Registers an endpoint whose secret the caller already holds — the demo seed, for the reference vendor it starts with
 * that secret — sealed as every endpoint's secret is. An endpoint of the owner at `url` is kept as it is (its event
 * types, whether it is on) and gets `secret` only when none of its live secrets is that one (the others stop at once).
 * Idempotent: a second run changes nothing. Runs in the caller's transaction when given one; it names the owner itself
 * and sets no row-level security scope, so it is for the tables' owner (seeds run as it). Throws on an address, event
 * type or secret that an endpoint may not have (a programming error).
 */
export async function seedWebhookEndpoint(
  db: Db,
  config: Pick<Config, 'cookieSecret'>,
  input: { owner: WebhookOwner; url: string; description: string; eventTypes: readonly string[]; secret: string; createdBy: string },
): Promise<{ id: string; changed: boolean }> {
  const value = newEndpointSchema(eventTypesFor(input.owner), false).parse({
    url: input.url,
    description: input.description,
    eventTypes: [...input.eventTypes],
  });
  if (!/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(input.secret)) throw new Error('A webhook secret is whsec_ and the base64 of its bytes.');
  const work = async (trx: Trx) => {
    const existing = await selectEndpointByUrl(trx, input.owner, value.url);
    const now = new Date();
    if (existing) {
      const live = await selectLiveSecrets(trx, existing.id, now);
      const opens = (sealed: Buffer) => {
        try {
          return decryptSecret(config.cookieSecret, sealed) === input.secret;
        } catch {
          // Sealed under another key (the platform's secret changed): no longer usable, so not this one.
          return false;
        }
      };
      if (live.some(opens)) return { id: existing.id, changed: false };
      await expireSecretsForRotation(trx, existing.id, now, now);
      await insertSecret(trx, existing.id, encryptSecret(config.cookieSecret, input.secret));
      return { id: existing.id, changed: true };
    }
    const endpoint = await insertEndpoint(trx, {
      owner: input.owner,
      url: value.url,
      description: value.description,
      eventTypes: value.eventTypes,
      createdBy: input.createdBy,
    });
    await insertSecret(trx, endpoint.id, encryptSecret(config.cookieSecret, input.secret));
    return { id: endpoint.id, changed: true };
  };
  return db.isTransaction ? work(db as Trx) : db.transaction().execute(work);
}

/** How long the previous secret keeps signing after a rotation, so receivers can switch without losing a message. */
const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * Gives an endpoint a new secret, shown this once; the previous one signs beside it for 24 hours (any older one
 * stops at once), so each message carries both signatures meanwhile. Throws FORBIDDEN, NOT_FOUND.
 */
export async function rotateSecret(db: Db, config: Config, actor: Principal, endpointId: string): Promise<ShownSecret> {
  const owner = await ownerOf(db, actor);
  webhooksPolicy.authorize(actor, 'endpoint.manage');
  const secret = newWebhookSecret();
  await withWebhookScope(db, owner, async (trx) => {
    if (!(await selectEndpoint(trx, endpointId))) throw new AppError('NOT_FOUND');
    const now = new Date();
    await expireSecretsForRotation(trx, endpointId, now, new Date(now.getTime() + ROTATION_OVERLAP_MS));
    await insertSecret(trx, endpointId, encryptSecret(config.cookieSecret, secret));
  });
  return { endpointId, secret };
}

/** The owner's endpoint, or NOT_FOUND (another owner's is not found either). */
export async function getEndpoint(db: Db, actor: Principal, endpointId: string): Promise<EndpointRow> {
  const owner = await ownerOf(db, actor);
  const endpoint = await withWebhookScope(db, owner, (trx) => selectEndpoint(trx, endpointId));
  if (!endpoint) throw new AppError('NOT_FOUND');
  return endpoint;
}

/** Switches an endpoint off (nothing more is delivered to it) or on again (what is pending resumes). Throws FORBIDDEN, NOT_FOUND. */
export async function setEndpointActive(db: Db, actor: Principal, endpointId: string, active: boolean): Promise<void> {
  const owner = await ownerOf(db, actor);
  webhooksPolicy.authorize(actor, 'endpoint.manage');
  await withWebhookScope(db, owner, async (trx) => {
    if (!(await selectEndpoint(trx, endpointId))) throw new AppError('NOT_FOUND');
    if (active) await updateEndpointEnabled(trx, endpointId);
    else await updateEndpointDisabled(trx, endpointId, 'owner', new Date());
  });
}

/** Queues a test message (`webhook.test`) to an active endpoint. Throws FORBIDDEN, NOT_FOUND, CONFLICT (disabled). */
export async function sendTestMessage(db: Db, actor: Principal, endpointId: string): Promise<string> {
  const owner = await ownerOf(db, actor);
  webhooksPolicy.authorize(actor, 'endpoint.manage');
  return withWebhookScope(db, owner, async (trx) => {
    const endpoint = await selectEndpoint(trx, endpointId);
    if (!endpoint) throw new AppError('NOT_FOUND');
    if (endpoint.status !== 'active') throw new AppError('CONFLICT', 'Switch the endpoint on before sending to it.');
    return insertTestDelivery(trx, endpointId, new Date());
  });
}

/**
 * Sends a dead letter again: the same delivery, pending now, with the same webhook-id, its attempts counted from
 * zero. The owner re-drives its own; governance's administrator any. Throws FORBIDDEN, NOT_FOUND, CONFLICT (not a
 * dead letter, or its endpoint is switched off).
 */
export async function redriveDelivery(db: Db, actor: Principal, deliveryId: string): Promise<DeliveryRow> {
  const governance = webhooksPolicy.can(actor, 'dead-letters.redrive');
  const scope = governance ? { worker: true as const } : await ownerOf(db, actor);
  if (!governance) webhooksPolicy.authorize(actor, 'delivery.redrive');
  return withWebhookScope(db, scope, async (trx) => {
    const delivery = await selectDelivery(trx, deliveryId);
    if (!delivery) throw new AppError('NOT_FOUND');
    const endpoint = await selectEndpoint(trx, delivery.endpoint_id);
    if (endpoint?.status !== 'active') throw new AppError('CONFLICT', 'Switch the endpoint on before re-driving to it.');
    if (!(await updateDeliveryRedriven(trx, deliveryId, new Date()))) throw new AppError('CONFLICT', 'Only a dead letter is re-driven.');
    const redriven = await selectDelivery(trx, deliveryId);
    if (!redriven) throw new AppError('NOT_FOUND');
    return redriven;
  });
}

/** Every owner's dead letters, newest first, for governance's operations page. Throws FORBIDDEN. */
export async function listDeadLetters(db: Db, actor: Principal): Promise<{ deliveries: DeliveryRow[]; canRedrive: boolean }> {
  webhooksPolicy.authorize(actor, 'dead-letters.read');
  const deliveries = await withWebhookScope(db, { worker: true }, (trx) => selectDeliveries(trx, { dead: true }, 200));
  return { deliveries, canRedrive: webhooksPolicy.can(actor, 'dead-letters.redrive') };
}

/** The feed's cursor: base64url of "<xid>.<seq>", opaque to readers. */
export function encodeCursor(position: OutboxPosition): string {
  return Buffer.from(`${position.xid}.${position.seq}`).toString('base64url');
}

/** Reads a cursor back; VALIDATION on anything this feed never handed out. */
export function decodeCursor(cursor: string | undefined): OutboxPosition | undefined {
  if (!cursor) return undefined;
  const match = /^(\d+)\.(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // The numbers must fit the columns too: one beyond them would fail in SQL, a 500 instead of this 400.
  if (!match?.[1] || !match[2] || !isFeedPosition(match[1], match[2]))
    throw new AppError('VALIDATION', 'The cursor is not one this feed gave.', [{ field: 'after', message: 'webhooks.validation.cursor' }]);
  return { xid: match[1], seq: match[2] };
}

export type FeedPage = { items: { id: string; type: string; time: string; data: Record<string, unknown> }[]; next: string };

/**
 * The vendor's or the municipality's outbound events after the cursor, oldest first. Only what every earlier transaction has finished is
 * shown, so following `next` never skips an event committed late. Throws FORBIDDEN, CONFLICT, VALIDATION.
 */
export async function readFeed(db: Db, config: Config, actor: Principal, query: { after?: string | undefined; limit: number }): Promise<FeedPage> {
  const owner = await ownerOf(db, actor, 'feed.read');
  const after = decodeCursor(query.after);
  const rows = await withWebhookScope(db, owner, (trx) => selectFeed(trx, owner, after, query.limit));
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({ id: row.id, type: row.type, time: row.created_at.toISOString(), data: presentedData(config, row) })),
    next: last ? encodeCursor(last) : (query.after ?? encodeCursor({ xid: '0', seq: '0' })),
  };
}
