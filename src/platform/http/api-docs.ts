import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publicAccess } from './access.ts';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { RouteModule } from './app.ts';
import { pageContext, sendPage } from './page-context.ts';
import { html } from '../views/html.ts';
import { renderPage, type PageContext } from '../views/layout.ts';

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

const schemaRef = '#/components/schemas/';

/**
 * The document with only the component schemas its operations reference (directly or through other components):
 * zod's registry holds an input and an output variant of every schema with an id, and an unused one is noise.
 */
export function keepReferencedSchemas<D extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(document: D): D {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(schemaRef)) {
        const name = decodeURIComponent(child.slice(schemaRef.length)).replaceAll('~1', '/').replaceAll('~0', '~');
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  visit(document.paths);
  return { ...document, components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) } };
}

const swaggerUiDir = fileURLToPath(new URL('../../../node_modules/swagger-ui-dist/', import.meta.url));

/** Swagger UI's browser bundle and stylesheet, served by the app itself (no CDN), under /api/docs/assets/. */
const swaggerUiAssets = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

/**
 * The OpenAPI 3.1 document at /api/openapi.json, and at /api/docs the API reference: Swagger UI from the
 * swagger-ui-dist package, started by a script file (/static/api-docs.js; the CSP allows no inline script) over a
 * server-rendered list of the operations, which is what a reader without JavaScript gets.
 */
export const apiDocsRoutes: RouteModule = (app) => {
  app.get('/api/openapi.json', { config: publicAccess, schema: { hide: true } }, () => app.swagger());

  for (const [name, type] of Object.entries(swaggerUiAssets)) {
    // Read on first use, then kept: the bundle is large and only the docs page needs it.
    let body: Buffer | undefined;
    app.get(`/api/docs/assets/${name}`, { config: publicAccess, schema: { hide: true } }, async (_request, reply) => {
      body ??= readFileSync(`${swaggerUiDir}${name}`);
      return reply.type(type).header('cache-control', 'public, max-age=86400').send(body);
    });
  }

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
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/static/api-docs.css">
<div id="api-reference" class="api-reference" data-openapi-url="/api/openapi.json">
<h2>${t('api.docs.reference')}</h2>
${operations.map(({ path, method, op }) => {
  const parameters = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  return html`<section class="mt-7">
  <h2 class="h3"><code>${method.toUpperCase()} ${path}</code></h2>
  ${op.summary ? html`<p><strong>${op.summary}</strong></p>` : ''}
  ${op.description ? html`<p>${op.description}</p>` : ''}
  ${
    parameters.length > 0
      ? html`<table class="table table--compact"><caption>${t('api.docs.parameters')}</caption>
<thead><tr><th scope="col">${t('api.docs.name')}</th><th scope="col">${t('api.docs.in')}</th><th scope="col">${t('api.docs.required')}</th><th scope="col">${t('api.docs.description')}</th></tr></thead>
<tbody>${parameters.map(
          (p) =>
            html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? t('api.docs.yes') : t('api.docs.no')}</td><td>${p.description ?? ''}</td></tr>`,
        )}</tbody></table>`
      : ''
  }
  <p>${t('api.docs.responses')}: ${Object.keys(op.responses ?? {}).join(', ')}</p>
</section>`;
})}
</div>
<script src="/api/docs/assets/swagger-ui-bundle.js" defer></script>
<script src="/static/api-docs.js" defer></script>`,
  });
}
