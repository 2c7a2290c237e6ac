import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the consent module's tables (and the views it publishes); only its repository reads or writes them.

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

/** consent's published read model (migration 0045): a decision's standing, for bounding a grant's lifetime. */
export interface ConsentValidityView {
  id: string;
  citizen_id: string;
  municipality_code: string;
  listing_id: string;
  status: ConsentStatus;
  valid_until: Date;
}

/** The tables the consent module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type ConsentTables = {
  consent_record: ConsentRecordTable;
  consent_record_category: ConsentRecordCategoryTable;
  vendor_deletion_request: VendorDeletionRequestTable;
  consent_validity: ConsentValidityView;
};
