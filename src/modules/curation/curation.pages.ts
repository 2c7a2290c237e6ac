// The workspace's catalogue: the national catalogue's live listings with the municipality's choices; enable and
// disable listings; per listing, recommend it to a target group (at a journey stage) with a local note.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { pageContext, sendPage } from '../../platform/http/page-context.ts';
import { getBranding } from './branding.service.ts';
import { workspaceAccess } from './curation.access.ts';
import { enablementForm, listingParams, listQuery, workspaceCatalogueQuery } from './curation.schemas.ts';
import {
  browseCatalogue,
  disableListing,
  enableListing,
  getCurationTaxonomies,
  getListingCuration,
  recommendListing,
  removeRecommendation,
  workspaceMunicipality,
} from './curation.service.ts';
import {
  CATALOGUE,
  catalogueUrl,
  listingPath,
  placedErrors,
  renderCatalogue,
  renderListing,
  textValues,
  workspaceHeader,
  type RecommendationForm,
} from './curation.views.ts';
import { listLicencesOfListing } from './licences.service.ts';

const listingNotices = ['valgt', 'fravalgt', 'anbefalet', 'fjernet'] as const;

/** The workspace's catalogue pages and their actions. */
export const catalogueCurationPages: RouteModule = (app, { db, changes }) => {
  app.get(CATALOGUE, { config: workspaceAccess, schema: { querystring: workspaceCatalogueQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = principalOf(request);
    // Before any query starts: its refusal (staff of no municipality) must not leave a started promise unhandled.
    const municipality = workspaceMunicipality(actor);
    const [view, taxonomies, branding] = await Promise.all([
      browseCatalogue(db, actor, request.query),
      getCurationTaxonomies(db),
      getBranding(db, municipality),
    ]);
    return sendPage(reply, renderCatalogue(ctx, workspaceHeader(ctx, branding, 'catalogue'), view, taxonomies, request.query));
  });

  app.post(`${CATALOGUE}/:listingId/vaelg`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    await enableListing(db, principalOf(request), request.params.listingId, changes);
    return reply.redirect(backTo(request.body, request.params.listingId, 'valgt'), 303);
  });

  app.post(`${CATALOGUE}/:listingId/fravaelg`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    await disableListing(db, principalOf(request), request.params.listingId, changes);
    return reply.redirect(backTo(request.body, request.params.listingId, 'fravalgt'), 303);
  });

  app.get(`${CATALOGUE}/:listingId`, { config: workspaceAccess, schema: { params: listingParams, querystring: listQuery } }, async (request, reply) => {
    const notice = listingNotices.find((n) => n === request.query.besked);
    return showListing(db, request, reply, request.params.listingId, { notice });
  });

  app.post(`${CATALOGUE}/:listingId/anbefalinger`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    const { listingId } = request.params;
    return submitForm(reply, request.body, {
      run: async () => {
        await recommendListing(db, principalOf(request), listingId, request.body, changes);
        return `${listingPath(listingId)}?besked=anbefalet`;
      },
      showAgain: ({ error }) =>
        showListing(db, request, reply, listingId, { form: { values: textValues(request.body), errors: placedErrors(error.fields, request.locale) } }, 400),
    });
  });

  app.post(`${CATALOGUE}/:listingId/anbefalinger/fjern`, { config: workspaceAccess, schema: { params: listingParams } }, async (request, reply) => {
    await removeRecommendation(db, principalOf(request), request.params.listingId, request.body, changes);
    return reply.redirect(`${listingPath(request.params.listingId)}?besked=fjernet`, 303);
  });
};

/** Where an enable/disable answer goes: back to the list page it came from, or to the listing's page. */
function backTo(body: unknown, listingId: string, notice: string): string {
  const from = enablementForm.parse(typeof body === 'object' && body !== null ? body : {});
  return from.fra === 'ydelse' ? `${listingPath(listingId)}?besked=${notice}` : catalogueUrl(from, { besked: notice });
}

async function showListing(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  listingId: string,
  state: { notice?: string | undefined; form?: RecommendationForm },
  status = 200,
): Promise<FastifyReply> {
  const ctx = pageContext(request, reply);
  const actor: Principal = principalOf(request);
  // Before any query starts: its refusal (staff of no municipality) must not leave a started promise unhandled.
  const municipality = workspaceMunicipality(actor);
  const [curation, taxonomies, branding, licences] = await Promise.all([
    getListingCuration(db, actor, listingId),
    getCurationTaxonomies(db),
    getBranding(db, municipality),
    listLicencesOfListing(db, actor, listingId),
  ]);
  return sendPage(reply, renderListing(ctx, workspaceHeader(ctx, branding, 'catalogue'), { curation, taxonomies, licences, ...state }), status);
}
