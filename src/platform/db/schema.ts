import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the tables the migrations create, grouped by the module that owns them.
// A module's repository is the only code that reads or writes its own tables.

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** operations: the operator's log of start-ups, migrations, seeds and CLI commands. */
export interface OpsLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  kind: string;
  message: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** platform: one-time tokens of creating forms, each with the id of the row its first submit made. */
export interface PlatformFormTokenTable {
  token: string;
  purpose: string;
  owner: string;
  result_id: string | null;
  created_at: CreatedAt;
}

/** municipalities: the five regions. */
export interface RegionTable {
  code: string;
  name_da: string;
  name_en: string;
}

/** municipalities: the 98 kommuner, keyed by official kommunekode. */
export interface MunicipalityTable {
  code: string;
  name: string;
  region_code: string;
}

export type OpeningHours = { weekday: number; opens: string; closes: string }[];

/** municipalities: a municipality's jobcenter(s). */
export interface JobcenterTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  opening_hours: ColumnType<OpeningHours, string, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** site: reports of accessibility problems, the feedback channel the accessibility statement must offer. */
export interface AccessibilityFeedbackTable {
  id: Generated<string>;
  reference: string;
  page_url: string | null;
  description: string;
  name: string | null;
  email: string | null;
  locale: string;
  created_at: CreatedAt;
}

/** identity: a sign-in between the redirect to the IdP and the callback; single use. */
export interface SignInAttemptTable {
  state_hash: Buffer;
  nonce: string;
  code_verifier: string;
  audience: string;
  municipality_code: string | null;
  required_level: string;
  return_to: string;
  /** A step-up or re-authentication: the person (IdP issuer and subject) the answer must be. */
  expected_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  expected_subject: ColumnType<string | null, string | null | undefined, string | null>;
  expected_citizen_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** How old, in seconds, the authentication may be (0: a fresh one); null when any will do. */
  max_age: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  expires_at: Date;
}

/** identity: a server-side session; the cookie holds the token, the table only its hash. */
export interface SessionTable {
  token_hash: Buffer;
  subject: string;
  audience: string;
  principal: ColumnType<Record<string, unknown>, string, string>;
  nsis_level: string;
  idp_issuer: string;
  id_token: string;
  /** When the person authenticated at the IdP (the ID token's auth_time). */
  auth_time: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}

/** identity: a citizen known to the platform (row-level security by municipality). */
export interface CitizenTable {
  id: Generated<string>;
  person_uuid: string;
  cpr_number: string;
  full_name: string;
  municipality_code: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  last_signed_in_at: Date;
}

/** identity: Min Log — every look-up of a citizen's data by someone else (append-only, row-level security). */
export interface AccessLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  citizen_id: string;
  municipality_code: string;
  actor_subject: string;
  actor_name: string;
  actor_role: string;
  actor_organisation: string;
  action: 'read' | 'change';
  data_category: string;
  purpose: string;
  /** Reads of the same data by the same actor for the same purpose within 10 minutes of the first (migration 0030). */
  count: ColumnType<number, never, never>;
  last_at: ColumnType<Date, never, never>;
  /** What the purpose is, for showing it per language: typed by staff, a listing's own, or a local offer's list. */
  purpose_code: ColumnType<AccessPurposeCode, never, never>;
  purpose_args: ColumnType<Record<string, string>, never, never>;
  actor_name_en: ColumnType<string | null, never, never>;
}

export type AccessPurposeCode = 'stated' | 'listing' | 'local_offer_participants';

/** vendors: a company (CVR) offering services on the platform. */
export interface VendorTable {
  id: Generated<string>;
  cvr: string;
  name: string;
  contact_email: string;
  contact_phone: string;
  support_url: string;
  dpa_status: ColumnType<'not_started' | 'sent' | 'signed', 'not_started' | 'sent' | 'signed' | undefined, 'not_started' | 'sent' | 'signed'>;
  registered_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** catalogue: a reference taxonomy (journey stage); the others have the same shape. */
export interface JourneyStageTable {
  code: string;
  name_da: string;
  name_en: string;
  sort: number;
}

/** listings: a vendor's service listing; its content lives in versions. */
export interface ListingTable {
  id: Generated<string>;
  vendor_id: string;
  created_by: ColumnType<string, string | undefined, never>;
  created_at: CreatedAt;
  delisted_at: ColumnType<Date | null, never, Date>;
}

export const listingStatuses = [
  'draft',
  'submitted',
  'checks_failed',
  'in_review',
  'approved',
  'changes_requested',
  'rejected',
  'suspended',
  'superseded',
  'delisted',
] as const;
export type ListingStatus = (typeof listingStatuses)[number];
export const priceModels = ['free', 'licence', 'per_seat', 'per_completion'] as const;
export type PriceModel = (typeof priceModels)[number];
export const channels = ['web', 'app', 'video', 'phone', 'in_person'] as const;
export type Channel = (typeof channels)[number];
export const legalBases = ['consent', 'contract', 'legal_obligation', 'public_task'] as const;
export type LegalBasis = (typeof legalBases)[number];

/** listings: one version of a listing. Drafts may be incomplete; the search column is generated by the database. */
export interface ListingVersionTable {
  id: Generated<string>;
  listing_id: string;
  version: number;
  status: ListingStatus;
  name_da: string | null;
  name_en: string | null;
  summary_da: string | null;
  summary_en: string | null;
  description_da: string | null;
  description_en: string | null;
  journey_stage: string | null;
  price_model: PriceModel | null;
  required_nsis_level: 'Low' | 'Substantial' | 'High' | null;
  service_url: string | null;
  accessibility_statement_url: string | null;
  channels: ColumnType<Channel[], Channel[] | undefined, Channel[]>;
  redirect_uris: ColumnType<string[], string[] | undefined, string[]>;
  client_auth_method: 'private_key_jwt' | 'client_secret_basic' | null;
  jwks_uri: string | null;
  initiate_login_uri: string | null;
  backchannel_logout_uri: string | null;
  deletion_uri: string | null;
  works_without_data: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: ColumnType<string, string | undefined, never>;
  submitted_at: Date | null;
  submitted_by: string | null;
  assignee_subject: string | null;
  assignee_name: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** catalogue: the other reference taxonomies (categories, target groups, languages, data categories). */
export interface TaxonomyTable {
  code: string;
  name_da: string;
  name_en: string;
}

export interface ListingVersionCategoryTable {
  version_id: string;
  category: string;
}
export interface ListingVersionTargetGroupTable {
  version_id: string;
  target_group: string;
}
export interface ListingVersionLanguageTable {
  version_id: string;
  language: string;
}
export interface ListingVersionDataCategoryTable {
  version_id: string;
  category: string;
  purpose_da: string | null;
  purpose_en: string | null;
  legal_basis: LegalBasis | null;
}

/** listings: one move of a version (append-only). */
export interface ListingTransitionTable {
  id: Generated<number>;
  version_id: string;
  listing_id: string;
  from_status: ListingStatus | null;
  to_status: ListingStatus;
  actor_subject: string;
  actor_name: string;
  actor_role: string;
  reason: string | null;
  at: CreatedAt;
}

/** listings: one automated check's result for one submission of a version. */
export interface ListingCheckTable {
  version_id: string;
  attempt: number;
  code: string;
  outcome: 'passed' | 'failed' | 'skipped';
  message_key: string;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
  checked_at: CreatedAt;
}

/** Which municipalities enabled which listings (row-level security by municipality). */
export interface MunicipalityListingTable {
  municipality_code: string;
  listing_id: string;
  enabled_by: string;
  enabled_at: CreatedAt;
}

export type NoticeKind = 'approved' | 'changes_requested' | 'rejected' | 'checks_failed' | 'suspended' | 'reinstated' | 'delisted';

/** listings: a notice to a vendor or a municipality about a listing (append-only). */
export interface NoticeTable {
  id: Generated<string>;
  recipient_vendor_id: string | null;
  recipient_municipality: string | null;
  listing_id: string;
  kind: NoticeKind;
  listing_name: string;
  reason: string | null;
  created_at: CreatedAt;
}

export type FrameworkVersionStatus = 'draft' | 'published' | 'retired';
export type AnswerType = 'yes_no' | 'text' | 'url' | 'email' | 'nsis_level';
export type Obligation = 'must' | 'may';
export type CheckCode = 'https_url' | 'email' | 'accessibility_statement' | 'nsis_level';

/** frameworks: a framework agreement (rammeaftale); its requirements live in versions. */
export interface FrameworkAgreementTable {
  id: Generated<string>;
  code: string;
  title_da: string;
  title_en: string;
  created_at: CreatedAt;
}

/** frameworks: one version of an agreement: draft → published (the current one) → retired. */
export interface FrameworkVersionTable {
  id: Generated<string>;
  agreement_id: string;
  version: number;
  status: ColumnType<FrameworkVersionStatus, 'draft' | undefined, FrameworkVersionStatus>;
  created_by: string;
  created_at: CreatedAt;
  published_at: Date | null;
  published_by: string | null;
  retired_at: Date | null;
}

/** frameworks: one requirement of a version; the content hash is computed by the database. */
export interface FrameworkRequirementTable {
  version_id: string;
  key: string;
  position: number;
  text_da: string;
  text_en: string;
  help_da: string | null;
  help_en: string | null;
  answer_type: AnswerType;
  obligation: Obligation;
  check_code: CheckCode | null;
  content_hash: ColumnType<string, never, never>;
}

/** frameworks: a vendor's declaration against one framework version. */
export interface VendorDeclarationTable {
  id: Generated<string>;
  vendor_id: string;
  framework_version_id: string;
  status: ColumnType<'draft' | 'submitted', 'draft' | 'submitted' | undefined, 'draft' | 'submitted'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  submitted_at: Date | null;
  submitted_by: string | null;
}

/** frameworks: the answer to one requirement in a declaration, possibly carried over from an earlier version. */
export interface DeclarationAnswerTable {
  declaration_id: string;
  framework_version_id: string;
  requirement_key: string;
  value: string;
  answered_by: string;
  answered_at: ColumnType<Date, Date | undefined, Date>;
  carried_over_from_version: number | null;
}

/** vendors: an OAuth 2 client of the vendor API (the secret is kept only as a SHA-256). */
export interface VendorApiClientTable {
  id: Generated<string>;
  vendor_id: string;
  client_id: string;
  secret_hash: Buffer;
  name: string;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** vendors: an access token of the vendor API (opaque, stored hashed). */
export interface VendorApiTokenTable {
  token_hash: Buffer;
  client_id: string;
  expires_at: Date;
  created_at: CreatedAt;
}

/** catalogue: the words of the live versions' Danish text (lexicon for typo correction), kept by triggers only. */
export interface CatalogueWordTable {
  word: string;
  stem: string;
  documents: number;
}

/** curation: a listing a municipality recommends to a target group (at a journey stage), with a local note. */
export interface ListingRecommendationTable {
  id: Generated<string>;
  municipality_code: string;
  listing_id: string;
  target_group: string;
  journey_stage: string | null;
  note_da: string | null;
  note_en: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export type LocalOfferKind = 'workshop' | 'course' | 'job_fair' | 'meeting' | 'other';

/** curation: the jobcenter's own offer (workshop, course, job fair) with date, place, capacity and sign-up. */
export interface LocalOfferTable {
  id: Generated<string>;
  municipality_code: string;
  kind: LocalOfferKind;
  title_da: string;
  title_en: string;
  description_da: string;
  description_en: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  signup_required: ColumnType<boolean, boolean | undefined, boolean>;
  journey_stage: string | null;
  target_groups: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  cancelled_at: Date | null;
}

export interface LocalOfferSignupTable {
  offer_id: string;
  citizen_id: string;
  municipality_code: string;
  signed_up_at: CreatedAt;
  cancelled_at: Date | null;
}

/** curation: a licence a municipality bought for a listing (seats, period, price, budget holder). */
export interface LicenceTable {
  id: Generated<string>;
  municipality_code: string;
  listing_id: string;
  seats: number;
  valid_from: ColumnType<Date, string, string>;
  valid_to: ColumnType<Date, string, string>;
  price_dkk: ColumnType<string, string | number, string | number>;
  budget_holder: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface LicenceSeatTable {
  licence_id: string;
  citizen_id: string;
  municipality_code: string;
  first_launch_at: CreatedAt;
}

export interface MunicipalityBrandingTable {
  municipality_code: string;
  display_name: string | null;
  logo: Buffer | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  logo_alt: string | null;
  contact_text_da: string | null;
  contact_text_en: string | null;
  updated_by: string;
  updated_at: UpdatedAt;
}

/** journey: the citizen's screening answers, kept as their profile (the target group is set by the jobcenter). */
export interface CitizenProfileTable {
  citizen_id: string;
  municipality_code: string;
  digital_readiness: 'low' | 'medium' | 'high' | null;
  job_goal: string | null;
  journey_stage: string | null;
  needs_help: 'no' | 'some' | 'much' | null;
  wants_contact: ColumnType<boolean, boolean | undefined, boolean>;
  wellbeing_concern: ColumnType<boolean, boolean | undefined, boolean>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  target_group: string | null;
  screened_at: Date | null;
  updated_at: UpdatedAt;
}

/** journey: a case for the municipality's caseworkers: a citizen who must be contacted by a date. */
export interface EscalationTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  reasons: string[];
  status: ColumnType<'open' | 'in_progress' | 'closed', 'open' | 'in_progress' | 'closed' | undefined, 'open' | 'in_progress' | 'closed'>;
  contact_by: ColumnType<Date, string, string>;
  assignee_subject: string | null;
  assignee_name: string | null;
  note: string | null;
  created_at: CreatedAt;
  closed_at: Date | null;
}

/** journey: one activity of the citizen's plan. */
export interface PlanActivityTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  source: 'chosen' | 'recommended' | 'assigned';
  listing_id: string | null;
  local_offer_id: string | null;
  title: string;
  status: ColumnType<
    'planned' | 'in_progress' | 'done' | 'dropped',
    'planned' | 'in_progress' | 'done' | 'dropped' | undefined,
    'planned' | 'in_progress' | 'done' | 'dropped'
  >;
  due_on: ColumnType<Date | null, string | null | undefined, string | null>;
  note: string | null;
  created_by: string;
  created_by_name: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RecommendationDismissalTable {
  citizen_id: string;
  municipality_code: string;
  item_kind: 'listing' | 'local_offer';
  item_id: string;
  dismissed_at: CreatedAt;
}

/** journey: the inputs and outputs of every recommendation run (append-only). */
export interface RecommendationLogTable {
  id: Generated<number>;
  citizen_id: string;
  municipality_code: string;
  rules_version: string;
  inputs: ColumnType<unknown, string, never>;
  outputs: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

/** marketplace: a citizen's launch of a service (append-only). */
export interface ListingLaunchTable {
  id: Generated<number>;
  citizen_id: string;
  municipality_code: string;
  listing_id: string;
  version: number;
  outcome: 'launched' | 'no_seat';
  launched_at: CreatedAt;
}

/** marketplace: a citizen's rating of a listing, moderated by the municipality. */
export interface ListingRatingTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  listing_id: string;
  stars: number;
  comment: string | null;
  status: ColumnType<'pending' | 'approved' | 'rejected', 'pending' | 'approved' | 'rejected' | undefined, 'pending' | 'approved' | 'rejected'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  moderated_by: string | null;
  moderated_at: Date | null;
}

/** sso: oidc-provider's stored models (adapter rows); `payload` is the provider's own. */
export interface OidcModelTable {
  kind: string;
  id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  account_id: string | null;
  client_id: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

/** sso: the provider's signing keys (private key encrypted). */
export interface OidcSigningKeyTable {
  kid: string;
  alg: 'ES256' | 'RS256' | 'PS256';
  private_key: Buffer;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  status: 'active' | 'previous' | 'retired';
  created_at: CreatedAt;
  retired_at: Date | null;
}

/** sso: a listing's client secret for client_secret_basic, encrypted. */
export interface OidcClientSecretTable {
  listing_id: string;
  secret: Buffer;
  created_at: CreatedAt;
  created_by: string;
}

/** sso: the platform session a citizen's single sign-on came from (for back-channel logout when it ends). */
export interface SsoPlatformSessionTable {
  token_hash: Buffer;
  account_id: string;
  created_at: CreatedAt;
}

export const consentDecisions = ['accepted', 'declined'] as const;
export type ConsentDecision = (typeof consentDecisions)[number];
export const consentStatuses = ['active', 'superseded', 'withdrawn'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

/** consent: a citizen's decision about the data a vendor's service asks for (Kantara / ISO/IEC TS 27560). */
export interface ConsentRecordTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  vendor_id: string;
  listing_id: string;
  listing_version_id: string;
  decision: ConsentDecision;
  status: ColumnType<ConsentStatus, ConsentStatus | undefined, ConsentStatus>;
  policy_hash: string;
  collection_method: 'web_form';
  language: 'da' | 'en';
  given_at: CreatedAt;
  valid_until: Date;
  withdrawn_at: Date | null;
  receipt: string | null;
}

/** consent: the data categories a decision covers, with the purpose and legal basis shown. */
export interface ConsentRecordCategoryTable {
  consent_id: string;
  category: string;
  citizen_id: string;
  municipality_code: string;
  purpose_da: string;
  purpose_en: string;
  legal_basis: 'consent' | 'contract' | 'legal_obligation' | 'public_task';
}

export const deletionReasons = ['consent_withdrawn', 'deletion_requested'] as const;
export type DeletionReason = (typeof deletionReasons)[number];
export const deletionStatuses = ['pending', 'accepted', 'completed', 'failed', 'not_supported'] as const;
export type DeletionStatus = (typeof deletionStatuses)[number];

/** consent: the platform's request to a vendor to delete a citizen's data (docs/VENDOR-DELETION.md). */
export interface VendorDeletionRequestTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  vendor_id: string;
  listing_id: string;
  consent_id: string | null;
  reason: DeletionReason;
  status: ColumnType<DeletionStatus, DeletionStatus | undefined, DeletionStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  vendor_reference: string | null;
  requested_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** vendor-data: the citizen's own contact details (e-mail, phone in E.164, preferred language). */
export interface CitizenContactTable {
  citizen_id: string;
  municipality_code: string;
  email: string | null;
  phone: string | null;
  preferred_language: ColumnType<'da' | 'en', 'da' | 'en' | undefined, 'da' | 'en'>;
  updated_at: UpdatedAt;
}

export interface Database {
  ops_log: OpsLogTable;
  platform_form_token: PlatformFormTokenTable;
  region: RegionTable;
  municipality: MunicipalityTable;
  jobcenter: JobcenterTable;
  accessibility_feedback: AccessibilityFeedbackTable;
  sign_in_attempt: SignInAttemptTable;
  session: SessionTable;
  citizen: CitizenTable;
  access_log: AccessLogTable;
  vendor: VendorTable;
  vendor_api_client: VendorApiClientTable;
  vendor_api_token: VendorApiTokenTable;
  journey_stage: JourneyStageTable;
  listing: ListingTable;
  listing_version: ListingVersionTable;
  listing_version_category: ListingVersionCategoryTable;
  listing_version_target_group: ListingVersionTargetGroupTable;
  listing_version_language: ListingVersionLanguageTable;
  listing_version_data_category: ListingVersionDataCategoryTable;
  listing_transition: ListingTransitionTable;
  listing_check: ListingCheckTable;
  municipality_listing: MunicipalityListingTable;
  notice: NoticeTable;
  listing_recommendation: ListingRecommendationTable;
  local_offer: LocalOfferTable;
  local_offer_signup: LocalOfferSignupTable;
  licence: LicenceTable;
  licence_seat: LicenceSeatTable;
  municipality_branding: MunicipalityBrandingTable;
  citizen_profile: CitizenProfileTable;
  escalation: EscalationTable;
  plan_activity: PlanActivityTable;
  recommendation_dismissal: RecommendationDismissalTable;
  recommendation_log: RecommendationLogTable;
  listing_launch: ListingLaunchTable;
  listing_rating: ListingRatingTable;
  service_category: TaxonomyTable;
  target_group: TaxonomyTable & { active: ColumnType<boolean, boolean | undefined, boolean> };
  language: TaxonomyTable;
  data_category: TaxonomyTable;
  catalogue_word: CatalogueWordTable;
  framework_agreement: FrameworkAgreementTable;
  framework_version: FrameworkVersionTable;
  framework_requirement: FrameworkRequirementTable;
  vendor_declaration: VendorDeclarationTable;
  declaration_answer: DeclarationAnswerTable;
  oidc_model: OidcModelTable;
  oidc_signing_key: OidcSigningKeyTable;
  oidc_client_secret: OidcClientSecretTable;
  sso_platform_session: SsoPlatformSessionTable;
  consent_record: ConsentRecordTable;
  consent_record_category: ConsentRecordCategoryTable;
  vendor_deletion_request: VendorDeletionRequestTable;
  citizen_contact: CitizenContactTable;
}
