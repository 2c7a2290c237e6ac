// What the consent tests share: a listing with a live version asking for data (written by the database owner as a
// fixture), and a test-only route that shows the consent screen and records the answer as the single sign-on's
// interaction does (loadConsentRequest → consentStanding → renderConsentScreen → recordConsent).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { consentStanding, loadConsentRequest, parseConsentAnswer, recordConsent, renderConsentScreen } from '../../src/modules/consent/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { LegalBasis } from '../../src/platform/db/schema.ts';
import { AppError, isAppError } from '../../src/platform/errors.ts';
import { principalOf } from '../../src/platform/http/access.ts';
import type { RouteModule } from '../../src/platform/http/app.ts';
import { pageContext, sendPage } from '../../src/platform/http/page-context.ts';
import { formErrors } from '../../src/platform/views/components.ts';
import { liveVersionTexts } from './factories.ts';

export type DataUse = { category: string; purpose: string; legalBasis: LegalBasis };

export type ListingOptions = { vendorId: string; name?: string; data?: DataUse[]; deletionUri?: string | null; worksWithoutData?: boolean };

/** Adds a version to a listing (approved: the earlier live one becomes superseded). */
export async function addListingVersion(db: Db, listingId: string, options: ListingOptions): Promise<string> {
  const versionId = randomUUID();
  const { rows } = await sql<{ next: number }>`select coalesce(max(version), 0) + 1 as next from listing_version where listing_id = ${listingId}`.execute(db);
  await db.updateTable('listing_version').set({ status: 'superseded' }).where('listing_id', '=', listingId).where('status', '=', 'approved').execute();
  const name = options.name ?? 'Samtaletræning';
  await db
    .insertInto('listing_version')
    .values({
      id: versionId,
      listing_id: listingId,
      version: Number(rows[0]?.next ?? 1),
      ...liveVersionTexts(listingId, name),
      deletion_uri: options.deletionUri ?? null,
      works_without_data: options.worksWithoutData ?? true,
    })
    .execute();
  for (const use of options.data ?? []) {
    await db
      .insertInto('listing_version_data_category')
      .values({ version_id: versionId, category: use.category, purpose_da: use.purpose, purpose_en: `${use.purpose} (en)`, legal_basis: use.legalBasis })
      .execute();
  }
  return versionId;
}

/** A listing of the vendor with one live version asking for the given data. */
export async function createConsentListing(db: Db, options: ListingOptions): Promise<{ listingId: string; versionId: string }> {
  const listingId = randomUUID();
  await db.insertInto('listing').values({ id: listingId, vendor_id: options.vendorId }).execute();
  const versionId = await addListingVersion(db, listingId, options);
  return { listingId, versionId };
}

export const CONSENT_SCREEN_PATH = '/test/samtykke';

/**
 * A test-only page standing in for the single sign-on's interaction: GET shows the consent screen (or says the
 * decision stands), POST records the answer (field message on a bad one) and redirects back.
 */
export const consentScreenRoutes: RouteModule = (app, { db, config }) => {
  const access = { access: { roles: ['citizen'], level: 'Substantial' } } as const;
  const requestFor = (actor: ReturnType<typeof principalOf>, listingId: string) => {
    if (!actor.citizenId || !actor.municipality) throw new AppError('FORBIDDEN');
    return loadConsentRequest(db, { citizenId: actor.citizenId, municipalityCode: actor.municipality.code, listingId });
  };
  app.get(`${CONSENT_SCREEN_PATH}/:listingId`, { config: access }, async (request, reply) => {
    const { listingId } = request.params as { listingId: string };
    const consentRequest = await requestFor(principalOf(request), listingId);
    const standing = await consentStanding(db, consentRequest);
    if (standing.kind === 'decided') return reply.type('text/plain').send(`decided: ${standing.acceptedCategories.join(',')}`);
    const ctx = pageContext(request, reply);
    const form = {
      action: `${CONSENT_SCREEN_PATH}/${listingId}`,
      cancelUrl: '/borger',
      validityMonths: config.consent.validityMonths,
      changed: standing.previous !== undefined,
    };
    return sendPage(reply, renderConsentScreen(ctx, consentRequest, form));
  });
  app.post(`${CONSENT_SCREEN_PATH}/:listingId`, { config: access }, async (request, reply) => {
    const { listingId } = request.params as { listingId: string };
    const consentRequest = await requestFor(principalOf(request), listingId);
    try {
      const answer = parseConsentAnswer(request.body, request.locale);
      await recordConsent({ db, config }, consentRequest, answer);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
      const ctx = pageContext(request, reply);
      const form = {
        action: `${CONSENT_SCREEN_PATH}/${listingId}`,
        cancelUrl: '/borger',
        validityMonths: config.consent.validityMonths,
        errors: formErrors(error.fields, ctx.locale),
      };
      return sendPage(reply, renderConsentScreen(ctx, consentRequest, form), 400);
    }
    return reply.redirect(`${CONSENT_SCREEN_PATH}/${listingId}`, 303);
  });
};
