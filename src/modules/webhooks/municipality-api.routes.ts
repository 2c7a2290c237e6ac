// The municipality API: its token endpoint (OAuth 2 client credentials, as the vendor API's) and the municipality's
// change feed of outbound events (escalations, sign-ups to local offers, licence seats running out, completions).
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { registerTokenEndpoint } from '../../platform/http/oauth-token.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { issueMunicipalityAccessToken } from './municipality-api.credentials.ts';
import { feedPageSchema, feedQuerySchema } from './webhooks.schemas.ts';
import { readFeed } from './webhooks.service.ts';

const tags = ['Municipality API'];

/** POST /api/municipality/v1/token and GET /api/municipality/v1/feed. */
export const municipalityApiRoutes: RouteModule = (app, { db, config }) => {
  registerTokenEndpoint(app, {
    url: '/api/municipality/v1/token',
    operationId: 'issueMunicipalityAccessToken',
    tags,
    description:
      'RFC 6749 §4.4. Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the form body; a ' +
      "municipality's administrator creates clients on /kommune/api-klienter. The answer is a bearer token for the other " +
      '/api/municipality/v1/ operations, valid for expires_in seconds. Errors follow RFC 6749 §5.2, not problem+json.',
    realm: 'jobunivers-municipality-api',
    issue: (request) => issueMunicipalityAccessToken(db, request),
  });

  app.get(
    '/api/municipality/v1/feed',
    {
      config: { access: { roles: ['municipality_api'], level: 'Substantial' } },
      schema: {
        operationId: 'readMunicipalityFeed',
        tags,
        security: [{ municipalityApiToken: [] }],
        summary: "The municipality's outbound events, oldest first (a change feed)",
        description:
          'Types: `escalation.created`, `local-offer.sign-up`, `licence.seats-low`, `activity.completed`; a citizen is named by the ' +
          "platform's `citizenId` (never a CPR number). Start without `after`; pass the answer's `next` as `after` to continue. Each " +
          'event appears once, in a stable order, and only once every transaction that began before it has finished, so following ' +
          'the cursor never skips one. The same events are sent as webhooks to endpoints subscribed on /kommune/webhooks; `id` is the same in both.',
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => readFeed(db, config, principalOf(request), request.query),
  );
};
