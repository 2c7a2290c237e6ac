import type { RouteModule } from '../../platform/http/app.ts';
import { registerTokenEndpoint } from '../../platform/http/oauth-token.ts';
import { issueAccessToken } from './vendors.credentials.ts';

/** The vendor API's token endpoint (the page where administrators manage the API clients is in vendors.pages.ts). */
export const vendorApiRoutes: RouteModule = (app, { db }) => {
  registerTokenEndpoint(app, {
    url: '/api/vendor/v1/token',
    operationId: 'issueAccessToken',
    tags: ['Vendor API'],
    description:
      'RFC 6749 §4.4. Authenticate with HTTP Basic (client_id:client_secret) or client_id and client_secret in the form body. ' +
      'The answer is a bearer token for the other /api/vendor/v1/ operations, valid for expires_in seconds. ' +
      'Errors follow RFC 6749 §5.2 ({"error": ..., "error_description": ...}), not problem+json, so OAuth libraries understand them.',
    realm: 'jobunivers-vendor-api',
    issue: (request) => issueAccessToken(db, request),
  });
};
