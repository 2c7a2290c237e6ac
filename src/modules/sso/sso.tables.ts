import type { ColumnType } from 'kysely';
import type { CreatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the sso module's tables (and the views it publishes); only its repository reads or writes them.

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

/** The tables the sso module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type SsoTables = {
  oidc_model: OidcModelTable;
  oidc_signing_key: OidcSigningKeyTable;
  oidc_client_secret: OidcClientSecretTable;
  sso_platform_session: SsoPlatformSessionTable;
};
