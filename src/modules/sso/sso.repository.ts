// SQL of the single sign-on: oidc-provider's stored models (table oidc_model), the live listing versions that are its
// clients, what an interaction needs to know about a listing and a citizen, and the rows behind a vendor's token.
// Other modules' data comes through the views they publish (listings, vendors, curation, consent, identity,
// municipalities), each inlined by PostgreSQL into the one query that reads it.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { NsisLevel } from '../../platform/auth/nsis.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';

export type OidcModelRow = { payload: Record<string, unknown>; expires_at: Date | null; consumed_at: Date | null };

/** Writes one of the provider's models, copying the ids other modules look up by into their columns. */
export async function upsertModel(db: Db, kind: string, id: string, payload: Record<string, unknown>, expiresIn: number | undefined): Promise<void> {
  const str = (key: string) => (typeof payload[key] === 'string' ? payload[key] : null);
  const row = {
    kind,
    id,
    payload: JSON.stringify(payload),
    grant_id: str('grantId'),
    uid: str('uid'),
    user_code: str('userCode'),
    account_id: str('accountId'),
    client_id: str('clientId'),
    expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
  };
  await db
    .insertInto('oidc_model')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['kind', 'id']).doUpdateSet({
        payload: row.payload,
        grant_id: row.grant_id,
        uid: row.uid,
        user_code: row.user_code,
        account_id: row.account_id,
        client_id: row.client_id,
        expires_at: row.expires_at,
      }),
    )
    .execute();
}

/** One model by a column; expired rows count as gone. */
export async function findModel(db: Db, kind: string, by: 'id' | 'uid' | 'user_code', value: string): Promise<OidcModelRow | undefined> {
  return db
    .selectFrom('oidc_model')
    .select(['payload', 'expires_at', 'consumed_at'])
    .where('kind', '=', kind)
    .where(by, '=', value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .limit(1)
    .executeTakeFirst();
}

/**
 * Consumes a one-time artefact (code, PAR request, device or back-channel request, refresh token) in one statement:
 * `won` only for the one call that found it unconsumed, whatever else runs at the same time; `grantId` either way.
 */
export async function consumeModelOnce(db: Db, kind: string, id: string): Promise<{ won: boolean; grantId: string | null }> {
  const { rows } = await sql<{ won: boolean; grant_id: string | null }>`
    with taken as (
      update oidc_model set consumed_at = now() where kind = ${kind} and id = ${id} and consumed_at is null returning grant_id
    )
    select true as won, grant_id from taken
    union all
    select false, grant_id from oidc_model where kind = ${kind} and id = ${id} and not exists (select 1 from taken)
  `.execute(db);
  return { won: rows[0]?.won ?? false, grantId: rows[0]?.grant_id ?? null };
}

/** Marks an authorization code consumed whether or not it was; the code's grant, when the code exists. */
export async function burnAuthorizationCode(db: Db, code: string): Promise<string | null | undefined> {
  const row = await db
    .updateTable('oidc_model')
    .set({ consumed_at: sql<Date>`coalesce(consumed_at, now())` })
    .where('kind', '=', 'AuthorizationCode')
    .where('id', '=', code)
    .returning('grant_id')
    .executeTakeFirst();
  return row?.grant_id;
}

/**
 * Revokes a grant and everything issued under it. The grant's row goes first, in its own statement: a token written
 * under the grant at the same time (insertGrantBoundModel) either committed before — and the second statement deletes
 * it — or waited for the grant's row and found it gone.
 */
/** Deletes the citizen's grants, codes and tokens at every listing of the vendor; returns how many rows went. */
export async function deleteVendorModels(db: Db | Trx, citizenId: string, vendorId: string): Promise<number> {
  const result = await db
    .deleteFrom('oidc_model')
    .where('account_id', '=', citizenId)
    .where('client_id', 'in', (eb) =>
      eb
        .selectFrom('listing_owner')
        .select(sql<string>`listing_id::text`.as('id'))
        .where('vendor_id', '=', vendorId),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function revokeGrantTree(db: Db, grantId: string): Promise<VendorOwner[]> {
  const grant = await sql<OwnerRow>`
    with gone as (delete from oidc_model where kind = 'Grant' and id = ${grantId} returning account_id, client_id) ${ownersOf}
  `.execute(db);
  const issued = await sql<OwnerRow>`
    with gone as (delete from oidc_model where grant_id = ${grantId} returning account_id, client_id) ${ownersOf}
  `.execute(db);
  return distinctOwners([...grant.rows, ...issued.rows]);
}

/** A citizen and a vendor whose grants or tokens were deleted (for telling whoever keeps tokens). */
export type VendorOwner = { citizenId: string; vendorId: string };
type OwnerRow = { account_id: string; vendor_id: string };

/** The citizens and vendors of the rows a `gone` CTE deleted (a listing's vendor through listings' published owner view). */
const ownersOf = sql`select distinct g.account_id, l.vendor_id from gone g join listing_owner l on l.listing_id::text = g.client_id`;

const distinctOwners = (rows: OwnerRow[]): VendorOwner[] => [
  ...new Map(rows.map((row) => [`${row.account_id}:${row.vendor_id}`, { citizenId: row.account_id, vendorId: row.vendor_id }])).values(),
];

/** Deletes one of the provider's grant or token rows; its citizen and vendor, when it had them. */
export async function destroyVendorModel(db: Db, kind: string, id: string): Promise<VendorOwner[]> {
  const { rows } = await sql<OwnerRow>`
    with gone as (delete from oidc_model where kind = ${kind} and id = ${id} returning account_id, client_id) ${ownersOf}
  `.execute(db);
  return distinctOwners(rows);
}

/**
 * Writes a token issued under a grant only while the grant's row exists, holding that row (for share) until the write
 * commits; false when the grant was revoked meanwhile (nothing written).
 */
export async function insertGrantBoundModel(
  db: Db,
  kind: string,
  id: string,
  grantId: string,
  payload: Record<string, unknown>,
  expiresIn: number | undefined,
): Promise<boolean> {
  const str = (key: string) => (typeof payload[key] === 'string' ? payload[key] : null);
  const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
  const { rows } = await sql<{ id: string }>`
    with grant_row as (select id from oidc_model where kind = 'Grant' and id = ${grantId} for share)
    insert into oidc_model (kind, id, payload, grant_id, uid, user_code, account_id, client_id, expires_at)
    select ${kind}, ${id}, ${JSON.stringify(payload)}::jsonb, ${grantId}, ${str('uid')}, ${str('userCode')}, ${str('accountId')}, ${str('clientId')}, ${expiresAt}
    from grant_row
    on conflict (kind, id) do update set payload = excluded.payload, expires_at = excluded.expires_at
    returning id
  `.execute(db);
  return rows.length > 0;
}

/**
 * Stores a one-time id (a client assertion's or a DPoP proof's) unless it is there and still valid, in one statement;
 * false when it was seen before (a replay). An expired row of the same id is claimed anew.
 */
export async function claimOnce(db: Db, kind: string, id: string, payload: Record<string, unknown>, expiresAt: Date): Promise<boolean> {
  const row = await db
    .insertInto('oidc_model')
    .values({ kind, id, payload: JSON.stringify(payload), expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'id'])
        .doUpdateSet({ payload: (eb) => eb.ref('excluded.payload'), expires_at: (eb) => eb.ref('excluded.expires_at'), consumed_at: null })
        .where('oidc_model.expires_at', '<=', sql<Date>`now()`),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function destroyModel(db: Db, kind: string, id: string): Promise<void> {
  await db.deleteFrom('oidc_model').where('kind', '=', kind).where('id', '=', id).execute();
}

/** Removes expired models (and DPoP proof ids); returns how many. */
export async function deleteExpiredModels(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('oidc_model')
    .where('expires_at', '<', sql<Date>`now() - interval '5 minutes'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A listing's live version as an OpenID client: what oidc-provider needs, plus the vendor. */
export type LiveClientRow = {
  listing_id: string;
  vendor_id: string;
  redirect_uris: string[];
  client_auth_method: 'private_key_jwt' | 'client_secret_basic' | null;
  jwks_uri: string | null;
  initiate_login_uri: string | null;
  backchannel_logout_uri: string | null;
  secret: Buffer | null;
};

/** The live (approved, not delisted) version of a listing as a client; none for suspended or delisted listings. */
export async function selectLiveClient(db: Db, listingId: string): Promise<LiveClientRow | undefined> {
  const { rows } = await sql<LiveClientRow>`
    select v.listing_id, l.vendor_id, v.redirect_uris, v.client_auth_method, v.jwks_uri, v.initiate_login_uri,
           v.backchannel_logout_uri, s.secret
    from listing_live v
    join listing_owner l on l.listing_id = v.listing_id and l.delisted_at is null
    left join oidc_client_secret s on s.listing_id = v.listing_id
    where v.listing_id = ${listingId}::uuid
  `.execute(db);
  return rows[0];
}

/** What an interaction checks about a listing for a citizen's municipality. */
export type InteractionListingRow = {
  listing_id: string;
  vendor_id: string;
  vendor_name: string;
  name_da: string;
  name_en: string;
  required_nsis_level: NsisLevel;
  redirect_uris: string[];
  enabled: boolean;
  /** How many data categories the version asks for (none: no consent to ask for). */
  data_categories: number;
};

/** The listing's live version, and whether the municipality enabled it (run in the citizen's municipality's scope). */
export async function selectInteractionListing(trx: Trx, listingId: string, municipalityCode: string): Promise<InteractionListingRow | undefined> {
  const { rows } = await sql<InteractionListingRow>`
    select v.listing_id, l.vendor_id, vp.name as vendor_name, v.name_da, v.name_en,
           coalesce(v.required_nsis_level, 'Substantial') as required_nsis_level, v.redirect_uris,
           exists (select 1 from municipality_offer_listing ml where ml.listing_id = v.listing_id and ml.municipality_code = ${municipalityCode}) as enabled,
           (select count(*)::int from listing_data_use d where d.version_id = v.version_id) as data_categories
    from listing_live v
    join listing_owner l on l.listing_id = v.listing_id and l.delisted_at is null
    join vendor_profile vp on vp.id = l.vendor_id
    where v.listing_id = ${listingId}::uuid
  `.execute(trx);
  return rows[0];
}

/** When a citizen's current consent for a listing runs out (for the grant's lifetime). */
export async function selectConsentValidUntil(trx: Trx, consentId: string): Promise<Date | undefined> {
  const row = await trx.selectFrom('consent_validity').select('valid_until').where('id', '=', consentId).executeTakeFirst();
  return row?.valid_until;
}

export async function selectCitizenName(trx: Trx, citizenId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('citizen_identity').select('full_name').where('id', '=', citizenId).executeTakeFirst();
  return row?.full_name;
}

/** Where the marketplace hands a citizen over to a listing's service (its live version). */
export async function selectLaunchTarget(db: Db, listingId: string): Promise<{ service_url: string | null; initiate_login_uri: string | null } | undefined> {
  return db.selectFrom('listing_live').select(['service_url', 'initiate_login_uri']).where('listing_id', '=', listingId).executeTakeFirst();
}

/** A vendor's access token with the listing and vendor it was issued to (only while the listing is live). */
export type VendorTokenRow = {
  payload: {
    accountId?: string;
    clientId?: string;
    scope?: string;
    jkt?: string;
    exp?: number;
    extra?: { acr?: string; municipality?: { code?: string; name?: string } };
  };
  expires_at: Date | null;
  listing_id: string;
  vendor_cvr: string;
  vendor_name: string;
};

export async function selectVendorToken(db: Db, tokenValue: string): Promise<VendorTokenRow | undefined> {
  const { rows } = await sql<VendorTokenRow>`
    select t.payload, t.expires_at, v.listing_id, vp.cvr as vendor_cvr, vp.name as vendor_name
    from oidc_model t
    join listing_live v on v.listing_id = t.client_id::uuid
    join listing_owner l on l.listing_id = v.listing_id and l.delisted_at is null
    join vendor_profile vp on vp.id = l.vendor_id
    where t.kind = 'AccessToken' and t.id = ${tokenValue}
  `.execute(db);
  return rows[0];
}

/** The citizen's municipality (run in the citizen's own scope). */
export async function selectCitizenMunicipality(trx: Trx, citizenId: string): Promise<{ code: string; name: string } | undefined> {
  return trx
    .selectFrom('citizen_identity as c')
    .innerJoin('municipality_name as m', 'm.code', 'c.municipality_code')
    .select(['m.code', 'm.name'])
    .where('c.id', '=', citizenId)
    .executeTakeFirst();
}

export type SeenProof = { jkt: string; jti: string; expiresAt: Date };

const proofId = (proof: SeenProof) => createHash('sha256').update(`${proof.jkt}:${proof.jti}`).digest('base64url');

/** Records DPoP proofs' ids in one statement; for each, false when it was seen before (a replay). */
export async function rememberProofs(db: Db, proofs: readonly SeenProof[]): Promise<boolean[]> {
  const ids = proofs.map(proofId);
  const inserted = await db
    .insertInto('oidc_model')
    .values(proofs.map((proof, i) => ({ kind: 'DPoPProof', id: ids[i] ?? '', payload: '{}', expires_at: proof.expiresAt })))
    .onConflict((oc) => oc.columns(['kind', 'id']).doNothing())
    .returning('id')
    .execute();
  const fresh = new Set(inserted.map((row) => row.id));
  // The same proof twice in one batch: the first one counts.
  const seen = new Set<string>();
  return ids.map((id) => {
    const first = fresh.has(id) && !seen.has(id);
    seen.add(id);
    return first;
  });
}

/** The provider's sessions of a citizen (for ending them with the platform session). */
export async function selectSessionsOfAccount(db: Db, accountId: string): Promise<{ id: string; payload: Record<string, unknown> }[]> {
  return db.selectFrom('oidc_model').select(['id', 'payload']).where('kind', '=', 'Session').where('account_id', '=', accountId).execute();
}

/** When a platform session began (its token's SHA-256): the sign-in's time where the session does not say. */
export async function selectPlatformSessionStart(db: Db, tokenHash: Buffer): Promise<Date | undefined> {
  const row = await db.selectFrom('session_lifetime').select('created_at').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.created_at;
}

/** Remembers that a citizen's single sign-on came from a platform session (by its token's SHA-256). */
export async function linkPlatformSession(db: Db, tokenHash: Buffer, accountId: string): Promise<void> {
  await db
    .insertInto('sso_platform_session')
    .values({ token_hash: tokenHash, account_id: accountId })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/**
 * Takes the link of a platform session that has ended (or was cut short and is no longer live); the account when this
 * call took it, undefined when there was none, another process took it, or the session still lives.
 */
export async function takeEndedPlatformSession(db: Db, tokenHash: Buffer): Promise<string | undefined> {
  const { rows } = await sql<{ account_id: string }>`
    delete from sso_platform_session l
    where l.token_hash = ${tokenHash}
      and not exists (select 1 from session_lifetime s where s.token_hash = l.token_hash and s.expires_at > now())
    returning l.account_id
  `.execute(db);
  return rows[0]?.account_id;
}

/** Whether another live platform session of the account has signed in to vendors. */
export async function hasOtherLinkedSession(db: Db, accountId: string): Promise<boolean> {
  const { rows } = await sql<{ live: boolean }>`
    select exists (
      select 1 from sso_platform_session l join session_lifetime s on s.token_hash = l.token_hash and s.expires_at > now()
      where l.account_id = ${accountId}
    ) as live
  `.execute(db);
  return rows[0]?.live ?? false;
}
