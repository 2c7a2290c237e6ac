import { publicAccess } from './access.ts';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { RouteModule } from './app.ts';
import { pageContext, sendPage } from './page-context.ts';
import { html } from '../views/html.ts';
import { renderPage, type PageContext } from '../views/layout.ts';

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The OpenAPI 3.1 document at /api/openapi.json and a readable, script-free rendering of it at /api/docs. */
export const apiDocsRoutes: RouteModule = (app) => {
  app.get('/api/openapi.json', { config: publicAccess, schema: { hide: true } }, () => app.swagger());

  app.get('/api/docs', { config: publicAccess, schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, renderDocs(ctx, app.swagger() as OpenAPIV3_1.Document));
  });
};

function renderDocs(ctx: PageContext, doc: OpenAPIV3_1.Document) {
  const { t } = ctx;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const op = item?.[method];
      return op ? [{ path, method, op }] : [];
    }),
  );
  return renderPage(ctx, {
    title: t('api.docs.title'),
    body: html`<h1>${t('api.docs.title')}</h1>
<p class="font-lead">${t('api.docs.lead')}</p>
<p><a href="/api/openapi.json">${t('api.docs.download')}</a></p>
<h2>${t('api.docs.conventions')}</h2>
<p>${t('api.docs.pagination')}</p>
${operations.map(({ path, method, op }) => {
  const parameters = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  return html`<section class="mt-7">
  <h2 class="h3"><code>${method.toUpperCase()} ${path}</code></h2>
  ${op.summary ? html`<p><strong>${op.summary}</strong></p>` : ''}
  ${op.description ? html`<p>${op.description}</p>` : ''}
  ${parameters.length > 0
    ? html`<table class="table table--compact"><caption>${t('api.docs.parameters')}</caption>
<thead><tr><th scope="col">${t('api.docs.name')}</th><th scope="col">${t('api.docs.in')}</th><th scope="col">${t('api.docs.required')}</th><th scope="col">${t('api.docs.description')}</th></tr></thead>
<tbody>${parameters.map(
        (p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? t('api.docs.yes') : t('api.docs.no')}</td><td>${p.description ?? ''}</td></tr>`,
      )}</tbody></table>`
    : ''}
  <p>${t('api.docs.responses')}: ${Object.keys(op.responses ?? {}).join(', ')}</p>
</section>`;
})}`,
  });
}
