// The platform header's script for vendors' pages: public, long-cached (the URL is versioned), readable from any
// origin, and never with a cookie — a vendor's page must be able to load it without the platform learning anything.
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { buildHeaderScript, HEADER_SCRIPT_PATH } from './platform-header.asset.ts';

/** Headers of the script: a year's immutable caching, CORS and CORP for any origin, no referrer needed. */
export const headerScriptHeaders = {
  'cache-control': 'public, max-age=31536000, immutable',
  'access-control-allow-origin': '*',
  // helmet's default (same-origin) would stop other origins' pages from loading the script.
  'cross-origin-resource-policy': 'cross-origin',
  'content-type': 'text/javascript; charset=utf-8',
} as const;

/** GET /platform-header/v1/jobunivers-header.js (with ETag and 304 for If-None-Match). */
export const platformHeaderRoutes: RouteModule = (app) => {
  const script = buildHeaderScript();
  app.get(HEADER_SCRIPT_PATH, { config: publicAccess, schema: { hide: true } }, async (request, reply) => {
    reply.headers({ ...headerScriptHeaders, etag: script.etag });
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === script.etag)) return reply.code(304).send();
    return reply.send(script.body);
  });
};
