// Use cases of the municipality's own local offers (the jobcenter's workshops, courses, job fairs and meetings):
// write, change and cancel them, see how many places are taken, and — logged as a look-up — who signed up; once an
// offer has started, who came.
import type { Principal } from '../../platform/auth/principal.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput } from '../../platform/validation.ts';
import { recordCitizenAccess } from '../identity/index.ts';
import {
  cancelLocalOffer as cancelOfferRow,
  codesOf,
  insertLocalOffer,
  selectLocalOffer,
  selectLocalOffers,
  selectAttendanceCounts,
  selectNamedSignups,
  selectPlacesTaken,
  selectSignups,
  selectTaxonomies,
  updateAttendance,
  updateLocalOffer as updateOfferRow,
  type AttendanceCounts,
  type LocalOfferListRow,
  type LocalOfferRow,
  type SignupRow,
} from './curation.repository.ts';
import { announceOfferChange, publishOfferChange } from './curation.changes.ts';
import { attendanceSchema, localOfferSchema } from './curation.schemas.ts';
import { workspaceMunicipality } from './curation.service.ts';

export const OFFERS_PAGE_SIZE = 20;

/** A page of the municipality's local offers (those to come first) with places taken. */
export async function listLocalOffers(db: Db, actor: Principal, page: number): Promise<{ offers: LocalOfferListRow[]; hasNext: boolean }> {
  const code = workspaceMunicipality(actor);
  const rows = await selectLocalOffers(db, code, { limit: OFFERS_PAGE_SIZE + 1, offset: (page - 1) * OFFERS_PAGE_SIZE });
  return { offers: rows.slice(0, OFFERS_PAGE_SIZE), hasNext: rows.length > OFFERS_PAGE_SIZE };
}

/** One of the municipality's local offers with places taken. Throws NOT_FOUND for any other id. */
export async function getLocalOffer(db: Db, actor: Principal, offerId: string): Promise<LocalOfferRow & { taken: number }> {
  const code = workspaceMunicipality(actor);
  const offer = await selectLocalOffer(db, code, offerId);
  if (!offer) throw new AppError('NOT_FOUND', 'No such local offer.');
  const taken = await selectPlacesTaken(db, [offer.id]);
  return { ...offer, taken: taken.get(offer.id) ?? 0 };
}

/**
 * Creates a local offer starting in the future, once per form token (a resubmit gets the first one's id,
 * `replayed`). Throws VALIDATION with field messages, CONFLICT for another form's token.
 */
export async function createLocalOffer(
  db: Db,
  actor: Principal,
  input: unknown,
  changes: ChangeBus,
  once?: FormOnce,
  now: Date = new Date(),
): Promise<CreatedOnce> {
  const code = workspaceMunicipality(actor);
  const offer = parseInput(localOfferSchema(codesOf(await selectTaxonomies(db)), { earliestStart: now }), input);
  const created = await withTenant(db, { municipality: code }, (trx) =>
    createOnce(trx, once, async (t) => {
      const id = await insertLocalOffer(t, code, offer, actor.subject);
      await announceOfferChange(t, changes, code);
      return id;
    }),
  );
  await publishOfferChange(changes, code);
  return created;
}

/**
 * Changes a local offer. Throws NOT_FOUND for another municipality's or an unknown offer, CONFLICT for a cancelled
 * one, VALIDATION with field messages — also when the capacity is below the places already taken.
 */
export async function updateLocalOffer(db: Db, actor: Principal, offerId: string, input: unknown, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  const offer = parseInput(localOfferSchema(codesOf(await selectTaxonomies(db))), input);
  await withTenant(db, { municipality: code }, async (trx) => {
    // Locked: sign-ups take the same lock, so the count below holds until the change is committed.
    const current = await selectLocalOffer(trx, code, offerId, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', 'No such local offer.');
    if (current.cancelled_at) throw new AppError('CONFLICT', 'A cancelled offer cannot be changed.');
    const taken = (await selectPlacesTaken(trx, [offerId])).get(offerId) ?? 0;
    if (offer.capacity !== undefined && offer.capacity < taken) {
      throw new AppError('VALIDATION', 'The capacity is below the places taken.', [
        { field: 'capacity', message: 'curation.validation.capacityBelowTaken', params: { taken } },
      ]);
    }
    await updateOfferRow(trx, code, offerId, offer);
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

/** Cancels a local offer (sign-ups stay on record; nobody can sign up any more). Throws NOT_FOUND for any other id. */
export async function cancelLocalOffer(db: Db, actor: Principal, offerId: string, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  await withTenant(db, { municipality: code }, async (trx) => {
    if (!(await selectLocalOffer(trx, code, offerId, { lock: true }))) throw new AppError('NOT_FOUND', 'No such local offer.');
    await cancelOfferRow(trx, code, offerId);
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

export const SIGNUPS_PAGE_SIZE = 100;

/**
 * Whether attendance can be recorded now: from the offer's start (`open`), not before (`not_started`), never on a
 * cancelled offer (`cancelled`).
 */
export type AttendanceState = 'open' | 'not_started' | 'cancelled';

function attendanceState(offer: LocalOfferRow, now: Date): AttendanceState {
  if (offer.cancelled_at) return 'cancelled';
  return offer.starts_at <= now ? 'open' : 'not_started';
}

/** Why staff saw or changed a participant: the platform's wording, shown in the citizen's language in Min Log. */
function participantsPurpose(offer: LocalOfferRow) {
  return {
    purpose: `Deltagerliste til det lokale tilbud »${offer.title_da}«`,
    purposeCode: 'local_offer_participants' as const,
    purposeArgs: { title_da: offer.title_da, title_en: offer.title_en },
  };
}

/**
 * Who signed up for one of the municipality's offers — names only, a page at a time — how many there are, and once
 * it has started how many came. Seeing a name is a look-up of a citizen's data by staff: each named citizen's access
 * log gets it, with its purpose, in the same transaction. Throws NOT_FOUND for any other id.
 */
export async function listSignups(
  db: Db,
  actor: Principal,
  offerId: string,
  page: number,
  now: Date = new Date(),
): Promise<{
  offer: LocalOfferRow;
  signups: SignupRow[];
  taken: number;
  hasNext: boolean;
  attendance: { state: AttendanceState; counts: AttendanceCounts };
}> {
  const code = workspaceMunicipality(actor);
  return withTenant(db, { municipality: code }, async (trx) => {
    const offer = await selectLocalOffer(trx, code, offerId);
    if (!offer) throw new AppError('NOT_FOUND', 'No such local offer.');
    const rows = await selectSignups(trx, code, offerId, { limit: SIGNUPS_PAGE_SIZE + 1, offset: (page - 1) * SIGNUPS_PAGE_SIZE });
    const signups = rows.slice(0, SIGNUPS_PAGE_SIZE);
    for (const signup of signups) {
      if (signup.full_name !== null) await recordCitizenAccess(trx, actor, signup.citizen_id, { dataCategory: 'identity', ...participantsPurpose(offer) });
    }
    const taken = (await selectPlacesTaken(trx, [offerId])).get(offerId) ?? 0;
    const attendance = { state: attendanceState(offer, now), counts: await selectAttendanceCounts(trx, code, offerId) };
    return { offer, signups, taken, hasNext: rows.length > SIGNUPS_PAGE_SIZE, attendance };
  });
}

/**
 * Records, from a page of the participant list, who came to one of the municipality's offers and who did not, in one
 * transaction; a choice already recorded changes nothing. Like the list itself, this looks the chosen citizens up by
 * name, so each one's access log gets it with the list's purpose. Throws VALIDATION with field messages for nonsense, NOT_FOUND for another municipality's or an unknown
 * offer and for anyone not signed up to it by name (nothing is written then), CONFLICT before the start or when the
 * offer is cancelled.
 */
export async function recordAttendance(db: Db, actor: Principal, offerId: string, input: unknown, now: Date = new Date()): Promise<{ changed: number }> {
  const code = workspaceMunicipality(actor);
  const choices = parseInput(attendanceSchema(SIGNUPS_PAGE_SIZE), input);
  return withTenant(db, { municipality: code }, async (trx) => {
    // Locked: a cancellation waits for this, and this for it.
    const offer = await selectLocalOffer(trx, code, offerId, { lock: true });
    if (!offer) throw new AppError('NOT_FOUND', 'No such local offer.');
    const state = attendanceState(offer, now);
    if (state === 'cancelled') throw new AppError('CONFLICT', 'A cancelled offer has no attendance.');
    if (state === 'not_started') throw new AppError('CONFLICT', 'Attendance can be recorded once the offer has started.');
    // Only whom the list names: a citizen who moved away keeps the place but cannot be told apart on the page.
    const named = new Set(
      await selectNamedSignups(
        trx,
        code,
        offerId,
        choices.map((choice) => choice.citizenId),
      ),
    );
    if (choices.some((choice) => !named.has(choice.citizenId))) throw new AppError('NOT_FOUND', 'Not every citizen given is signed up for this offer.');
    // Logged as the list's look-up, not as a 'change': identity keeps changes for the organisation responsible for the
    // citizen's case now, and who came to the municipality's own offer is its content work, not case work.
    for (const choice of choices) await recordCitizenAccess(trx, actor, choice.citizenId, { dataCategory: 'identity', ...participantsPurpose(offer) });
    const changed = await updateAttendance(trx, code, offerId, choices, actor.subject);
    return { changed: changed.length };
  });
}
