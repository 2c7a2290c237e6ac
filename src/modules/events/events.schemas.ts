import { z } from 'zod';

/** The most events one batch may carry. */
export const MAX_BATCH = 1000;
/** The largest `data` a custom type's event may carry, as JSON. */
export const MAX_CUSTOM_DATA_BYTES = 16 * 1024;
/** How much of a refused item the event log keeps. */
export const MAX_KEPT_ITEM_BYTES = 4096;

/** A listing as a CloudEvents `source`. */
export const sourcePattern = /^\/listings\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A CloudEvents 1.0 event in structured JSON mode, as the ingest reads it (data checked per type afterwards). */
export const cloudEventSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string().min(1).max(200).describe("The vendor's idempotency key: the same id with the same body is acknowledged again, never stored twice."),
    source: z.string().regex(sourcePattern, { message: 'events.error.source' }).describe('The listing: /listings/<listing id>.'),
    type: z.string().min(3).max(200).describe('A registered type (GET /api/public/v1/event-types) or one of your own (dk.cvr.<CVR>.…).'),
    subject: z.string().min(1).max(200).describe("The citizen's pairwise sub at your company (the sub of the OpenID Connect sign-in)."),
    time: z.iso.datetime({ offset: true }).describe('When it happened, RFC 3339.'),
    datacontenttype: z.literal('application/json').optional(),
    dataschema: z.string().max(2000).optional(),
    data: z.record(z.string(), z.unknown()).optional().describe("The type's data (an object; {} when the type has none)."),
  })
  .meta({ id: 'CloudEvent' });
export type CloudEvent = z.infer<typeof cloudEventSchema>;

/** A single event's answer. */
export const acceptedEventSchema = z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) }).meta({ id: 'EventAcknowledgement' });

/** One item of a batch's answer, in the order sent. */
export const batchResultSchema = z
  .object({
    id: z.string().nullable().describe('The item’s id, or null when it had none.'),
    status: z.enum(['accepted', 'duplicate', 'rejected']),
    code: z
      .enum(['validation', 'cpr', 'not-your-listing', 'not-launched', 'conflict'])
      .optional()
      .describe('Why it was rejected: conflict = the id was used before with another body.'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'EventBatchResult' });
export const batchAnswerSchema = z.object({ results: z.array(batchResultSchema) }).meta({ id: 'EventBatchAnswer' });

/** What the route hands the service: one event (as sent) or a batch (as sent). */
export const eventBodySchema = z
  .union([z.array(z.unknown()).max(MAX_BATCH), z.record(z.string(), z.unknown())])
  .describe('application/cloudevents+json: one CloudEvent (202). application/cloudevents-batch+json: an array of up to 1,000 (200, per item).');

const xapiVerb = z.object({ id: z.url(), display: z.record(z.string(), z.string()).optional() });

/** An xAPI 1.0.3 statement, as far as the ingest reads it. */
export const xapiStatementSchema = z
  .object({
    id: z.uuid().optional(),
    actor: z.object({
      objectType: z.literal('Agent').optional(),
      account: z.object({ homePage: z.string(), name: z.string().min(1).max(200) }),
      name: z.string().optional(),
    }),
    verb: xapiVerb,
    object: z.object({ objectType: z.literal('Activity').optional(), id: z.string().max(2000) }),
    result: z
      .object({
        score: z
          .object({ scaled: z.number().min(-1).max(1).optional(), raw: z.number().optional(), min: z.number().optional(), max: z.number().optional() })
          .optional(),
        success: z.boolean().optional(),
        completion: z.boolean().optional(),
        duration: z.string().optional(),
        extensions: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    context: z.unknown().optional(),
    version: z.string().optional(),
  })
  .meta({ id: 'XapiStatement' });
export type XapiStatement = z.infer<typeof xapiStatementSchema>;

export const xapiBodySchema = z.union([z.array(z.unknown()).min(1).max(MAX_BATCH), z.record(z.string(), z.unknown())]);

/** A custom type as the API and the portal's form give it. */
export const customTypeInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'validation.required' })
    .max(100)
    .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, { message: 'events.error.typeName' }),
  description: z.string().trim().max(500).optional(),
  dataSchema: z.record(z.string(), z.unknown()).optional().describe('A JSON Schema (draft 2020-12) the events’ data must satisfy.'),
});

export const customTypeSchema = z
  .object({ type: z.string(), description: z.string(), dataSchema: z.record(z.string(), z.unknown()).nullable(), createdAt: z.string() })
  .meta({ id: 'CustomEventType' });

export const publishedTypeSchema = z
  .object({
    type: z.string(),
    version: z.literal(1),
    summary: z.string(),
    dataSchema: z.record(z.string(), z.unknown()).describe('JSON Schema (draft 2020-12) of the event’s data.'),
    example: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'EventType' });

/** The portal's event log filter. */
export const eventLogQuerySchema = z.object({
  ydelse: z.uuid().optional().catch(undefined),
  udfald: z.enum(['accepted', 'rejected']).optional().catch(undefined),
  foer: z.string().max(200).optional().catch(undefined),
});
