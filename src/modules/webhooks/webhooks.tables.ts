import type { ColumnType, Generated } from 'kysely';
import type { ClientCredentialsClientColumns, ClientCredentialsTokenColumns } from '../../platform/auth/client-credentials.ts';
import type { CreatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the webhooks module's tables (0068); only its repository reads or writes them.

/** webhooks: one thing a vendor's or a municipality's systems are told (the outbox; append-only). */
export interface OutboundEventTable {
  seq: Generated<string>;
  /** The writing transaction's id (xid8, as text): feeds and the dispatcher order by (xid, seq). */
  xid: Generated<string>;
  id: Generated<string>;
  vendor_id: string | null;
  municipality_code: string | null;
  type: string;
  citizen_id: string | null;
  data: ColumnType<Record<string, unknown>, string, never>;
  created_at: CreatedAt;
}

export type WebhookEndpointStatus = 'active' | 'disabled';
export type WebhookDisabledReason = 'owner' | 'gone' | 'failing';

/** webhooks: an address a vendor or a municipality receives webhooks at. */
export interface WebhookEndpointTable {
  id: Generated<string>;
  vendor_id: string | null;
  municipality_code: string | null;
  url: string;
  description: string | null;
  event_types: ColumnType<string[], string[], string[]>;
  status: ColumnType<WebhookEndpointStatus, WebhookEndpointStatus | undefined, WebhookEndpointStatus>;
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

/** webhooks: an endpoint's signing secret, sealed (AES-256-GCM); two are live during a rotation. */
export interface WebhookSecretTable {
  id: Generated<string>;
  endpoint_id: string;
  sealed: Buffer;
  created_at: CreatedAt;
  expires_at: Date | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** webhooks: one message to one endpoint, with its attempts so far. */
export interface WebhookDeliveryTable {
  id: Generated<string>;
  message_id: Generated<string>;
  endpoint_id: string;
  outbound_event_seq: string | null;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  redrives: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

/** webhooks: where the dispatcher got to in the outbox (one row). */
export interface WebhookDispatchCursorTable {
  id: number;
  xid: string;
  seq: string;
}

/** webhooks: an OAuth 2 client of the municipality API (0074; the secret is kept only as a SHA-256). */
export interface MunicipalityApiClientTable extends ClientCredentialsClientColumns {
  municipality_code: string;
}

/** webhooks: an access token of the municipality API (opaque, stored hashed). */
export type MunicipalityApiTokenTable = ClientCredentialsTokenColumns;

/** The tables the webhooks module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type WebhooksTables = {
  outbound_event: OutboundEventTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_secret: WebhookSecretTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_dispatch_cursor: WebhookDispatchCursorTable;
  municipality_api_client: MunicipalityApiClientTable;
  municipality_api_token: MunicipalityApiTokenTable;
};
