// Use cases of the licence agreements a municipality buys from vendors: record them (listing, seats, period,
// price, budget holder), change them, and see how many seats citizens have taken. Licences are the
// municipality's own: reads too run under row-level security for it.
import type { Principal } from '../../platform/auth/principal.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput } from '../../platform/validation.ts';
import { copenhagenDate } from '../../platform/time.ts';
import {
  insertLicence,
  selectEnabledListingChoices,
  selectLicence,
  selectLicences,
  selectLicencesOfListing,
  selectLicencesValidIn,
  selectSeatsTakenByMonth,
  updateLicence as updateLicenceRow,
  type LicenceRow,
  type ListingChoiceRow,
} from './curation.repository.ts';
import { announceOfferChange, publishOfferChange } from './curation.changes.ts';
import { licenceSchema } from './curation.schemas.ts';
import { workspaceMunicipality } from './curation.service.ts';

export const LICENCES_PAGE_SIZE = 20;

/** A page of the municipality's licences (in force and to come first) with seat use. */
export async function listLicences(db: Db, actor: Principal, page: number): Promise<{ licences: LicenceRow[]; hasNext: boolean; today: string }> {
  const code = workspaceMunicipality(actor);
  const today = copenhagenDate();
  const rows = await withTenant(db, { municipality: code }, (trx) =>
    selectLicences(trx, code, { today, limit: LICENCES_PAGE_SIZE + 1, offset: (page - 1) * LICENCES_PAGE_SIZE }),
  );
  return { licences: rows.slice(0, LICENCES_PAGE_SIZE), hasNext: rows.length > LICENCES_PAGE_SIZE, today };
}

/** The municipality's licences for one listing (for the listing's curation page). */
export async function listLicencesOfListing(db: Db, actor: Principal, listingId: string): Promise<LicenceRow[]> {
  const code = workspaceMunicipality(actor);
  return withTenant(db, { municipality: code }, (trx) => selectLicencesOfListing(trx, code, listingId));
}

/** One of the municipality's licences with seat use. Throws NOT_FOUND for any other id. */
export async function getLicence(db: Db, actor: Principal, licenceId: string): Promise<LicenceRow> {
  const code = workspaceMunicipality(actor);
  const licence = await withTenant(db, { municipality: code }, (trx) => selectLicence(trx, code, licenceId));
  if (!licence) throw new AppError('NOT_FOUND', 'No such licence.');
  return licence;
}

/** A licence with how its seats were taken month by month (first launches), for the dashboard. */
export type LicenceUse = {
  id: string;
  listing_id: string;
  seats: number;
  price_dkk: string;
  valid_from: string;
  valid_to: string;
  seatsByMonth: { month: string; seats: number }[];
};

/** The municipality's licences valid in the period ('YYYY-MM-DD', both included) with seat use over time. */
export async function listLicenceUse(db: Db, actor: Principal, period: { from: string; to: string }): Promise<LicenceUse[]> {
  const code = workspaceMunicipality(actor);
  return withTenant(db, { municipality: code }, async (trx) => {
    const licences = await selectLicencesValidIn(trx, code, period.from, period.to);
    const seats = await selectSeatsTakenByMonth(
      trx,
      code,
      licences.map((l) => l.id),
    );
    return licences.map((licence) => ({
      ...licence,
      seatsByMonth: seats.filter((s) => s.licence_id === licence.id).map((s) => ({ month: s.month, seats: s.seats })),
    }));
  });
}

/** The listings a licence may be recorded for: the municipality's enabled ones. */
export async function licenceListingChoices(db: Db, actor: Principal): Promise<ListingChoiceRow[]> {
  return selectEnabledListingChoices(db, workspaceMunicipality(actor));
}

/**
 * Records a licence agreement for an enabled listing, once per form token (a resubmit gets the first one's id,
 * `replayed`). Throws VALIDATION with field messages, CONFLICT for another form's token.
 */
export async function recordLicence(db: Db, actor: Principal, input: unknown, changes: ChangeBus, once?: FormOnce): Promise<CreatedOnce> {
  const code = workspaceMunicipality(actor);
  const choices = await selectEnabledListingChoices(db, code);
  const licence = parseInput(licenceSchema(choices.map((c) => c.listing_id)), input);
  const created = await withTenant(db, { municipality: code }, (trx) =>
    createOnce(trx, once, async (t) => {
      const id = await insertLicence(t, code, licence, actor.subject);
      await announceOfferChange(t, changes, code);
      return id;
    }),
  );
  await publishOfferChange(changes, code);
  return created;
}

/**
 * Changes a licence agreement; its listing stays. Throws NOT_FOUND for any other id, VALIDATION with field
 * messages — also when the seats would be fewer than citizens have taken.
 */
export async function updateLicence(db: Db, actor: Principal, licenceId: string, input: unknown, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  await withTenant(db, { municipality: code }, async (trx) => {
    // Locked: a seat is claimed under the same lock (claim_licence_seat), so the count holds until commit.
    const current = await selectLicence(trx, code, licenceId, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', 'No such licence.');
    const licence = parseInput(licenceSchema([current.listing_id]), {
      ...(typeof input === 'object' && input !== null ? input : {}),
      listingId: current.listing_id,
    });
    if (licence.seats < current.seats_used) {
      throw new AppError('VALIDATION', 'Fewer seats than are taken.', [
        { field: 'seats', message: 'curation.validation.seatsBelowUsed', params: { used: current.seats_used } },
      ]);
    }
    await updateLicenceRow(trx, code, licenceId, licence);
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}
