import { z } from 'zod';
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { issueAccessToken, TokenError } from './vendors.credentials.ts';

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
  .meta({ id: 'AccessToken' });

/** RFC 6749 §5.2's error answer, not problem+json: OAuth client libraries read this form. */
const tokenErrorSchema = z
  .object({ error: z.enum(['invalid_request', 'invalid_client', 'unsupported_grant_type']), error_description: z.string() })
  .meta({ id: 'OAuthError' });

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

/** The vendor API's token endpoint (the page where administrators manage the API clients is in vendors.pages.ts). */
export const vendorApiRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/api/vendor/v1/token',
    {
      config: publicAccess,
      schema: {
        operationId: 'issueAccessToken',
        tags: ['Vendor API'],
        // The client authenticates itself here (Basic or form fields, RFC 6749 §2.3.1), so no token is needed.
        security: [],
        summary: 'Get an access token (OAuth 2 client credentials)',
        description:
          'RFC 6749 §4.4. Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the form body. ' +
          'The answer is a bearer token for the other /api/vendor/v1/ operations, valid for expires_in seconds. ' +
          'Errors follow RFC 6749 §5.2 ({"error": ..., "error_description": ...}), not problem+json, so OAuth libraries understand them.',
        consumes: ['application/x-www-form-urlencoded'],
        body: tokenRequestSchema,
        response: { 200: tokenResponseSchema, 400: tokenErrorSchema, 401: tokenErrorSchema, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      const basic = basicCredentials(request.headers.authorization);
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        const token = await issueAccessToken(db, {
          grantType: request.body.grant_type,
          clientId: basic?.clientId ?? request.body.client_id,
          clientSecret: basic?.clientSecret ?? request.body.client_secret,
        });
        return reply.send(token);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        if (error.error === 'invalid_client') reply.code(401).header('www-authenticate', 'Basic realm="jobunivers-vendor-api"');
        else reply.code(400);
        return reply.send({ error: error.error, error_description: error.description });
      }
    },
  );
};
