// SQL of the one-time form tokens (table platform_form_token); the rules are in form-token.ts.
import { sql } from 'kysely';
import type { Trx } from '../db/tenant.ts';

/** Forgets tokens taken more than `hours` ago. */
export async function deleteFormTokensOlderThan(trx: Trx, hours: number): Promise<void> {
  await trx
    .deleteFrom('platform_form_token')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .execute();
}

/** Takes the token; false when it was taken before (a concurrent taker waits for the first one's commit). */
export async function insertFormToken(trx: Trx, once: { token: string; purpose: string; owner: string }): Promise<boolean> {
  const taken = await trx
    .insertInto('platform_form_token')
    .values({ token: once.token, purpose: once.purpose, owner: once.owner })
    .onConflict((oc) => oc.column('token').doNothing())
    .returning('token')
    .executeTakeFirst();
  return taken !== undefined;
}

export async function selectFormToken(trx: Trx, token: string): Promise<{ purpose: string; owner: string; result_id: string | null } | undefined> {
  return trx.selectFrom('platform_form_token').select(['purpose', 'owner', 'result_id']).where('token', '=', token).executeTakeFirst();
}

export async function updateFormTokenResult(trx: Trx, token: string, resultId: string): Promise<void> {
  await trx.updateTable('platform_form_token').set({ result_id: resultId }).where('token', '=', token).execute();
}
