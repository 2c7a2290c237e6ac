// The documentation page for vendors' developers: what the platform header is, a live example, the snippet to copy,
// its attributes, the page's Content-Security-Policy and how it works without JavaScript.
import { publicAccess } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { renderDocumentation } from './platform-header.views.ts';

/** /platform-header: public documentation with a live example. */
export const platformHeaderPages: RouteModule = (app, { config }) => {
  app.get('/platform-header', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply, 'virk');
    return sendPage(reply, renderDocumentation(ctx, config.baseUrl));
  });
};
