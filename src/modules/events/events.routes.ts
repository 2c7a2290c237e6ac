import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { AppDeps, RouteModule } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import {
  createVendorLookup,
  getEventType,
  listCustomTypes,
  listEventTypes,
  presentOutcome,
  receiveEvent,
  receiveEventBatch,
  receiveStatements,
  registerCustomType,
} from './events.service.ts';
import {
  acceptedEventSchema,
  batchAnswerSchema,
  customTypeInputSchema,
  customTypeSchema,
  eventBodySchema,
  publishedTypeSchema,
  xapiBodySchema,
} from './events.schemas.ts';
import type { CustomTypeRow } from './events.repository.ts';

const tags = ['Vendor API'];
const security = [{ vendorApiToken: [] }];
const apiClient = { roles: ['vendor_api'], level: 'Substantial' } as const;

const SINGLE = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch+json';
// A full batch of custom events at 16 KB each, with room for the envelopes.
const BATCH_BODY_LIMIT = 20 * 1024 * 1024;

const presentCustomType = (row: CustomTypeRow) => ({
  type: row.type,
  description: row.description,
  dataSchema: row.data_schema,
  createdAt: row.created_at.toISOString(),
});

/** The ingest's rate limit: per vendor (its CVR, one company), counted across both doors, answered 429 with Retry-After. */
function perVendor(deps: AppDeps) {
  return {
    max: deps.config.rateLimit.eventsPerMinute,
    timeWindow: '1 minute',
    groupId: 'vendor-events',
    // After the access check (preValidation), so the vendor is known; an unauthenticated request never gets here.
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `vendor:${request.principal?.vendor?.cvr ?? request.ip}`,
  };
}

/**
 * The events API: the registry (public), CloudEvents ingest (one or a batch), the xAPI door, and the vendor's own
 * event types. Its own context, so the CloudEvents media types are JSON here and nowhere else.
 */
export const eventApiRoutes: RouteModule = async (root, deps) => {
  const { db, config, changes } = deps;
  const vendors = createVendorLookup(changes);
  root.addHook('onClose', (_instance, done) => {
    vendors.stop();
    done();
  });
  const ingestDeps = { db, config, changes, vendors };
  await root.register((scope, _options, done) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser([SINGLE, BATCH], { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT }, app.getDefaultJsonParser('error', 'error'));

    app.get(
      '/api/public/v1/event-types',
      {
        config: publicAccess,
        schema: {
          operationId: 'listEventTypes',
          tags: ['Event registry'],
          security: [],
          summary: 'The activity event types (registry v1) with the JSON Schema of their data',
          response: { 200: z.object({ items: z.array(publishedTypeSchema) }), ...problemResponses(429) },
        },
      },
      (_request, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return Promise.resolve({ items: listEventTypes() });
      },
    );

    app.get(
      '/api/public/v1/event-types/:type',
      {
        config: publicAccess,
        schema: {
          operationId: 'getEventType',
          tags: ['Event registry'],
          security: [],
          summary: 'One activity event type with the JSON Schema of its data',
          params: z.object({ type: z.string().max(200) }),
          response: { 200: publishedTypeSchema, ...problemResponses(404, 429) },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return getEventType(request.params.type);
      },
    );

    app.post(
      '/api/vendor/v1/events',
      {
        config: { access: apiClient, rateLimit: perVendor(deps) },
        bodyLimit: BATCH_BODY_LIMIT,
        schema: {
          operationId: 'sendActivityEvents',
          tags,
          security,
          summary: 'Report what a citizen did in your service (CloudEvents 1.0, one or a batch)',
          description:
            `${SINGLE}: one event, answered 202 { id, status: accepted | duplicate } once it is stored (committed). ` +
            `${BATCH}: an array of up to 1,000, answered 200 { results } in the order sent, each accepted, duplicate or rejected with errors; ` +
            'the valid items of a batch are stored even when others are rejected. The same id with the same body is a duplicate and stored once; ' +
            'the same id with another body is 409 (one) or rejected with code conflict (batch). source is /listings/<your listing id>; subject is the ' +
            "citizen's pairwise sub at your company and must be someone who launched that listing (else 422); nothing resembling a CPR number is accepted. " +
            'Rate limited per company (429 with Retry-After).',
          consumes: [SINGLE, BATCH],
          body: eventBodySchema,
          response: {
            200: batchAnswerSchema,
            202: acceptedEventSchema,
            ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429),
          },
        },
      },
      async (request, reply) => {
        const actor = principalOf(request);
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        const body = request.body;
        if (mediaType === BATCH || (mediaType !== SINGLE && Array.isArray(body))) {
          if (!Array.isArray(body))
            throw new AppError('VALIDATION', `A ${BATCH} body is an array of events.`, [{ field: '(root)', message: 'events.error.batchArray' }]);
          const outcomes = await receiveEventBatch(ingestDeps, actor, body);
          return reply.code(200).send({ results: outcomes.map((o) => presentOutcome(o, request.locale)) });
        }
        if (Array.isArray(body))
          throw new AppError('VALIDATION', `A ${SINGLE} body is one event; send arrays as ${BATCH}.`, [
            { field: '(root)', message: 'events.error.singleObject' },
          ]);
        const acknowledged = await receiveEvent(ingestDeps, actor, body);
        return reply.code(202).send(acknowledged);
      },
    );

    app.post(
      '/api/vendor/v1/xapi/statements',
      {
        config: { access: apiClient, rateLimit: perVendor(deps) },
        bodyLimit: BATCH_BODY_LIMIT,
        schema: {
          operationId: 'sendXapiStatements',
          tags,
          security,
          summary: 'Report activity as xAPI 1.0.3 statements (for learning platforms that speak xAPI)',
          description:
            'One statement or an array, with the header X-Experience-API-Version: 1.0.3. actor: { objectType: "Agent", account: { homePage: <this platform\'s ' +
            'base URL>, name: <pairwise sub> } }; object.id: <base URL>/listings/<listing id>. Verbs (http://adlnet.gov/expapi/verbs/…): launched and ' +
            'initialized → started; progressed → progress (result.extensions["https://w3id.org/xapi/cmi5/result/extensions/progress"] or result.score.scaled); ' +
            'completed and passed → completed; failed, terminated and abandoned → dropped. The statement id (or, without one, an id made from its content) is ' +
            "the idempotency key. As xAPI says, one refused statement refuses the request and none is stored; the answer is the statements' ids.",
          body: xapiBodySchema,
          headers: z.object({ 'x-experience-api-version': z.string().max(20).optional() }),
          response: { 200: z.array(z.uuid()), ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        reply.header('x-experience-api-version', '1.0.3');
        const ids = await receiveStatements(ingestDeps, principalOf(request), request.body, request.headers['x-experience-api-version']);
        return reply.code(200).send(ids);
      },
    );

    app.get(
      '/api/vendor/v1/event-types',
      {
        config: { access: apiClient },
        schema: {
          operationId: 'listOwnEventTypes',
          tags,
          security,
          summary: "Your company's own event types",
          response: { 200: z.object({ items: z.array(customTypeSchema) }), ...problemResponses(401, 403, 409, 429) },
        },
      },
      async (request) => ({ items: (await listCustomTypes(db, principalOf(request))).map(presentCustomType) }),
    );

    app.post(
      '/api/vendor/v1/event-types',
      {
        config: { access: apiClient },
        schema: {
          operationId: 'registerEventType',
          tags,
          security,
          summary: 'Register an event type of your own (dk.cvr.<your CVR>.<name>)',
          description:
            'name: lower-case words separated by dots or dashes; the type becomes dk.cvr.<your CVR>.<name>. dataSchema (optional): a JSON Schema ' +
            '(draft 2020-12) the events’ data must satisfy; without one any JSON object up to 16 KB is accepted.',
          body: customTypeInputSchema,
          response: { 201: customTypeSchema, ...problemResponses(400, 401, 403, 409, 429) },
        },
      },
      async (request, reply) => reply.code(201).send(presentCustomType(await registerCustomType(db, principalOf(request), request.body))),
    );
    done();
  });
};
