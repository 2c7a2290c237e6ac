// The municipality API: its token endpoint (OAuth 2 client credentials, as the vendor API's) and the municipality's
// change feed of outbound events (escalations, sign-ups to local offers, licence seats running out, completions).
import { z } from 'zod';
import { principalOf, publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { issueMunicipalityAccessToken, MunicipalityTokenError } from './municipality-api.credentials.ts';
import { feedPageSchema, feedQuerySchema } from './webhooks.schemas.ts';
import { readFeed } from './webhooks.service.ts';

const tags = ['Municipality API'];

const tokenRequestSchema = z
  .object({
    grant_type: z.string().optional(),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
    scope: z.string().max(200).optional(),
  })
  .describe('application/x-www-form-urlencoded, RFC 6749 §4.4.2');

const tokenResponseSchema = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int().describe('Seconds the token is valid.') })
  .meta({ id: 'MunicipalityAccessToken' });

/** RFC 6749 §5.2's error answer, not problem+json: OAuth client libraries read this form. */
const tokenErrorSchema = z
  .object({ error: z.enum(['invalid_request', 'invalid_client', 'unsupported_grant_type']), error_description: z.string() })
  .meta({ id: 'MunicipalityOAuthError' });

/** Client authentication from an HTTP Basic header (RFC 6749 §2.3.1: form-urlencoded id and secret). */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** POST /api/municipality/v1/token and GET /api/municipality/v1/feed. */
export const municipalityApiRoutes: RouteModule = (app, { db, config }) => {
  app.post(
    '/api/municipality/v1/token',
    {
      config: publicAccess,
      schema: {
        operationId: 'issueMunicipalityAccessToken',
        tags,
        // The client authenticates itself here (Basic or form fields, RFC 6749 §2.3.1), so no token is needed.
        security: [],
        summary: 'Get an access token (OAuth 2 client credentials)',
        description:
          'RFC 6749 §4.4. Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the form body; a ' +
          "municipality's administrator creates clients on /kommune/api-klienter. The answer is a bearer token for the other " +
          '/api/municipality/v1/ operations, valid for expires_in seconds. Errors follow RFC 6749 §5.2, not problem+json.',
        consumes: ['application/x-www-form-urlencoded'],
        body: tokenRequestSchema,
        response: { 200: tokenResponseSchema, 400: tokenErrorSchema, 401: tokenErrorSchema, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      const basic = basicCredentials(request.headers.authorization);
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        return reply.send(
          await issueMunicipalityAccessToken(db, {
            grantType: request.body.grant_type,
            clientId: basic?.clientId ?? request.body.client_id,
            clientSecret: basic?.clientSecret ?? request.body.client_secret,
          }),
        );
      } catch (error) {
        if (!(error instanceof MunicipalityTokenError)) throw error;
        if (error.error === 'invalid_client') reply.code(401).header('www-authenticate', 'Basic realm="jobunivers-municipality-api"');
        else reply.code(400);
        return reply.send({ error: error.error, error_description: error.description });
      }
    },
  );

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
