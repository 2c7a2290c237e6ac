// The composition of the platform: which modules contribute routes, demo data and background jobs.
// main.ts, the CLI and the tests all build from these lists, so they never drift apart.
import { apiDocsRoutes } from './platform/http/api-docs.ts';
import type { RouteModule } from './platform/http/app.ts';
import type { ChangeBus } from './platform/changes.ts';
import type { Db } from './platform/db/database.ts';
import { healthRoutes } from './platform/http/health.ts';
import type { JobDefinition } from './platform/jobs/runner.ts';
import type { SeedPart } from './platform/seed.ts';
import { municipalitiesSeed, municipalityPages, municipalityRoutes } from './modules/municipalities/index.ts';
import { pruneOpsLogJob } from './modules/operations/index.ts';
import { sitePages } from './modules/site/index.ts';
import { principalForAccessToken, pruneApiTokensJob, vendorApiRoutes, vendorPages, vendorsSeed } from './modules/vendors/index.ts';
import { cataloguePages, catalogueSeed } from './modules/catalogue/index.ts';
import { declarationApiRoutes, declarationPages, frameworkPages, frameworksSeed } from './modules/frameworks/index.ts';
import { catalogueFeedRoutes, governanceNav, listingApiRoutes, listingPages, listingReviewPages, listingsSeed } from './modules/listings/index.ts';
import { curationPages, curationSeed, workspaceHeaderFor } from './modules/curation/index.ts';
import { organisationPages, organisationsSeed } from './modules/organisations/index.ts';
import {
  createSessionReader,
  identityPages,
  identityRoutes,
  pruneAccessLogJob,
  pruneSessionsJob,
  testIdpRoutes,
  type IdentityDeps,
  identitySeed,
} from './modules/identity/index.ts';
import { caseworkerPages, journeyPages, journeySeed } from './modules/journey/index.ts';
import { marketplacePages, marketplaceSeed, moderationPages } from './modules/marketplace/index.ts';
import { consentApiRoutes, consentPages, sendDeletionRequestJob, sweepDeletionRequestsJob } from './modules/consent/index.ts';
import { createVendorServiceReader, pruneOidcModelsJob, ssoPages } from './modules/sso/index.ts';
import { contactPages, simulatorRoutes, vendorDataApiRoutes, vendorDataSeed } from './modules/vendor-data/index.ts';
import { platformHeaderPages, platformHeaderRoutes } from './modules/platform-header/index.ts';
import { referenceVendorSeed } from './modules/reference-vendor/index.ts';
import { responsibilityJob, responsibilityPages } from './modules/responsibility/index.ts';
import { actorOfferPages, actorOffersSeed } from './modules/actor-offers/index.ts';
import { eventApiRoutes, eventPages, pruneEventRejectionsJob } from './modules/events/index.ts';
import { timelinePages } from './modules/timeline/index.ts';
import { dashboardPages, refreshStatisticsJob, statisticsApiRoutes, statisticsPages } from './modules/statistics/index.ts';
import { forwardRegistrationJob, joblogPages, sweepJoblogJob } from './modules/joblog/index.ts';
import {
  deliverWebhooksJob,
  MUNICIPALITY_TOKEN_PREFIX,
  municipalityApiClientPages,
  municipalityApiRoutes,
  principalForMunicipalityToken,
  pruneMunicipalityApiTokensJob,
  webhookApiRoutes,
  webhookPages,
} from './modules/webhooks/index.ts';
import type pg from 'pg';
import { meetingPages, meetingRemindersJob } from './modules/meetings/index.ts';
import type { SessionReader } from './platform/http/access.ts';
import { demoHistorySeed } from './demo/demo-history.seed.ts';
import { devMailPages } from './modules/dev-mail/index.ts';
import { deliverNotificationsJob, devSmsPages, notificationApiRoutes, notificationPages } from './modules/notifications/index.ts';
import { knowledgePages, knowledgeSeed } from './modules/knowledge/index.ts';
import { messagePages } from './modules/messages/index.ts';
import {
  expireJobAdsJob,
  ingestJobAdsJob,
  jobAgentApiRoutes,
  jobAgentDigestJob,
  jobAgentPages,
  jobAgentsJob,
  jobApiRoutes,
  jobFeedSimulatorRoutes,
  jobPages,
  jobSuggestionPages,
} from './modules/jobs/index.ts';

export const routeModules: RouteModule[] = [
  healthRoutes,
  apiDocsRoutes,
  sitePages,
  municipalityPages,
  municipalityRoutes,
  identityPages,
  identityRoutes,
  testIdpRoutes,
  // Development only, like the test IdP: the mails the local SMTP catcher took in (never in production).
  devMailPages,
  // Development only too: the texts the SMS simulator kept (never in production).
  devSmsPages,
  vendorPages,
  vendorApiRoutes,
  declarationPages,
  declarationApiRoutes,
  frameworkPages,
  cataloguePages,
  listingPages,
  listingReviewPages,
  listingApiRoutes,
  catalogueFeedRoutes,
  curationPages,
  // Governance's and the municipal workspace's navigation come from the modules that own those areas.
  organisationPages({
    governanceNav: (ctx) => governanceNav(ctx, 'akasser'),
    workspaceHeader: (db, ctx, actor) => workspaceHeaderFor(db, ctx, actor, 'actors'),
  }),
  journeyPages,
  caseworkerPages,
  marketplacePages,
  moderationPages,
  consentPages,
  consentApiRoutes,
  ssoPages,
  vendorDataApiRoutes,
  simulatorRoutes,
  jobFeedSimulatorRoutes,
  contactPages,
  platformHeaderRoutes,
  platformHeaderPages,
  responsibilityPages,
  actorOfferPages,
  eventApiRoutes,
  eventPages,
  timelinePages,
  joblogPages,
  statisticsPages,
  dashboardPages,
  statisticsApiRoutes,
  webhookApiRoutes,
  webhookPages({
    governanceNav: (ctx) => governanceNav(ctx, 'webhooks'),
    workspaceHeader: (db, ctx, actor) => workspaceHeaderFor(db, ctx, actor, 'webhooks'),
  }),
  municipalityApiRoutes,
  municipalityApiClientPages({ workspaceHeader: (db, ctx, actor) => workspaceHeaderFor(db, ctx, actor, 'webhooks') }),
  jobPages,
  jobApiRoutes,
  jobAgentPages,
  jobAgentApiRoutes,
  jobSuggestionPages,
  notificationPages,
  notificationApiRoutes,
  messagePages,
  // The knowledge base's staff pages join governance's area and the municipal workspace, whose navigation is handed over.
  knowledgePages({
    governanceNav: (ctx) => governanceNav(ctx, 'knowledge'),
    workspaceHeader: (db, ctx, actor) => workspaceHeaderFor(db, ctx, actor, 'knowledge'),
  }),
  meetingPages,
];

/** Demo world, in dependency order: each later module adds its part after the parts it builds on. */
export const seedParts: SeedPart[] = [
  municipalitiesSeed,
  organisationsSeed,
  identitySeed,
  vendorsSeed,
  frameworksSeed,
  catalogueSeed,
  listingsSeed,
  curationSeed,
  actorOffersSeed,
  marketplaceSeed,
  journeySeed,
  vendorDataSeed,
  referenceVendorSeed,
  knowledgeSeed,
  // Last: a year of synthetic activity for the demo municipalities, when the configuration allows it.
  demoHistorySeed,
];

export const jobDefinitions = [
  pruneOpsLogJob,
  pruneSessionsJob,
  pruneAccessLogJob,
  pruneApiTokensJob,
  pruneOidcModelsJob,
  sendDeletionRequestJob,
  sweepDeletionRequestsJob,
  responsibilityJob,
  pruneEventRejectionsJob,
  forwardRegistrationJob,
  sweepJoblogJob,
  deliverWebhooksJob,
  pruneMunicipalityApiTokensJob,
  refreshStatisticsJob,
  ingestJobAdsJob,
  expireJobAdsJob,
  jobAgentsJob,
  jobAgentDigestJob,
  deliverNotificationsJob,
  meetingRemindersJob,
] as JobDefinition<never>[];

/** Who is behind a request: a browser session (identity), or a vendor's (vendors) or a municipality's (webhooks) API client's bearer token. */
export function createSessionReaders(deps: IdentityDeps & { pool?: pg.Pool; stateDb?: Db | undefined; changes: ChangeBus }): SessionReader {
  const sessions = createSessionReader(deps);
  const services = createVendorServiceReader({ ...deps, stateDb: deps.stateDb ?? deps.db });
  return {
    ...sessions,
    bearer: (token) => (token.startsWith(MUNICIPALITY_TOKEN_PREFIX) ? principalForMunicipalityToken(deps.db, token) : principalForAccessToken(deps.db, token)),
    dpop: services.dpop,
    // Both keep caches that follow the app's change bus while the app runs.
    start: async () => {
      await sessions.start?.();
      await services.start();
    },
    stop: async () => {
      await services.stop();
      await sessions.stop?.();
    },
  };
}
