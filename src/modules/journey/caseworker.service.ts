// The caseworker's minimum: the organisation's citizens and their escalations from screenings, and a citizen's profile
// and plan — opened only with a stated purpose, written to the citizen's access log (Min Log) in the same transaction
// as the read — from which the caseworker recommends or assigns an activity and sets the target group (visitation).
// Every use case runs in the tenant transaction of the caseworker's organisation (app.organisation: a kommune, an
// a-kasse or another actor): it sees the citizens it is or was responsible for, and changes only those it is.
// What a citizen is offered is always their own municipality's curation.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/http/pagination.ts';
import { parseInput } from '../../platform/validation.ts';
import { purposeOrAsk, recordCitizenAccess, type CitizenRow, type ReadPurpose } from '../identity/index.ts';
import {
  insertActivity,
  lockEscalation,
  selectActiveEscalations,
  selectClosedEscalations,
  selectEscalation,
  selectJourneyTaxonomies,
  selectOpenEscalation,
  selectPlan,
  selectProfile,
  selectEarlierCitizens,
  selectServesCitizen,
  updateEscalation,
  upsertTargetGroup,
  type ActivityRow,
  type EscalationListRow,
  type EscalationRow,
  type JourneyTaxonomies,
  type OfferRow,
  type ProfileRow,
  type EarlierCitizenRow,
} from './journey.repository.ts';
import { journeyPolicy, type JourneyAction } from './journey.policy.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { caseworkerActivitySchema, closeEscalationSchema, targetGroupSchema } from './journey.schemas.ts';
import { employmentServiceName } from '../organisations/index.ts';
import { dueDateOf, findOffer, offersOf } from './journey.service.ts';
import { recordOutboundEvent } from '../webhooks/index.ts';

/** The access log's data category for a look-up of a citizen's journey (profile, plan, escalation). */
export const JOURNEY_DATA_CATEGORY = 'journey';

/** The organisation the caseworker acts for (its transactions see the citizens it is or was responsible for). */
function staffOrganisation(actor: Principal, action: JourneyAction): string {
  const organisation = actor.organisation?.id;
  if (!organisation || !journeyPolicy.can(actor, action)) throw new AppError('FORBIDDEN', 'Only caseworkers do this.');
  return organisation;
}

export type EscalationList = { active: EscalationListRow[]; nextCursor: string | null; closed: EscalationListRow[] };

/** The escalations of the citizens the organisation is responsible for now: those not closed (open first, then by contact date, a page at a time), and the latest closed. */
export async function listEscalations(db: Db, actor: Principal, page: { cursor?: string | undefined; limit: number }): Promise<EscalationList> {
  const organisation = staffOrganisation(actor, 'escalation.handle');
  const after = page.cursor ? decodeCursor(page.cursor, 3) : undefined;
  if (
    after &&
    (typeof after[0] !== 'number' ||
      typeof after[1] !== 'string' ||
      typeof after[2] !== 'string' ||
      !/^[0-9a-f-]{36}$/.test(after[2]) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(after[1]))
  ) {
    throw new AppError('VALIDATION', 'The cursor is not one this page gave out.', [{ field: 'cursor', message: 'validation.invalid' }]);
  }
  return withTenant(db, { organisation }, async (trx) => {
    const rows = await selectActiveEscalations(trx, { after: after as [number, string, string] | undefined, limit: page.limit + 1 });
    const { items, nextCursor } = toPage(
      rows,
      page.limit,
      (row) => [row.rank, row.contact_by, row.id],
      ({ rank: _rank, ...row }) => row,
    );
    const closed = await selectClosedEscalations(trx, 10);
    return { active: items, nextCursor, closed };
  });
}

/** A change refused because another organisation now helps the citizen (this one was responsible: it reads only). */
const notResponsibleNow = () => new AppError('FORBIDDEN', 'Another organisation now helps the citizen: you can read what was recorded, not change it.');

/**
 * One escalation with the citizen's name and whether the organisation is responsible for the citizen now (it may then
 * take and close it); one of a citizen it never was responsible for is NOT_FOUND.
 */
export async function getEscalation(db: Db, actor: Principal, escalationId: string): Promise<EscalationListRow & { responsible: boolean }> {
  const organisation = staffOrganisation(actor, 'escalation.handle');
  const escalation = await withTenant(db, { organisation }, (trx) => selectEscalation(trx, escalationId));
  if (!escalation) throw new AppError('NOT_FOUND', 'There is no such escalation of a citizen your organisation is responsible for.');
  return escalation;
}

async function lockOwnEscalation(trx: Trx, escalationId: string) {
  const seen = await selectEscalation(trx, escalationId);
  if (!seen) throw new AppError('NOT_FOUND', 'There is no such escalation of a citizen your organisation is responsible for.');
  if (!seen.responsible) throw notResponsibleNow();
  const escalation = await lockEscalation(trx, escalationId);
  if (!escalation) throw new AppError('NOT_FOUND', 'There is no such escalation of a citizen your organisation is responsible for.');
  if (escalation.status === 'closed') throw new AppError('CONFLICT', 'The escalation is closed already.');
  return escalation;
}

export type CitizenList = { items: EarlierCitizenRow[]; nextCursor: string | null };

/**
 * "Mine borgere", earlier: the citizens the caseworker's organisation was responsible for before (read-only), by name
 * a page at a time. A cursor this list did not give out is VALIDATION. (Those it serves now are the caseload.)
 */
export async function listEarlierCitizens(db: Db, actor: Principal, page: { cursor?: string | undefined; limit: number }): Promise<CitizenList> {
  const organisation = staffOrganisation(actor, 'journey.look-up');
  const after = page.cursor ? decodeCursor(page.cursor, 2) : undefined;
  if (after && (typeof after[0] !== 'string' || typeof after[1] !== 'string' || !/^[0-9a-f-]{36}$/.test(after[1])))
    throw new AppError('VALIDATION', 'The cursor is not one this page gave out.', [{ field: 'cursor', message: 'validation.invalid' }]);
  return withTenant(db, { organisation }, async (trx) => {
    const rows = await selectEarlierCitizens(trx, organisation, { after: after as [string, string] | undefined, limit: page.limit + 1 });
    return toPage(
      rows,
      page.limit,
      (row) => [row.full_name, row.id],
      (row) => row,
    );
  });
}

/** Takes an escalation that is not closed as one's own (taking over from a colleague is allowed). */
export async function takeEscalation(db: Db, actor: Principal, escalationId: string): Promise<void> {
  const organisation = staffOrganisation(actor, 'escalation.handle');
  await withTenant(db, { organisation }, async (trx) => {
    const escalation = await lockOwnEscalation(trx, escalationId);
    await updateEscalation(trx, escalation.id, { status: 'in_progress', assignee_subject: actor.subject, assignee_name: actor.name });
  });
}

/** Closes an escalation with a note of what was done (required: VALIDATION without it). */
export async function closeEscalation(db: Db, actor: Principal, escalationId: string, input: unknown): Promise<void> {
  const organisation = staffOrganisation(actor, 'escalation.handle');
  const { note } = parseInput(closeEscalationSchema, input);
  await withTenant(db, { organisation }, async (trx) => {
    const escalation = await lockOwnEscalation(trx, escalationId);
    await updateEscalation(trx, escalation.id, { status: 'closed', note, closed_at: new Date(), assignee_subject: actor.subject, assignee_name: actor.name });
  });
}

export type CitizenJourneyView = {
  citizen: CitizenRow;
  /** Why the citizen is read now: typed, or the working session's chosen purpose (Danish and English). */
  purpose: ReadPurpose;
  /** Whether the caseworker's organisation is responsible for the citizen now; one that was reads only. */
  responsible: boolean;
  profile: ProfileRow | undefined;
  plan: ActivityRow[];
  escalation: EscalationRow | undefined;
  offers: OfferRow[];
  taxonomies: JourneyTaxonomies;
  /** What the citizen's municipality calls its employment service (the texts the citizen also reads name it). */
  service: string;
};

async function readJourney(trx: Trx, citizen: CitizenRow, purpose: ReadPurpose): Promise<CitizenJourneyView> {
  const profile = await selectProfile(trx, citizen.id);
  const plan = await selectPlan(trx, citizen.id);
  const escalation = await selectOpenEscalation(trx, citizen.id);
  const offers = await offersOf(trx, citizen.municipality_code);
  const taxonomies = await selectJourneyTaxonomies(trx);
  const responsible = await selectServesCitizen(trx, citizen.id, citizen.municipality_code);
  const service = await employmentServiceName(trx, citizen.municipality_code);
  return { citizen, purpose, responsible, profile, plan, escalation, offers, taxonomies, service };
}

/**
 * Opens a citizen's profile and plan for a stated purpose; the look-up goes to the citizen's access log in the same
 * transaction. Without a purpose: VALIDATION (nothing read, nothing logged). A citizen the organisation never was
 * responsible for: NOT_FOUND.
 */
export async function openCitizenJourney(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<CitizenJourneyView> {
  const organisation = staffOrganisation(actor, 'journey.look-up');
  return withTenant(db, { organisation }, async (trx) => {
    const purpose = await purposeOrAsk(trx, actor, citizenId, input);
    const citizen = await recordCitizenAccess(trx, actor, citizenId, { dataCategory: JOURNEY_DATA_CATEGORY, ...purpose });
    return readJourney(trx, citizen, purpose);
  });
}

/** How the plan names the caseworker's organisation: a municipality by its employment service's name, else by its own. */
async function organisationNameForPlan(trx: Trx, actor: Principal): Promise<string | null> {
  if (actor.organisation?.kind === 'kommune' && actor.municipality) return employmentServiceName(trx, actor.municipality.code);
  return actor.organisation?.name ?? null;
}

/**
 * Recommends or assigns one of the offers of the citizen's municipality to the citizen: it appears in the citizen's
 * plan with the caseworker's name. The change is logged to the citizen's access log with the purpose. Throws VALIDATION
 * (an offer the municipality does not have, a date in the past, no purpose), NOT_FOUND for a citizen the organisation
 * never was responsible for, FORBIDDEN for one it no longer is.
 */
export async function addActivityForCitizen(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<void> {
  const organisation = staffOrganisation(actor, 'journey.assist');
  const value = parseInput(caseworkerActivitySchema, input);
  if (value.dueOn && value.dueOn < copenhagenDate(new Date()))
    throw new AppError('VALIDATION', 'The date has passed.', [{ field: 'dueOn', message: 'journey.validation.datePassed' }]);
  await withTenant(db, { organisation }, async (trx) => {
    const purpose = await purposeOrAsk(trx, actor, citizenId, input);
    const citizen = await recordCitizenAccess(trx, actor, citizenId, { action: 'change', dataCategory: JOURNEY_DATA_CATEGORY, ...purpose });
    const offer = await findOffer(trx, citizen.municipality_code, value.item.kind, value.item.id);
    if (!offer) throw new AppError('VALIDATION', 'The municipality does not offer this.', [{ field: 'item', message: 'validation.choice' }]);
    const added = await insertActivity(trx, {
      citizen_id: citizen.id,
      municipality_code: citizen.municipality_code,
      source: value.source,
      listing_id: offer.kind === 'listing' ? offer.id : null,
      local_offer_id: offer.kind === 'local_offer' ? offer.id : null,
      title: offer.nameDa,
      due_on: value.dueOn ?? dueDateOf(offer),
      note: value.note,
      created_by: actor.subject,
      created_by_name: actor.name,
      created_by_organisation: await organisationNameForPlan(trx, actor),
    });
    if (!added) throw new AppError('VALIDATION', 'The offer is in the plan already.', [{ field: 'item', message: 'journey.validation.inPlan' }]);
    if (offer.kind === 'listing')
      await recordOutboundEvent(trx, {
        audience: { vendorOfListing: offer.id },
        type: 'plan.listing-assigned',
        citizenId: citizen.id,
        data: { listingId: offer.id, source: value.source, dueOn: value.dueOn ?? dueDateOf(offer) ?? null },
      });
  });
}

/** Sets the citizen's target group (visitation); logged to the citizen's access log with the purpose. FORBIDDEN when the organisation is no longer responsible. */
export async function setCitizenTargetGroup(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<void> {
  const organisation = staffOrganisation(actor, 'journey.assist');
  const taxonomies = await selectJourneyTaxonomies(db);
  const schema = targetGroupSchema(taxonomies.targetGroups.map((g) => g.code));
  const value = parseInput(schema, input);
  await withTenant(db, { organisation }, async (trx) => {
    const purpose = await purposeOrAsk(trx, actor, citizenId, input);
    const citizen = await recordCitizenAccess(trx, actor, citizenId, { action: 'change', dataCategory: JOURNEY_DATA_CATEGORY, ...purpose });
    await upsertTargetGroup(trx, citizen.id, citizen.municipality_code, value.targetGroup);
  });
}
