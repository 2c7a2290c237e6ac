// oidc-provider's storage in PostgreSQL (table oidc_model, migration 0023). Clients are not stored: the model
// 'Client' is read from the listing's live version (approved, not delisted), so approving a new version changes the
// client and suspending or delisting the listing removes it.
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { decryptSecret } from '../../platform/crypto/sealed-secret.ts';
import {
  consumeModelOnce,
  destroyModel,
  destroyVendorModel,
  findModel,
  insertGrantBoundModel,
  revokeGrantTree,
  selectLiveClient,
  upsertModel,
  type OidcModelRow,
} from './sso.repository.ts';
import type { ClientCache } from './sso.caches.ts';
import { endVendorTokens } from './sso.revocation.ts';

/** Tokens issued under a grant: written only while the grant stands (a revocation racing the write wins). */
const GRANT_BOUND = new Set(['AccessToken', 'RefreshToken']);

/** How oidc-provider names the one-time artefacts in its errors. */
const ONE_TIME_LABELS: Record<string, string> = {
  AuthorizationCode: 'authorization code',
  RefreshToken: 'refresh token',
  DeviceCode: 'device code',
  BackchannelAuthenticationRequest: 'backchannel authentication request',
  PreAuthorizedCode: 'pre-authorized code',
};

/** Client metadata carrying the listing's vendor (the pairwise subject is per vendor, not per client). */
export const VENDOR_ID_METADATA = 'jobunivers_vendor_id';

function toPayload(row: OidcModelRow | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  const payload = row.payload as AdapterPayload;
  return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload;
}

/** A listing's live version as OpenID client metadata (client_id = the listing's id). */
export async function clientMetadataFor(db: Db, config: Config, listingId: string): Promise<AdapterPayload | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(listingId)) return undefined;
  const row = await selectLiveClient(db, listingId);
  if (!row || row.redirect_uris.length === 0) return undefined;
  const auth = row.client_auth_method ?? 'private_key_jwt';
  if (auth === 'private_key_jwt' && !row.jwks_uri) return undefined;
  if (auth === 'client_secret_basic' && !row.secret) return undefined;
  return {
    client_id: row.listing_id,
    redirect_uris: row.redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: auth,
    ...(auth === 'private_key_jwt'
      ? { jwks_uri: row.jwks_uri ?? undefined }
      : { client_secret: decryptSecret(config.cookieSecret, row.secret ?? Buffer.alloc(0)) }),
    // oidc-provider takes only https here and never uses it (the platform starts the login from the marketplace);
    // a sandbox listing's http://localhost address is left out of the client's metadata.
    ...(row.initiate_login_uri?.startsWith('https:') ? { initiate_login_uri: row.initiate_login_uri } : {}),
    ...(row.backchannel_logout_uri ? { backchannel_logout_uri: row.backchannel_logout_uri, backchannel_logout_session_required: true } : {}),
    id_token_signed_response_alg: 'ES256',
    // Every id token says when the citizen signed in (auth_time), so a service can ask for a fresh sign-in (max_age).
    require_auth_time: true,
    subject_type: 'pairwise',
    dpop_bound_access_tokens: true,
    require_pushed_authorization_requests: true,
    [VENDOR_ID_METADATA]: row.vendor_id,
  };
}

/** What the adapter works with: the app's databases and bus, and the app's cache of clients. */
export type AdapterDeps = { db: Db; stateDb: Db; config: Config; changes: ChangeBus; clients: ClientCache };

/**
 * The adapter class oidc-provider instantiates once per model name. New and updated artefacts go through `stateDb`
 * (asynchronous commit — see docs/SSO.md: a crash of the database server may lose the last fraction of a second of
 * codes, sessions and replay ids, and the citizen starts the service again); consuming a one-time artefact and
 * deleting them (a revocation) go through `db`, committed to disk before the provider goes on. Deleting a grant or an
 * access token tells every process (vendorAccessRevoked), so no Data API keeps serving it.
 */
export function postgresAdapter(deps: AdapterDeps): new (name: string) => Adapter {
  const { db, stateDb, config, clients } = deps;
  const findClient = (id: string) => clients.remember(id, () => clientMetadataFor(db, config, id));
  return class PostgresAdapter implements Adapter {
    private readonly name: string;
    constructor(name: string) {
      this.name = name;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.name === 'Client') return; // clients come from listings, never from the provider
      const grantId = typeof payload.grantId === 'string' ? payload.grantId : undefined;
      // A token whose grant was revoked while it was being issued (a code redeemed twice at once) is not written: the
      // vendor gets an answer, but its token is refused at once, like every other token of the revoked code.
      if (grantId && GRANT_BOUND.has(this.name)) await insertGrantBoundModel(stateDb, this.name, id, grantId, payload, expiresIn);
      else await upsertModel(stateDb, this.name, id, payload, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.name === 'Client') return findClient(id);
      return toPayload(await findModel(db, this.name, 'id', id));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return toPayload(await findModel(db, this.name, 'user_code', userCode));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return toPayload(await findModel(db, this.name, 'uid', uid));
    }

    // oidc-provider looks an artefact up, checks `consumed`, then consumes it: two requests at once both pass the
    // check. The consumption is the gate instead — one statement, committed to disk before the provider goes on — and
    // the loser is answered as a reuse, with everything issued under the grant revoked.
    async consume(id: string): Promise<void> {
      const { won, grantId } = await consumeModelOnce(db, this.name, id);
      if (won) return;
      if (this.name === 'PushedAuthorizationRequest') throw new errors.InvalidRequestUri('request_uri is invalid, expired, or was already used');
      if (grantId) await this.revokeByGrantId(grantId);
      throw new errors.InvalidGrant(`${ONE_TIME_LABELS[this.name] ?? this.name} already consumed`);
    }

    async destroy(id: string): Promise<void> {
      if (this.name === 'AccessToken' || this.name === 'Grant') await endVendorTokens(deps, (trx) => destroyVendorModel(trx, this.name, id));
      else await destroyModel(db, this.name, id);
    }

    // oidc-provider revokes a grant (a code or refresh token reused) model by model and the grant itself beside them;
    // the grant goes first here, so a token being issued under it at that moment is not left behind.
    async revokeByGrantId(grantId: string): Promise<void> {
      await endVendorTokens(deps, (trx) => revokeGrantTree(trx, grantId));
    }
  };
}
