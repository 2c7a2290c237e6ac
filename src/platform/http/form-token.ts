// One-time form tokens: what makes every creating form idempotent. The page puts a fresh random token in the
// form; the service takes it in the same transaction as the insert (`createOnce`). A resubmit of the same form —
// Back and submit again, a double click, a reload of the POST — finds the token taken and gets the id of the row
// the first submit made, so the page can redirect to that row instead of making a second one.
import { randomBytes } from 'node:crypto';
import { inTransaction, type Trx } from '../db/tenant.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { html, type SafeHtml } from '../views/html.ts';
import { deleteFormTokensOlderThan, insertFormToken, selectFormToken, updateFormTokenResult } from './form-token.repository.ts';

/** The hidden field's name (next to `_csrf`). */
export const FORM_TOKEN_FIELD = '_skema';

/** How long a taken token is remembered: longer than anyone keeps a form page open and submits it again. */
const KEPT_HOURS = 24;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** A submitted token, what it was for and whose it is: a token only ever replays for the same purpose and person. */
export type FormOnce = { token: string; purpose: string; owner: string };

/** The outcome of a creating submit: the row's id, and whether this submit made it or an earlier one did. */
export type CreatedOnce = { id: string; replayed: boolean };

function tokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && TOKEN_PATTERN.test(value) ? value : undefined;
}

/**
 * The hidden field carrying the form's one-time token. A form shown again after a validation error passes the
 * submitted values, so it keeps its token (the failed submit made nothing); otherwise a fresh one is made.
 */
export function formTokenField(values?: Record<string, unknown>): SafeHtml {
  const token = tokenOf(values?.[FORM_TOKEN_FIELD]) ?? randomBytes(24).toString('base64url');
  return html`<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${token}">`;
}

/**
 * The one-time token of a submitted form, bound to what the form creates and who submits it. Undefined when the
 * body has none (a client that is not a page of this app): that submit is simply not deduplicated.
 */
export function formOnce(body: unknown, purpose: string, owner: string): FormOnce | undefined {
  const token = tokenOf(typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[FORM_TOKEN_FIELD] : undefined);
  return token ? { token, purpose, owner } : undefined;
}

/**
 * Runs `create` (the insert) unless the token was taken before, in one transaction with taking the token (the
 * caller's, when `db` is one). A concurrent submit of the same token waits for this one and then replays it.
 * Throws CONFLICT when the token was taken for another purpose or by another person.
 */
export async function createOnce(db: Db | Trx, once: FormOnce | undefined, create: (trx: Trx) => Promise<string>): Promise<CreatedOnce> {
  return inTransaction(db, async (trx) => {
    if (!once) return { id: await create(trx), replayed: false };
    // Lazy prune: submits are rare enough, and the index on created_at makes this a short range scan.
    await deleteFormTokensOlderThan(trx, KEPT_HOURS);
    if (!(await insertFormToken(trx, once))) {
      const earlier = await selectFormToken(trx, once.token);
      if (!earlier?.result_id || earlier.purpose !== once.purpose || earlier.owner !== once.owner)
        throw new AppError('CONFLICT', 'This form was already submitted.');
      return { id: earlier.result_id, replayed: true };
    }
    const id = await create(trx);
    await updateFormTokenResult(trx, once.token, id);
    return { id, replayed: false };
  });
}
