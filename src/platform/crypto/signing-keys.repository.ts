// SQL for the platform's signing keys (table oidc_signing_key, migration 0023); no rules here.
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/tenant.ts';

export type SigningKeyRow = { kid: string; private_key: Buffer; public_jwk: Record<string, unknown>; status: 'active' | 'previous' | 'retired' };

/** The published keys (active and previous), the active one first, then the newest. */
export function selectPublishedKeys(db: Db | Trx): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('oidc_signing_key')
    .select(['kid', 'private_key', 'public_jwk', 'status'])
    .where('status', 'in', ['active', 'previous'])
    .orderBy('status')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Writes a key; a second active key loses to the one already there (unique index), silently. */
export async function insertSigningKey(
  db: Db | Trx,
  key: { kid: string; privateKey: Buffer; publicJwk: string; status: 'active' | 'previous' },
): Promise<void> {
  await db
    .insertInto('oidc_signing_key')
    .values({ kid: key.kid, alg: 'ES256', private_key: key.privateKey, public_jwk: key.publicJwk, status: key.status })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Retires the previous keys and makes the active one previous (the first half of a rotation). */
export async function demoteSigningKeys(trx: Trx): Promise<void> {
  await trx.updateTable('oidc_signing_key').set({ status: 'retired', retired_at: new Date() }).where('status', '=', 'previous').execute();
  await trx.updateTable('oidc_signing_key').set({ status: 'previous' }).where('status', '=', 'active').execute();
}

/** The active key's id. Throws when there is none. */
export async function selectActiveKid(db: Db | Trx): Promise<string> {
  const row = await db.selectFrom('oidc_signing_key').select('kid').where('status', '=', 'active').executeTakeFirstOrThrow();
  return row.kid;
}
