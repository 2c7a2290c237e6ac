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
}

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

export interface Database {
  ops_log: OpsLogTable;
  region: RegionTable;
  municipality: MunicipalityTable;
  jobcenter: JobcenterTable;
  accessibility_feedback: AccessibilityFeedbackTable;
  sign_in_attempt: SignInAttemptTable;
  session: SessionTable;
  citizen: CitizenTable;
  access_log: AccessLogTable;
  vendor: VendorTable;
}
