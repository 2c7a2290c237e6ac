// The vendor API's outbound side: the change feed (pull) and re-driving a dead webhook delivery. Authenticated with a
// bearer token from the OAuth 2 client credentials grant, as the rest of /api/vendor/v1/.
import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { deliverWebhooksJob } from './webhooks.jobs.ts';
import { runWebhookDelivery } from './webhooks.delivery.ts';
import { deliverySchema, feedPageSchema, feedQuerySchema } from './webhooks.schemas.ts';
import { readFeed, redriveDelivery } from './webhooks.service.ts';

const apiClient = { access: { roles: ['vendor_api'], level: 'Substantial' } } as const;
const tags = ['Vendor API'];
const security = [{ vendorApiToken: [] }];
const POLL_MS = 1000;

/** The feed and re-drive API, and — while jobs run in this process — the sender's one-second poll. */
export const webhookApiRoutes: RouteModule = (app, deps) => {
  const { db, config } = deps;
  app.get(
    '/api/vendor/v1/feed',
    {
      config: apiClient,
      schema: {
        operationId: 'readOutboundFeed',
        tags,
        security,
        summary: "The company's outbound events, oldest first (a change feed)",
        description:
          "Start without `after`; pass the answer's `next` as `after` to continue. Each event appears once, in a stable order; an event " +
          'appears only once every transaction that began before it has finished, so following the cursor never skips one. The same ' +
          'events are sent as webhooks to subscribed endpoints; `id` is the same in both.',
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => readFeed(db, config, principalOf(request), request.query),
  );

  app.post(
    '/api/vendor/v1/webhooks/deliveries/:deliveryId/redrive',
    {
      config: apiClient,
      schema: {
        operationId: 'redriveWebhookDelivery',
        tags,
        security,
        summary: 'Send a dead webhook delivery again',
        description: 'The delivery is sent again with the same webhook-id (so a receiver that has it can drop it), its attempts counted from zero.',
        params: z.object({ deliveryId: z.uuid() }),
        response: { 200: deliverySchema, ...problemResponses(401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const delivery = await redriveDelivery(db, principalOf(request), request.params.deliveryId);
      await deps.jobs?.send(deliverWebhooksJob, {});
      return {
        id: delivery.id,
        messageId: delivery.message_id,
        status: delivery.status,
        attempts: delivery.attempts,
        lastStatus: delivery.last_status,
        lastError: delivery.last_error,
      };
    },
  );

  // Deliveries go out within about a second of their commit (writers record in their own transactions and queue
  // nothing); after a restart, what was pending resumes at the first poll.
  if (!config.jobsEnabled || !deps.jobs) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= runWebhookDelivery(deps)
      .catch((error: unknown) => deps.logger.error({ err: error }, 'webhook delivery failed'))
      .finally(() => {
        running = undefined;
      });
  };
  app.addHook('onReady', (done) => {
    timer = setInterval(tick, POLL_MS);
    timer.unref();
    done();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
};
