// The vendor API for listings (/api/vendor/v1/listings): the same service as the portal's pages, for a
// company's own systems. Authenticated with a bearer token from the OAuth 2 client credentials grant.
import { z } from 'zod';
import { principalOf } from '../../platform/http/access.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { isMessageKey, isOneOf, translate, type Locale } from '../../platform/i18n/index.ts';
import { checkCodes } from './listings.checks.ts';
import { listingStatuses } from '../../platform/db/schema.ts';
import type { CheckRow, TransitionRow, VersionDetail } from './listings.repository.ts';
import { listingDraftSchema } from './listings.schemas.ts';
import {
  createListing,
  getVendorListing,
  listVendorListings,
  saveListingDraft,
  startNextVersion,
  submitListing,
  type ListingView,
} from './listings.service.ts';

const apiClient = { access: { roles: ['vendor_api'], level: 'Substantial' } } as const;
const tags = ['Vendor API'];
const security = [{ vendorApiToken: [] }];
const listingParams = z.object({ listingId: z.uuid() });
const status = z.enum(listingStatuses);

const versionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status,
  nameDa: z.string().nullable(),
  nameEn: z.string().nullable(),
  summaryDa: z.string().nullable(),
  summaryEn: z.string().nullable(),
  descriptionDa: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  journeyStage: z.string().nullable(),
  categories: z.array(z.string()),
  targetGroups: z.array(z.string()),
  languages: z.array(z.string()),
  channels: z.array(z.string()),
  priceModel: z.string().nullable(),
  requiredNsisLevel: z.string().nullable(),
  serviceUrl: z.string().nullable(),
  accessibilityStatementUrl: z.string().nullable(),
  redirectUris: z.array(z.string()),
  clientAuthMethod: z.string().nullable(),
  jwksUri: z.string().nullable(),
  initiateLoginUri: z.string().nullable(),
  backchannelLogoutUri: z.string().nullable(),
  deletionUri: z.string().nullable(),
  worksWithoutData: z.boolean(),
  dataCategories: z.array(
    z.object({ category: z.string(), purposeDa: z.string().nullable(), purposeEn: z.string().nullable(), legalBasis: z.string().nullable() }),
  ),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
const checkSchema = z.object({ code: z.string(), outcome: z.enum(['passed', 'failed', 'skipped']), message: z.string(), fix: z.string().nullable() });
const listingSchema = z.object({
  id: z.uuid(),
  delisted: z.boolean(),
  live: versionSchema.nullable().describe('The version the national catalogue shows.'),
  open: versionSchema.nullable().describe('The version being written or reviewed.'),
  checks: z.array(checkSchema).describe('Results of the latest submission.'),
  history: z.array(
    z.object({
      version: z.number().int(),
      from: status.nullable(),
      to: status,
      actor: z.string(),
      actorRole: z.string(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
const summarySchema = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  latestVersion: z.number().int(),
  latestStatus: status,
  liveVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});

function versionJson(v: VersionDetail | undefined): z.infer<typeof versionSchema> | null {
  if (!v) return null;
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    nameDa: v.name_da,
    nameEn: v.name_en,
    summaryDa: v.summary_da,
    summaryEn: v.summary_en,
    descriptionDa: v.description_da,
    descriptionEn: v.description_en,
    journeyStage: v.journey_stage,
    categories: v.categories,
    targetGroups: v.target_groups,
    languages: v.languages,
    channels: v.channels,
    priceModel: v.price_model,
    requiredNsisLevel: v.required_nsis_level,
    serviceUrl: v.service_url,
    accessibilityStatementUrl: v.accessibility_statement_url,
    redirectUris: v.redirect_uris,
    clientAuthMethod: v.client_auth_method,
    jwksUri: v.jwks_uri,
    initiateLoginUri: v.initiate_login_uri,
    backchannelLogoutUri: v.backchannel_logout_uri,
    deletionUri: v.deletion_uri,
    worksWithoutData: v.works_without_data,
    dataCategories: v.data_categories.map((d) => ({ category: d.category, purposeDa: d.purpose_da, purposeEn: d.purpose_en, legalBasis: d.legal_basis })),
    submittedAt: v.submitted_at?.toISOString() ?? null,
    decidedAt: v.decided_at?.toISOString() ?? null,
    updatedAt: v.updated_at.toISOString(),
  };
}

export function checkJson(locale: Locale, check: Pick<CheckRow, 'code' | 'outcome' | 'message_key' | 'params'>): z.infer<typeof checkSchema> {
  return {
    code: check.code,
    outcome: check.outcome,
    message: isMessageKey(check.message_key) ? translate(locale, check.message_key, check.params) : check.message_key,
    fix: check.outcome === 'failed' ? (isOneOf(checkCodes, check.code) ? translate(locale, `check.${check.code}.fix`) : check.code) : null,
  };
}

function historyJson(t: TransitionRow) {
  return { version: t.version, from: t.from_status, to: t.to_status, actor: t.actor_name, actorRole: t.actor_role, reason: t.reason, at: t.at.toISOString() };
}

function listingJson(locale: Locale, view: ListingView): z.infer<typeof listingSchema> {
  return {
    id: view.listingId,
    delisted: view.delisted,
    live: versionJson(view.live),
    open: versionJson(view.open),
    checks: view.checks.map((c) => checkJson(locale, c)),
    history: view.transitions.map(historyJson),
  };
}

/** The vendor API's listing operations. */
export const listingApiRoutes: RouteModule = (app, { db, config }) => {
  app.get(
    '/api/vendor/v1/listings',
    {
      config: apiClient,
      schema: {
        operationId: 'listListings',
        tags,
        security,
        summary: "The company's listings",
        response: { 200: z.object({ items: z.array(summarySchema) }), ...problemResponses(401, 403, 409, 429) },
      },
    },
    async (request) => {
      const { listings } = await listVendorListings(db, principalOf(request));
      return {
        items: listings.map((l) => ({
          id: l.listing_id,
          name: l.latest_name,
          latestVersion: l.latest_version,
          latestStatus: l.latest_status,
          liveVersion: l.live_version,
          updatedAt: l.updated_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/vendor/v1/listings',
    {
      config: apiClient,
      schema: {
        operationId: 'createListing',
        tags,
        security,
        summary: 'Create a listing (its version 1, as a draft)',
        description:
          'A draft may be incomplete; what is given must be well-formed. Codes come from the reference taxonomies (journey stages, categories, target groups, languages, data categories).',
        body: listingDraftSchema(),
        response: { 201: listingSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      const { id } = await createListing(db, actor, request.body);
      reply.code(201).header('location', `/api/vendor/v1/listings/${id}`);
      return listingJson(request.locale, await getVendorListing(db, actor, id));
    },
  );

  app.get(
    '/api/vendor/v1/listings/:listingId',
    {
      config: apiClient,
      schema: {
        operationId: 'getListing',
        tags,
        security,
        summary: 'A listing with its live and open versions, check results and history',
        params: listingParams,
        response: { 200: listingSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => listingJson(request.locale, await getVendorListing(db, principalOf(request), request.params.listingId)),
  );

  app.put(
    '/api/vendor/v1/listings/:listingId/draft',
    {
      config: apiClient,
      schema: {
        operationId: 'replaceListingDraft',
        tags,
        security,
        summary: 'Replace the content of the open version',
        description: 'Only while the open version is a draft, failed its checks, or has changes requested (409 otherwise).',
        params: listingParams,
        body: listingDraftSchema(),
        response: { 200: listingSchema, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const actor = principalOf(request);
      await saveListingDraft(db, actor, request.params.listingId, request.body);
      return listingJson(request.locale, await getVendorListing(db, actor, request.params.listingId));
    },
  );

  app.post(
    '/api/vendor/v1/listings/:listingId/submit',
    {
      config: apiClient,
      schema: {
        operationId: 'submitListing',
        tags,
        security,
        summary: 'Submit the open version: automated checks, then review',
        description: 'Answers with the outcome at once: in_review (governance reviews it next) or checks_failed (each failed check says how to fix it).',
        params: listingParams,
        response: {
          200: z.object({ status: z.enum(['in_review', 'checks_failed']), checks: z.array(checkSchema) }),
          ...problemResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request) => {
      const outcome = await submitListing(db, config, principalOf(request), request.params.listingId);
      return { status: outcome.status, checks: outcome.checks.map((c) => checkJson(request.locale, c)) };
    },
  );

  app.post(
    '/api/vendor/v1/listings/:listingId/versions',
    {
      config: apiClient,
      schema: {
        operationId: 'startListingVersion',
        tags,
        security,
        summary: 'Start the next version as a copy of the newest one',
        description: 'The live version stays in the catalogue while the new one is written and reviewed.',
        params: listingParams,
        response: { 201: listingSchema, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      await startNextVersion(db, actor, request.params.listingId);
      reply.code(201);
      return listingJson(request.locale, await getVendorListing(db, actor, request.params.listingId));
    },
  );
};
