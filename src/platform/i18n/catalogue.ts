// One catalogue per language, composed from the messages of each module (src/modules/<m>/<m>.messages.ts) and the
// platform's own (platform.messages.ts). Danish is the source; every English part has exactly its Danish part's keys.
// This is the one platform file that imports module files other than their index.ts (see eslint.config.js).
import { platformDa, platformEn } from './platform.messages.ts';
import { actorOffersDa, actorOffersEn } from '../../modules/actor-offers/actor-offers.messages.ts';
import { catalogueDa, catalogueEn } from '../../modules/catalogue/catalogue.messages.ts';
import { consentDa, consentEn } from '../../modules/consent/consent.messages.ts';
import { curationDa, curationEn } from '../../modules/curation/curation.messages.ts';
import { devMailDa, devMailEn } from '../../modules/dev-mail/dev-mail.messages.ts';
import { notificationsDa, notificationsEn } from '../../modules/notifications/notifications.messages.ts';
import { meetingsDa, meetingsEn } from '../../modules/meetings/meetings.messages.ts';
import { eventsDa, eventsEn } from '../../modules/events/events.messages.ts';
import { frameworksDa, frameworksEn } from '../../modules/frameworks/frameworks.messages.ts';
import { identityDa, identityEn } from '../../modules/identity/identity.messages.ts';
import { journeyDa, journeyEn } from '../../modules/journey/journey.messages.ts';
import { joblogDa, joblogEn } from '../../modules/joblog/joblog.messages.ts';
import { timelineDa, timelineEn } from '../../modules/timeline/timeline.messages.ts';
import { statisticsDa, statisticsEn } from '../../modules/statistics/statistics.messages.ts';
import { listingsDa, listingsEn } from '../../modules/listings/listings.messages.ts';
import { marketplaceDa, marketplaceEn } from '../../modules/marketplace/marketplace.messages.ts';
import { municipalitiesDa, municipalitiesEn } from '../../modules/municipalities/municipalities.messages.ts';
import { organisationsDa, organisationsEn } from '../../modules/organisations/organisations.messages.ts';
import { platformHeaderDa, platformHeaderEn } from '../../modules/platform-header/platform-header.messages.ts';
import { responsibilityDa, responsibilityEn } from '../../modules/responsibility/responsibility.messages.ts';
import { siteDa, siteEn } from '../../modules/site/site.messages.ts';
import { ssoDa, ssoEn } from '../../modules/sso/sso.messages.ts';
import { vendorDataDa, vendorDataEn } from '../../modules/vendor-data/vendor-data.messages.ts';
import { vendorsDa, vendorsEn } from '../../modules/vendors/vendors.messages.ts';
import { webhooksDa, webhooksEn } from '../../modules/webhooks/webhooks.messages.ts';
import { jobsDa, jobsEn } from '../../modules/jobs/jobs.messages.ts';
import { knowledgeDa, knowledgeEn } from '../../modules/knowledge/knowledge.messages.ts';
import { messagesDa, messagesEn } from '../../modules/messages/messages.messages.ts';
import type { Assert, DisjointKeys } from './types.ts';

/** Each part's messages by owner; the i18n test names the owners of a key defined twice from this. */
export const messageParts = {
  platform: { da: platformDa, en: platformEn },
  catalogue: { da: catalogueDa, en: catalogueEn },
  consent: { da: consentDa, en: consentEn },
  curation: { da: curationDa, en: curationEn },
  events: { da: eventsDa, en: eventsEn },
  frameworks: { da: frameworksDa, en: frameworksEn },
  identity: { da: identityDa, en: identityEn },
  journey: { da: journeyDa, en: journeyEn },
  joblog: { da: joblogDa, en: joblogEn },
  timeline: { da: timelineDa, en: timelineEn },
  statistics: { da: statisticsDa, en: statisticsEn },
  listings: { da: listingsDa, en: listingsEn },
  marketplace: { da: marketplaceDa, en: marketplaceEn },
  municipalities: { da: municipalitiesDa, en: municipalitiesEn },
  organisations: { da: organisationsDa, en: organisationsEn },
  'platform-header': { da: platformHeaderDa, en: platformHeaderEn },
  responsibility: { da: responsibilityDa, en: responsibilityEn },
  site: { da: siteDa, en: siteEn },
  sso: { da: ssoDa, en: ssoEn },
  'vendor-data': { da: vendorDataDa, en: vendorDataEn },
  vendors: { da: vendorsDa, en: vendorsEn },
  webhooks: { da: webhooksDa, en: webhooksEn },
  jobs: { da: jobsDa, en: jobsEn },
  knowledge: { da: knowledgeDa, en: knowledgeEn },
  'actor-offers': { da: actorOffersDa, en: actorOffersEn },
  'dev-mail': { da: devMailDa, en: devMailEn },
  messages: { da: messagesDa, en: messagesEn },
  notifications: { da: notificationsDa, en: notificationsEn },
  meetings: { da: meetingsDa, en: meetingsEn },
};

/** Fails typecheck, naming the key, when two parts define the same key (a spread would silently keep the last). */
export type EachKeyDefinedOnce = Assert<
  DisjointKeys<
    [
      typeof platformDa,
      typeof catalogueDa,
      typeof consentDa,
      typeof curationDa,
      typeof eventsDa,
      typeof frameworksDa,
      typeof identityDa,
      typeof journeyDa,
      typeof joblogDa,
      typeof timelineDa,
      typeof statisticsDa,
      typeof listingsDa,
      typeof marketplaceDa,
      typeof municipalitiesDa,
      typeof organisationsDa,
      typeof platformHeaderDa,
      typeof responsibilityDa,
      typeof siteDa,
      typeof ssoDa,
      typeof vendorDataDa,
      typeof vendorsDa,
      typeof webhooksDa,
      typeof jobsDa,
      typeof knowledgeDa,
      typeof actorOffersDa,
      typeof devMailDa,
      typeof messagesDa,
      typeof notificationsDa,
      typeof meetingsDa,
    ]
  >
>;

export const da = {
  ...platformDa,
  ...catalogueDa,
  ...consentDa,
  ...curationDa,
  ...eventsDa,
  ...frameworksDa,
  ...identityDa,
  ...journeyDa,
  ...joblogDa,
  ...timelineDa,
  ...statisticsDa,
  ...listingsDa,
  ...marketplaceDa,
  ...municipalitiesDa,
  ...organisationsDa,
  ...platformHeaderDa,
  ...responsibilityDa,
  ...siteDa,
  ...ssoDa,
  ...vendorDataDa,
  ...vendorsDa,
  ...webhooksDa,
  ...jobsDa,
  ...knowledgeDa,
  ...actorOffersDa,
  ...devMailDa,
  ...messagesDa,
  ...notificationsDa,
  ...meetingsDa,
};

export type MessageKey = keyof typeof da;

export const en: Record<MessageKey, string> = {
  ...platformEn,
  ...catalogueEn,
  ...consentEn,
  ...curationEn,
  ...eventsEn,
  ...frameworksEn,
  ...identityEn,
  ...journeyEn,
  ...joblogEn,
  ...timelineEn,
  ...statisticsEn,
  ...listingsEn,
  ...marketplaceEn,
  ...municipalitiesEn,
  ...organisationsEn,
  ...platformHeaderEn,
  ...responsibilityEn,
  ...siteEn,
  ...ssoEn,
  ...vendorDataEn,
  ...vendorsEn,
  ...webhooksEn,
  ...jobsEn,
  ...knowledgeEn,
  ...actorOffersEn,
  ...devMailEn,
  ...messagesEn,
  ...notificationsEn,
  ...meetingsEn,
};
