// The citizen's side of the journey: the screening kept as a profile (escalating to a caseworker when the answers
// signal risk), the plan, recommendations with their reasons, and "not relevant for me". Every use case runs in the
// citizen's own tenant transaction (app.citizen only), so nothing of any other citizen can be read or written.
import type { Principal } from '../../platform/auth/principal.ts';
import { announceChange, announceChanges, type ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { employmentServiceName } from '../organisations/index.ts';
import { currentHelperOtherThanKommune } from '../responsibility/index.ts';
import { listOwnConsents } from '../consent/index.ts';
import { listOwnAccessLog, type AccessLogRow } from '../identity/index.ts';
import {
  applyActivityMoves,
  deleteDismissal,
  insertActivity,
  insertDismissal,
  insertRecommendationLog,
  lockActivity,
  selectDismissals,
  selectEnabledListings,
  selectJourneyTaxonomies,
  selectMunicipalRecommendations,
  selectOpenEscalation,
  selectOwnMunicipality,
  selectPlan,
  selectProfile,
  selectUpcomingLocalOffers,
  updateActivityStatus,
  upsertEscalation,
  upsertScreening,
  type ActivityMove,
  type ActivityRow,
  type EscalationRow,
  type JourneyTaxonomies,
  type OfferRow,
  type ProfileRow,
} from './journey.repository.ts';
import { journeyPolicy } from './journey.policy.ts';
import { copenhagenDate } from '../../platform/time.ts';
import {
  allowedNextStatuses,
  contactByDate,
  itemKey,
  reasonsToEscalate,
  recommend,
  RECOMMENDATION_RULES_VERSION,
  SCREENING_RULES_VERSION,
  type ItemKind,
  type RecommendationReason,
} from './journey.rules.ts';
import { activityStatusSchema, itemSchema, screeningSchema } from './journey.schemas.ts';
import { recordOutboundEvent } from '../webhooks/index.ts';

/**
 * Who contacts a citizen: their municipality's employment service by the name the UI uses for it everywhere (the
 * municipality's own name for it, "Jobcenter <name>", or "<name> Kommune"), with its jobcenter's phone if it has one.
 */
export type Contact = { name: string; phone: string | null };

/**
 * Who contacts the citizen: the organisation helping them now when it is an a-kasse or another actor (its escalations
 * go to that organisation's caseworkers), else the employment service of their municipality (the phone of its first
 * jobcenter by name). Throws NOT_FOUND for an unknown municipality.
 */
export async function contactFor(db: Db, municipalityCode: string, citizenId?: string): Promise<Contact> {
  const helper = citizenId ? await currentHelperOtherThanKommune(db, citizenId) : undefined;
  if (helper) return { name: helper.name, phone: helper.phone };
  const [name, { jobcenters }] = await Promise.all([employmentServiceName(db, municipalityCode), getMunicipality(db, municipalityCode)]);
  return { name, phone: jobcenters[0]?.phone ?? null };
}

function ownCitizenId(actor: Principal): string {
  const citizenId = actor.citizenId;
  if (!citizenId || !journeyPolicy.can(actor, 'journey.use-own', { citizenId }))
    throw new AppError('FORBIDDEN', 'Only the citizen themself uses their journey.');
  return citizenId;
}

/** Runs `work` in the citizen's own transaction with their home municipality; a citizen without a record is FORBIDDEN. */
async function asCitizen<T>(db: Db, actor: Principal, work: (trx: Trx, citizenId: string, municipalityCode: string) => Promise<T>): Promise<T> {
  const citizenId = ownCitizenId(actor);
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const municipalityCode = await selectOwnMunicipality(trx, citizenId);
    if (!municipalityCode) throw new AppError('FORBIDDEN', 'The citizen is not known to the platform.');
    return work(trx, citizenId, municipalityCode);
  });
}

/**
 * asCitizen for a write to the citizen's own inputs (screening, profile, plan, dismissals): citizenChanged is announced
 * in the transaction (other processes hear it at commit) and published after it (this process's caches forget first).
 */
async function asChangingCitizen<T>(
  db: Db,
  actor: Principal,
  changes: ChangeBus,
  work: (trx: Trx, citizenId: string, municipalityCode: string) => Promise<T>,
): Promise<T> {
  const result = await asCitizen(db, actor, async (trx, citizenId, municipalityCode) => {
    const value = await work(trx, citizenId, municipalityCode);
    await announceChange(trx, changes, 'citizenChanged', { citizenId });
    return value;
  });
  await changes.publish('citizenChanged', { citizenId: ownCitizenId(actor) });
  return result;
}

export type ScreeningView = { profile: ProfileRow | undefined; taxonomies: JourneyTaxonomies; escalation: EscalationRow | undefined; contact: Contact };

/** The screening form's content: the citizen's earlier answers (if any), the choices, and an escalation still open. */
export async function getScreening(db: Db, actor: Principal): Promise<ScreeningView> {
  const { profile, escalation, municipalityCode } = await asCitizen(db, actor, async (trx, citizenId, municipalityCode) => ({
    profile: await selectProfile(trx, citizenId),
    escalation: await selectOpenEscalation(trx, citizenId),
    municipalityCode,
  }));
  const [taxonomies, contact] = await Promise.all([selectJourneyTaxonomies(db), contactFor(db, municipalityCode, actor.citizenId)]);
  return { profile, taxonomies, escalation, contact };
}

export type ScreeningOutcome = { escalation: EscalationRow | undefined; contact: Contact; rulesVersion: string };

/**
 * Stores the screening as the citizen's profile. Answers that signal risk, or a wish to talk to a person, open the
 * citizen's escalation (or add their reasons to the one open) with a contact date two working days ahead.
 * Throws VALIDATION with a message per field; nothing is stored then.
 */
export async function submitScreening(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<ScreeningOutcome> {
  ownCitizenId(actor);
  const taxonomies = await selectJourneyTaxonomies(db);
  const answers = parseInput(
    screeningSchema({ journeyStages: taxonomies.journeyStages.map((s) => s.code), languages: taxonomies.languages.map((l) => l.code) }),
    input,
  );
  const wellbeingConcern = answers.wellbeing === 'yes';
  const { escalation, municipalityCode } = await asChangingCitizen(db, actor, changes, async (trx, citizenId, municipalityCode) => {
    await upsertScreening(trx, citizenId, municipalityCode, {
      digital_readiness: answers.digitalReadiness,
      job_goal: answers.jobGoal,
      journey_stage: answers.journeyStage,
      needs_help: answers.needsHelp,
      wants_contact: answers.wantsContact,
      wellbeing_concern: wellbeingConcern,
      languages: answers.languages,
    });
    const reasons = reasonsToEscalate({
      digitalReadiness: answers.digitalReadiness,
      needsHelp: answers.needsHelp,
      wantsContact: answers.wantsContact,
      wellbeingConcern,
    });
    const open = await selectOpenEscalation(trx, citizenId);
    const escalation = reasons.length > 0 ? await upsertEscalation(trx, { citizenId, municipalityCode, reasons, contactBy: contactByDate(new Date()) }) : open;
    // A new escalation (not reasons added to the open one) is news for the municipality's own systems.
    if (escalation && !open)
      await recordOutboundEvent(trx, {
        audience: { municipalityCode },
        type: 'escalation.created',
        citizenId,
        data: { escalationId: escalation.id, reasons: escalation.reasons, contactBy: escalation.contact_by },
      });
    return { escalation, municipalityCode };
  });
  return { escalation, contact: await contactFor(db, municipalityCode, actor.citizenId), rulesVersion: SCREENING_RULES_VERSION };
}

export type RecommendedOffer = { offer: OfferRow; reasons: RecommendationReason[] };

export type JourneyView = {
  profile: ProfileRow;
  plan: ActivityRow[];
  recommendations: RecommendedOffer[];
  /** Offers the citizen said are not relevant and that are still offered (so they can be taken back). */
  dismissed: OfferRow[];
  escalation: EscalationRow | undefined;
  contact: Contact;
  taxonomies: JourneyTaxonomies;
};

/** The municipality's offers: enabled listings with a live version, then upcoming local offers. */
export async function offersOf(trx: Trx, municipalityCode: string): Promise<OfferRow[]> {
  const listings = await selectEnabledListings(trx, municipalityCode);
  return [...listings, ...(await selectUpcomingLocalOffers(trx, municipalityCode))];
}

/**
 * "Min jobrejse": the plan, and recommendations made by the rules from the citizen's profile, their target group and
 * what they dismissed. Each run is written to the recommendation log with the rules' version, inputs and outputs.
 * Returns undefined while the citizen has not been screened (the page sends them to the screening first).
 */
export async function getJourney(db: Db, actor: Principal): Promise<JourneyView | undefined> {
  const result = await asCitizen(db, actor, async (trx, citizenId, municipalityCode) => {
    const profile = await selectProfile(trx, citizenId);
    if (!profile?.screened_at) return undefined;
    // One connection: the queries of a transaction run one after the other.
    const plan = await selectPlan(trx, citizenId);
    const dismissals = await selectDismissals(trx, citizenId);
    const offers = await offersOf(trx, municipalityCode);
    const municipalRecommendations = await selectMunicipalRecommendations(trx, municipalityCode);
    const escalation = await selectOpenEscalation(trx, citizenId);
    const dismissed = new Set(dismissals.map((d) => itemKey(d.item_kind, d.item_id)));
    const inPlan = new Set(
      plan
        .filter((a) => a.status !== 'dropped')
        .flatMap((a) => (a.listing_id ? [itemKey('listing', a.listing_id)] : a.local_offer_id ? [itemKey('local_offer', a.local_offer_id)] : [])),
    );
    const ruleProfile = {
      digitalReadiness: profile.digital_readiness,
      journeyStage: profile.journey_stage,
      needsHelp: profile.needs_help,
      languages: profile.languages,
      targetGroup: profile.target_group,
    };
    const recommendations = recommend({ profile: ruleProfile, candidates: offers, municipalRecommendations, dismissed, inPlan });
    await insertRecommendationLog(trx, {
      citizen_id: citizenId,
      municipality_code: municipalityCode,
      rules_version: RECOMMENDATION_RULES_VERSION,
      inputs: {
        profile: {
          digital_readiness: profile.digital_readiness,
          journey_stage: profile.journey_stage,
          needs_help: profile.needs_help,
          languages: profile.languages,
        },
        target_group: profile.target_group,
        dismissed: [...dismissed],
        in_plan: [...inPlan],
        municipal_recommendations: municipalRecommendations.map((r) => ({
          listing_id: r.listingId,
          target_group: r.targetGroup,
          journey_stage: r.journeyStage,
        })),
        candidates: { listings: offers.filter((o) => o.kind === 'listing').length, local_offers: offers.filter((o) => o.kind === 'local_offer').length },
      },
      outputs: recommendations.map((r) => ({ kind: r.kind, id: r.id, score: r.score, reasons: r.reasons })),
    });
    const byKey = new Map(offers.map((offer) => [itemKey(offer.kind, offer.id), offer]));
    return {
      profile,
      plan,
      recommendations: recommendations.flatMap((r) => {
        const offer = byKey.get(itemKey(r.kind, r.id));
        return offer ? [{ offer, reasons: r.reasons }] : [];
      }),
      dismissed: dismissals.flatMap((d) => byKey.get(itemKey(d.item_kind, d.item_id)) ?? []),
      escalation,
      municipalityCode,
    };
  });
  if (!result) return undefined;
  const { municipalityCode, ...view } = result;
  const [contact, taxonomies] = await Promise.all([contactFor(db, municipalityCode, actor.citizenId), selectJourneyTaxonomies(db)]);
  return { ...view, contact, taxonomies };
}

/** The citizen's overview (`/borger`): their journey (absent before the screening), and what happened lately. */
export type CitizenOverview = {
  journey: JourneyView | undefined;
  /** Consent decisions and withdrawals of the last 30 days, newest first. */
  consentEvents: { listingId: string; nameDa: string | null; nameEn: string | null; kind: 'given' | 'withdrawn'; at: Date }[];
  /** The newest entries of Min Log. */
  recentAccess: AccessLogRow[];
};

const OVERVIEW_CHANGES_DAYS = 30;

/** What the citizen's start page shows: the plan's next steps, new recommendations, recent consents and Min Log. Throws FORBIDDEN for anyone but a citizen. */
export async function getCitizenOverview(db: Db, actor: Principal): Promise<CitizenOverview> {
  const since = Date.now() - OVERVIEW_CHANGES_DAYS * 24 * 3600 * 1000;
  const [journey, consents, recentAccess] = await Promise.all([
    getJourney(db, actor),
    listOwnConsents(db, actor),
    listOwnAccessLog({ db }, actor, { limit: 3 }),
  ]);
  const consentEvents = consents
    .flatMap((service) =>
      [service.current, ...service.past].flatMap((decision) => {
        if (!decision || decision.decision !== 'accepted') return [];
        const base = { listingId: service.listingId, nameDa: service.nameDa, nameEn: service.nameEn };
        return [
          ...(decision.given_at.getTime() >= since ? [{ ...base, kind: 'given' as const, at: decision.given_at }] : []),
          ...(decision.withdrawn_at && decision.withdrawn_at.getTime() >= since ? [{ ...base, kind: 'withdrawn' as const, at: decision.withdrawn_at }] : []),
        ];
      }),
    )
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 3);
  return { journey, consentEvents, recentAccess: recentAccess.slice(0, 3) };
}

/** One of the municipality's offers by kind and id, or undefined when it does not offer it (any more). */
export async function findOffer(trx: Trx, municipalityCode: string, kind: ItemKind, id: string): Promise<OfferRow | undefined> {
  const rows = kind === 'listing' ? await selectEnabledListings(trx, municipalityCode, id) : await selectUpcomingLocalOffers(trx, municipalityCode, id);
  return rows[0];
}

/** The date an offer is due in a plan: a local offer's start day (Copenhagen), none for a service. */
export function dueDateOf(offer: OfferRow): string | null {
  return offer.startsAt ? copenhagenDate(offer.startsAt) : null;
}

/**
 * Adds one of the municipality's offers to the citizen's plan as their own choice. Adding it again changes nothing.
 * Throws NOT_FOUND when the municipality does not offer it, VALIDATION on malformed input.
 */
export async function addToPlan(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<void> {
  const item = parseInput(itemSchema, input);
  await asChangingCitizen(db, actor, changes, async (trx, citizenId, municipalityCode) => {
    const offer = await findOffer(trx, municipalityCode, item.kind, item.itemId);
    if (!offer) throw new AppError('NOT_FOUND', 'Your municipality does not offer this.');
    await insertActivity(trx, {
      citizen_id: citizenId,
      municipality_code: municipalityCode,
      source: 'chosen',
      listing_id: offer.kind === 'listing' ? offer.id : null,
      local_offer_id: offer.kind === 'local_offer' ? offer.id : null,
      title: offer.nameDa,
      due_on: dueDateOf(offer),
      note: null,
      created_by: actor.subject,
      created_by_name: actor.name,
    });
  });
}

/**
 * Moves one of the citizen's activities on (planned → in progress → done, or dropped). Another citizen's activity is
 * NOT_FOUND; a move the rules do not allow (back from done, or dropping what the jobcenter assigned) is CONFLICT.
 */
export async function changeActivityStatus(db: Db, actor: Principal, activityId: string, input: unknown, changes: ChangeBus): Promise<void> {
  const { status } = parseInput(activityStatusSchema, input);
  await asChangingCitizen(db, actor, changes, async (trx) => {
    const activity = await lockActivity(trx, activityId);
    if (!activity) throw new AppError('NOT_FOUND', 'There is no such activity in your plan.');
    if (!allowedNextStatuses(activity).includes(status)) throw new AppError('CONFLICT', `The activity cannot go from ${activity.status} to ${status}.`);
    await updateActivityStatus(trx, activity.id, status);
  });
}

/** "Not relevant for me": the rules leave the offer out until the citizen takes it back. NOT_FOUND for an offer not offered. */
export async function dismissRecommendation(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<void> {
  const item = parseInput(itemSchema, input);
  await asChangingCitizen(db, actor, changes, async (trx, citizenId, municipalityCode) => {
    if (!(await findOffer(trx, municipalityCode, item.kind, item.itemId))) throw new AppError('NOT_FOUND', 'Your municipality does not offer this.');
    await insertDismissal(trx, { citizen_id: citizenId, municipality_code: municipalityCode, item_kind: item.kind, item_id: item.itemId });
  });
}

/** Takes a "not relevant" back: the offer may be recommended again. */
export async function restoreRecommendation(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<void> {
  const item = parseInput(itemSchema, input);
  await asChangingCitizen(db, actor, changes, (trx, citizenId) => deleteDismissal(trx, citizenId, item.kind, item.itemId));
}

export type { ActivityMove };

/**
 * Moves citizens' plan activities for a vendor's listing as the vendor's events say, inside the events service's
 * transaction (app.vendor; apply_activity_events, 0063, is the one door), and announces citizenChanged for each
 * citizen whose plan changed, but those in `announced` (the caller announces them in the same transaction already).
 * Returns them all, for the caller to publish after its commit. Throws what the database throws (a listing that is
 * not the vendor's).
 */
export async function moveActivitiesFromEvents(
  trx: Trx,
  changes: ChangeBus,
  moves: readonly ActivityMove[],
  announced: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const changed = await applyActivityMoves(trx, moves);
  await announceChanges(
    trx,
    changes,
    'citizenChanged',
    changed.filter((citizenId) => !announced.has(citizenId)).map((citizenId) => ({ citizenId })),
  );
  return changed;
}
