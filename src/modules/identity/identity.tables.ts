import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../platform/auth/principal.ts';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the identity module's tables (and the views it publishes); only its repository reads or writes them.

/** identity: a sign-in between the redirect to the IdP and the callback; single use. */
export interface SignInAttemptTable {
  state_hash: Buffer;
  nonce: string;
  code_verifier: string;
  audience: string;
  municipality_code: string | null;
  /** Staff: the organisation chosen ('kommune-<code>', 'akasse-<cvr>', 'aktoer-<cvr>'), which picks the IdP (migration 0051). */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
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

export type AccessPurposeCode = 'stated' | 'listing' | 'local_offer_participants' | 'message_thread' | 'case_purpose';

/** identity: the staff directory (0093), one entry per person and organisation they signed in for. */
export interface StaffMemberTable {
  organisation_id: string;
  subject: string;
  name: string;
  roles: Role[];
  first_signed_in_at: CreatedAt;
  last_signed_in_at: ColumnType<Date, Date | undefined, Date>;
}

/** identity: an organisation's own purposes of case work, beside the platform's (0098). */
export interface CasePurposeTable {
  id: Generated<string>;
  organisation_id: string;
  text_da: string;
  text_en: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

/** identity: the purpose a staff member gave for a citizen in one working session (0098). */
export interface PurposeSessionTable {
  organisation_id: string;
  subject: string;
  auth_time: Date;
  citizen_id: string;
  purpose_da: string;
  purpose_en: string;
  note: string | null;
  typed: ColumnType<boolean, boolean | undefined, boolean>;
  started_at: ColumnType<Date, Date | undefined, Date>;
}

/** identity's published read model (migration 0043): who a citizen is and where they live. */
export interface CitizenIdentityView {
  id: string;
  full_name: string;
  cpr_number: string;
  municipality_code: string;
}

/** identity's published read model (migration 0043): a platform session's start and end, by its token's SHA-256. */
export interface SessionLifetimeView {
  token_hash: Buffer;
  created_at: Date;
  expires_at: Date;
}

/** The tables the identity module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type IdentityTables = {
  sign_in_attempt: SignInAttemptTable;
  session: SessionTable;
  citizen: CitizenTable;
  access_log: AccessLogTable;
  staff_member: StaffMemberTable;
  case_purpose: CasePurposeTable;
  purpose_session: PurposeSessionTable;
  citizen_identity: CitizenIdentityView;
  session_lifetime: SessionLifetimeView;
};
