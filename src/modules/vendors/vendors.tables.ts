import type { ColumnType, Generated } from 'kysely';
import type { ClientCredentialsClientColumns, ClientCredentialsTokenColumns } from '../../platform/auth/client-credentials.ts';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the vendors module's tables (and the views it publishes); only its repository reads or writes them.

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

/** vendors: an OAuth 2 client of the vendor API (the secret is kept only as a SHA-256). */
export interface VendorApiClientTable extends ClientCredentialsClientColumns {
  vendor_id: string;
}

/** vendors: an access token of the vendor API (opaque, stored hashed). */
export type VendorApiTokenTable = ClientCredentialsTokenColumns;

/** vendors' published read model (migration 0036): a vendor company's public face. */
export interface VendorProfileView {
  id: string;
  cvr: string;
  name: string;
  contact_email: string;
  contact_phone: string;
  support_url: string;
}

/** The tables the vendors module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type VendorsTables = {
  vendor: VendorTable;
  vendor_api_client: VendorApiClientTable;
  vendor_api_token: VendorApiTokenTable;
  vendor_profile: VendorProfileView;
};
