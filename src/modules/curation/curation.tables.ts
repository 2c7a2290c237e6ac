import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the curation module's tables (and the views it publishes); only its repository reads or writes them.

/** Which municipalities enabled which listings (row-level security by municipality). */
export interface MunicipalityListingTable {
  municipality_code: string;
  listing_id: string;
  enabled_by: string;
  enabled_at: CreatedAt;
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
  /** Whether the citizen came (null until the municipality recorded it, once the offer had started). */
  attended: boolean | null;
  /** When attendance was last set: statistics' "changed since" watermark. */
  attendance_recorded_at: Date | null;
  /** Who set it: the staff member's subject, as local_offer.created_by. */
  attendance_recorded_by: string | null;
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

/** curation's published read model (migration 0041): the listings a municipality enabled. */
export interface MunicipalityOfferListingView {
  municipality_code: string;
  listing_id: string;
  enabled_at: Date;
}

/** curation's published read model (migration 0041): a municipality's recommendations, without who made them. */
export type MunicipalityOfferRecommendationView = Omit<ListingRecommendationTable, 'id' | 'created_by' | 'created_at'> & { id: string; created_at: Date };

/** curation's published read model (migration 0041): a municipality's local offers, without who created them. */
export type MunicipalityOfferLocalOfferView = Omit<
  LocalOfferTable,
  'id' | 'signup_required' | 'target_groups' | 'languages' | 'created_by' | 'created_at' | 'updated_at'
> & { id: string; signup_required: boolean; target_groups: string[]; languages: string[] };

/** curation's published read model (migration 0041; `attended` since 0086): who signed up for a local offer, and whether they came. */
export type MunicipalityOfferSignUpView = Omit<LocalOfferSignupTable, 'signed_up_at' | 'attendance_recorded_at' | 'attendance_recorded_by'> & {
  signed_up_at: Date;
};

/** The tables the curation module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type CurationTables = {
  municipality_listing: MunicipalityListingTable;
  listing_recommendation: ListingRecommendationTable;
  local_offer: LocalOfferTable;
  local_offer_signup: LocalOfferSignupTable;
  licence: LicenceTable;
  licence_seat: LicenceSeatTable;
  municipality_branding: MunicipalityBrandingTable;
  municipality_offer_listing: MunicipalityOfferListingView;
  municipality_offer_recommendation: MunicipalityOfferRecommendationView;
  municipality_offer_local_offer: MunicipalityOfferLocalOfferView;
  municipality_offer_sign_up: MunicipalityOfferSignUpView;
};
