import type { ActorOffersTables } from '../../modules/actor-offers/actor-offers.tables.ts';
import type { CatalogueTables } from '../../modules/catalogue/catalogue.tables.ts';
import type { ConsentTables } from '../../modules/consent/consent.tables.ts';
import type { CurationTables } from '../../modules/curation/curation.tables.ts';
import type { DevMailTables } from '../../modules/dev-mail/dev-mail.tables.ts';
import type { EventsTables } from '../../modules/events/events.tables.ts';
import type { FrameworksTables } from '../../modules/frameworks/frameworks.tables.ts';
import type { IdentityTables } from '../../modules/identity/identity.tables.ts';
import type { JoblogTables } from '../../modules/joblog/joblog.tables.ts';
import type { JobsTables } from '../../modules/jobs/jobs.tables.ts';
import type { JourneyTables } from '../../modules/journey/journey.tables.ts';
import type { KnowledgeTables } from '../../modules/knowledge/knowledge.tables.ts';
import type { ListingsTables } from '../../modules/listings/listings.tables.ts';
import type { MarketplaceTables } from '../../modules/marketplace/marketplace.tables.ts';
import type { MessagesTables } from '../../modules/messages/messages.tables.ts';
import type { MunicipalitiesTables } from '../../modules/municipalities/municipalities.tables.ts';
import type { NotificationsTables } from '../../modules/notifications/notifications.tables.ts';
import type { MeetingsTables } from '../../modules/meetings/meetings.tables.ts';
import type { OperationsTables } from '../../modules/operations/operations.tables.ts';
import type { OrganisationsTables } from '../../modules/organisations/organisations.tables.ts';
import type { ResponsibilityTables } from '../../modules/responsibility/responsibility.tables.ts';
import type { SiteTables } from '../../modules/site/site.tables.ts';
import type { SsoTables } from '../../modules/sso/sso.tables.ts';
import type { StatisticsTables } from '../../modules/statistics/statistics.tables.ts';
import type { VendorDataTables } from '../../modules/vendor-data/vendor-data.tables.ts';
import type { VendorsTables } from '../../modules/vendors/vendors.tables.ts';
import type { WebhooksTables } from '../../modules/webhooks/webhooks.tables.ts';
import type { PlatformTables } from './platform.tables.ts';

// The one place every module's tables (and the views modules publish) are composed into Kysely's database type.
// Each module declares its own in <module>.tables.ts; only its repository reads or writes them, and another
// module reads them through the owner's exported functions or a view the owner publishes (docs/ARCHITECTURE.md).
// Types are re-exported so code importing them from here keeps compiling.

export type * from '../../modules/actor-offers/actor-offers.tables.ts';
export type * from '../../modules/catalogue/catalogue.tables.ts';
export type * from '../../modules/curation/curation.tables.ts';
export type * from '../../modules/dev-mail/dev-mail.tables.ts';
export type * from '../../modules/events/events.tables.ts';
export type * from '../../modules/webhooks/webhooks.tables.ts';
export type * from '../../modules/frameworks/frameworks.tables.ts';
export type * from '../../modules/identity/identity.tables.ts';
export type * from '../../modules/joblog/joblog.tables.ts';
export type * from '../../modules/jobs/jobs.tables.ts';
export type * from '../../modules/journey/journey.tables.ts';
export type * from '../../modules/knowledge/knowledge.tables.ts';
export type * from '../../modules/marketplace/marketplace.tables.ts';
export type * from '../../modules/messages/messages.tables.ts';
export type * from '../../modules/municipalities/municipalities.tables.ts';
export type * from '../../modules/notifications/notifications.tables.ts';
export type * from '../../modules/meetings/meetings.tables.ts';
export type * from '../../modules/operations/operations.tables.ts';
export type * from '../../modules/organisations/organisations.tables.ts';
export type * from '../../modules/responsibility/responsibility.tables.ts';
export type * from '../../modules/site/site.tables.ts';
export type * from '../../modules/sso/sso.tables.ts';
export type * from '../../modules/statistics/statistics.tables.ts';
export type * from '../../modules/vendor-data/vendor-data.tables.ts';
export type * from '../../modules/vendors/vendors.tables.ts';
export type * from './platform.tables.ts';
export * from '../../modules/listings/listings.tables.ts';
export * from '../../modules/consent/consent.tables.ts';

/** Each owner and the tables it declares: the table ownership map as a type. */
type TablesByOwner = {
  platform: PlatformTables;
  operations: OperationsTables;
  municipalities: MunicipalitiesTables;
  organisations: OrganisationsTables;
  site: SiteTables;
  identity: IdentityTables;
  vendors: VendorsTables;
  catalogue: CatalogueTables;
  listings: ListingsTables;
  curation: CurationTables;
  frameworks: FrameworksTables;
  journey: JourneyTables;
  joblog: JoblogTables;
  marketplace: MarketplaceTables;
  sso: SsoTables;
  consent: ConsentTables;
  'vendor-data': VendorDataTables;
  responsibility: ResponsibilityTables;
  'actor-offers': ActorOffersTables;
  events: EventsTables;
  webhooks: WebhooksTables;
  statistics: StatisticsTables;
  jobs: JobsTables;
  'dev-mail': DevMailTables;
  knowledge: KnowledgeTables;
  messages: MessagesTables;
  notifications: NotificationsTables;
  meetings: MeetingsTables;
};

export type TableOwner = keyof TablesByOwner;

export interface Database
  extends
    PlatformTables,
    OperationsTables,
    MunicipalitiesTables,
    OrganisationsTables,
    SiteTables,
    IdentityTables,
    VendorsTables,
    CatalogueTables,
    ListingsTables,
    CurationTables,
    FrameworksTables,
    JourneyTables,
    JoblogTables,
    MarketplaceTables,
    SsoTables,
    ConsentTables,
    VendorDataTables,
    ResponsibilityTables,
    ActorOffersTables,
    EventsTables,
    WebhooksTables,
    StatisticsTables,
    JobsTables,
    KnowledgeTables,
    DevMailTables,
    MessagesTables,
    NotificationsTables,
    MeetingsTables {}

/** The owner (or owners, when declared twice) of a table or view. */
type OwnersOf<T extends keyof Database> = { [O in TableOwner]: T extends keyof TablesByOwner[O] ? O : never }[TableOwner];
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
/** The tables or views more than one module declares; must stay empty. */
type OwnedTwice = { [T in keyof Database]: true extends IsUnion<OwnersOf<T>> ? T : never }[keyof Database];
const ownedOnce: [OwnedTwice] extends [never] ? true : { ownedTwice: OwnedTwice } = true;
void ownedOnce;

/**
 * Which module owns each table and view, readable at run time (test/table-ownership.test.ts checks the
 * repositories against it). Type-checked against the composed database: a table missing here, named here but in
 * no module's tables, or given to a module that does not declare it fails typecheck.
 */
export const tableOwners = {
  platform_form_token: 'platform',
  ops_log: 'operations',
  region: 'municipalities',
  municipality: 'municipalities',
  jobcenter: 'municipalities',
  municipality_name: 'municipalities',
  organisation: 'organisations',
  organisation_contract: 'organisations',
  accessibility_feedback: 'site',
  sign_in_attempt: 'identity',
  session: 'identity',
  citizen: 'identity',
  access_log: 'identity',
  staff_member: 'identity',
  case_purpose: 'identity',
  purpose_session: 'identity',
  citizen_identity: 'identity',
  session_lifetime: 'identity',
  vendor: 'vendors',
  vendor_api_client: 'vendors',
  vendor_api_token: 'vendors',
  vendor_profile: 'vendors',
  journey_stage: 'catalogue',
  service_category: 'catalogue',
  target_group: 'catalogue',
  language: 'catalogue',
  data_category: 'catalogue',
  catalogue_word: 'catalogue',
  taxonomy_term: 'catalogue',
  listing: 'listings',
  listing_version: 'listings',
  listing_version_category: 'listings',
  listing_version_target_group: 'listings',
  listing_version_language: 'listings',
  listing_version_data_category: 'listings',
  listing_transition: 'listings',
  listing_check: 'listings',
  notice: 'listings',
  listing_feed: 'listings',
  listing_live: 'listings',
  listing_name: 'listings',
  listing_data_use: 'listings',
  listing_owner: 'listings',
  listing_version_brief: 'listings',
  municipality_listing: 'curation',
  listing_recommendation: 'curation',
  local_offer: 'curation',
  local_offer_signup: 'curation',
  licence: 'curation',
  licence_seat: 'curation',
  municipality_branding: 'curation',
  municipality_offer_listing: 'curation',
  municipality_offer_recommendation: 'curation',
  municipality_offer_local_offer: 'curation',
  municipality_offer_sign_up: 'curation',
  framework_agreement: 'frameworks',
  framework_version: 'frameworks',
  framework_requirement: 'frameworks',
  vendor_declaration: 'frameworks',
  declaration_answer: 'frameworks',
  citizen_profile: 'journey',
  escalation: 'journey',
  citizen_caseworker: 'journey',
  citizen_caseworker_change: 'journey',
  plan_activity: 'journey',
  recommendation_dismissal: 'journey',
  recommendation_log: 'journey',
  citizen_journey: 'journey',
  citizen_dismissal: 'journey',
  citizen_plan: 'journey',
  citizen_screening: 'journey',
  joblog_agreement: 'joblog',
  joblog_registration: 'joblog',
  joblog_entry: 'joblog',
  job_ad: 'jobs',
  job_word: 'jobs',
  job_occupation: 'jobs',
  job_feed_state: 'jobs',
  job_agent: 'jobs',
  job_agent_notice: 'jobs',
  job_agent_match: 'jobs',
  job_suggestion: 'jobs',
  job_suggestion_entry: 'jobs',
  listing_launch: 'marketplace',
  listing_rating: 'marketplace',
  marketplace_view: 'marketplace',
  oidc_model: 'sso',
  oidc_signing_key: 'sso',
  oidc_client_secret: 'sso',
  sso_platform_session: 'sso',
  consent_record: 'consent',
  consent_record_category: 'consent',
  vendor_deletion_request: 'consent',
  consent_validity: 'consent',
  citizen_contact: 'vendor-data',
  responsibility_rule: 'responsibility',
  citizen_situation: 'responsibility',
  responsibility_period: 'responsibility',
  responsibility_choice: 'responsibility',
  citizen_responsibility: 'responsibility',
  actor_offer: 'actor-offers',
  actor_recommendation: 'actor-offers',
  activity_event: 'events',
  activity_event_entry: 'events',
  event_subject: 'events',
  event_subject_sync: 'events',
  event_custom_type: 'events',
  event_rejection: 'events',
  outbound_event: 'webhooks',
  webhook_endpoint: 'webhooks',
  webhook_secret: 'webhooks',
  webhook_delivery: 'webhooks',
  webhook_dispatch_cursor: 'webhooks',
  municipality_api_client: 'webhooks',
  municipality_api_token: 'webhooks',
  statistics_municipality_month: 'statistics',
  statistics_vendor_month: 'statistics',
  statistics_refresh_state: 'statistics',
  statistics_listing_day: 'statistics',
  statistics_citizen_day: 'statistics',
  statistics_municipality_day: 'statistics',
  statistics_listing_month: 'statistics',
  statistics_citizen_month: 'statistics',
  statistics_reach_week: 'statistics',
  statistics_search_day: 'statistics',
  statistics_search_month: 'statistics',
  statistics_listing_total_day: 'statistics',
  statistics_listing_total_month: 'statistics',
  dev_mail: 'dev-mail',
  knowledge_article: 'knowledge',
  knowledge_word: 'knowledge',
  knowledge_article_use: 'knowledge',
  knowledge_handover: 'knowledge',
  message_settings: 'messages',
  message_thread: 'messages',
  message: 'messages',
  message_attachment: 'messages',
  message_thread_status: 'messages',
  notification: 'notifications',
  notification_team_read: 'notifications',
  notification_preference: 'notifications',
  notification_delivery: 'notifications',
  dev_sms: 'notifications',
  meeting_slot: 'meetings',
  meeting: 'meetings',
  meeting_entry: 'meetings',
  meeting_upcoming: 'meetings',
} as const satisfies { [T in keyof Database]: OwnersOf<T> };

/**
 * The views modules publish as their read model for the others (migrations 0034–0036 and 0040–0045,
 * docs/ARCHITECTURE.md): any module may read them; the owner's tables behind them stay its own.
 */
export const publishedViews = [
  'listing_live',
  'listing_name',
  'listing_data_use',
  'listing_owner',
  'listing_version_brief',
  'taxonomy_term',
  'vendor_profile',
  'municipality_name',
  'citizen_identity',
  'session_lifetime',
  'municipality_offer_listing',
  'municipality_offer_recommendation',
  'municipality_offer_local_offer',
  'municipality_offer_sign_up',
  'citizen_journey',
  'citizen_dismissal',
  'citizen_plan',
  'citizen_screening',
  'joblog_entry',
  'job_suggestion_entry',
  'meeting_entry',
  'meeting_upcoming',
  'consent_validity',
  'activity_event_entry',
  'citizen_responsibility',
  'message_thread_status',
] as const satisfies readonly (keyof Database)[];
