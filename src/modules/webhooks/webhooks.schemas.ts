import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';

/** What vendors are told (docs/ARCHITECTURE.md, "Outbound delivery"). */
export const vendorEventTypes = ['consent.withdrawn', 'plan.listing-assigned', 'listing.suspended', 'listing.reinstated', 'deletion.requested'] as const;
/** What municipalities' systems are told. */
export const municipalityEventTypes = ['escalation.created', 'local-offer.sign-up', 'licence.seats-low', 'activity.completed'] as const;
export type VendorEventType = (typeof vendorEventTypes)[number];
export type MunicipalityEventType = (typeof municipalityEventTypes)[number];
export type OutboundEventType = VendorEventType | MunicipalityEventType;

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A receiver's address: https, or http to this machine outside production (a developer's receiver). No credentials
 * in it, no fragment.
 */
export function endpointUrlSchema(production: boolean) {
  return requiredText({ max: 500 }).superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'webhooks.validation.url' });
      return;
    }
    const local = url.protocol === 'http:' && localHosts.has(url.hostname) && !production;
    if ((url.protocol !== 'https:' && !local) || url.username || url.password || url.hash)
      ctx.addIssue({ code: 'custom', message: production ? 'webhooks.validation.https' : 'webhooks.validation.httpsOrLocal' });
  });
}

/** An event type as a form field's value: dots would end up in the checkbox's HTML id, so a form sends `_` for `.`. */
export const formValueOfType = (type: string) => type.replaceAll('.', '_');

const checkboxes = z.preprocess(
  (v) => (v === undefined ? [] : [v].flat()).map((item) => (typeof item === 'string' ? item.replaceAll('_', '.') : item)),
  z.array(z.string()),
);

/** The form (and API body) that adds an endpoint. */
export function newEndpointSchema(types: readonly string[], production: boolean) {
  return z.object({
    url: endpointUrlSchema(production),
    description: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => v || null),
    eventTypes: checkboxes.pipe(
      z
        .array(z.string().refine((v) => types.includes(v), { message: 'validation.choice' }))
        .min(1, { message: 'webhooks.validation.eventTypes' })
        .max(20),
    ),
  });
}

/** The feed's query: an opaque cursor from the previous answer, and how many items at most. */
export const feedQuerySchema = z.object({
  after: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const feedItemSchema = z
  .object({
    id: z.uuid().describe('The outbound event: the same id in the feed and in a webhook body.'),
    type: z.string(),
    time: z.string().describe('When it happened (RFC 3339).'),
    data: z
      .record(z.string(), z.unknown())
      .describe("A citizen is named by the vendor's pairwise `subject`, or the platform's `citizenId` for a municipality."),
  })
  .meta({ id: 'OutboundEvent' });

export const feedPageSchema = z
  .object({
    items: z.array(feedItemSchema),
    next: z.string().describe('The cursor to pass as `after` next time (the same one when nothing new was there).'),
  })
  .meta({ id: 'OutboundFeedPage' });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    messageId: z.string().describe('The webhook-id header: the same on every attempt and after a re-drive.'),
    status: z.enum(['pending', 'delivered', 'dead']),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
