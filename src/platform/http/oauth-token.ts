// An OAuth 2 client-credentials token endpoint (RFC 6749 §4.4) for a module's machine API: the form it reads, the
// answers it gives and the client authentication from HTTP Basic; the module passes the function that issues a token.
import { z } from 'zod';
import { TokenError, type IssuedToken, type TokenRequest } from '../auth/client-credentials.ts';
import { publicAccess } from './access.ts';
import type { TypedApp } from './app.ts';
import { problemResponses } from './problem.ts';

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

/** What differs between two token endpoints: where it is, how it is documented, and who issues the token. */
export type TokenEndpoint = {
  url: string;
  operationId: string;
  tags: string[];
  description: string;
  /** The Basic realm named in WWW-Authenticate when the client is refused. */
  realm: string;
  /** Issues a token or throws TokenError. */
  issue: (request: TokenRequest) => Promise<IssuedToken>;
};

/** Registers a public POST token endpoint: the token as RFC 6749 §5.1, a refusal as §5.2 (401 with a Basic challenge for a bad client). */
export function registerTokenEndpoint(app: TypedApp, endpoint: TokenEndpoint): void {
  app.post(
    endpoint.url,
    {
      config: publicAccess,
      schema: {
        operationId: endpoint.operationId,
        tags: endpoint.tags,
        // The client authenticates itself here (Basic or form fields, RFC 6749 §2.3.1), so no token is needed.
        security: [],
        summary: 'Get an access token (OAuth 2 client credentials)',
        description: endpoint.description,
        consumes: ['application/x-www-form-urlencoded'],
        body: tokenRequestSchema,
        response: { 200: tokenResponseSchema, 400: tokenErrorSchema, 401: tokenErrorSchema, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      const basic = basicCredentials(request.headers.authorization);
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        const token = await endpoint.issue({
          grantType: request.body.grant_type,
          clientId: basic?.clientId ?? request.body.client_id,
          clientSecret: basic?.clientSecret ?? request.body.client_secret,
        });
        return reply.send(token);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        if (error.error === 'invalid_client') reply.code(401).header('www-authenticate', `Basic realm="${endpoint.realm}"`);
        else reply.code(400);
        return reply.send({ error: error.error, error_description: error.description });
      }
    },
  );
}
