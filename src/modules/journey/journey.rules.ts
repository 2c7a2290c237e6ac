// The journey's rules, in plain code so they can be read, tested and explained: which screening answers put a
// citizen in front of a caseworker, when the jobcenter must have made contact, and which of the municipality's
// offers are recommended to a citizen and why. They help a citizen choose; they decide nothing about benefits
// (employment AI is high-risk under the EU AI Act). A change to a rule changes its version string, which every
// recommendation log entry carries.

import { copenhagenDate } from '../../platform/time.ts';

/** The version of the screening rules (which answers escalate). */
export const SCREENING_RULES_VERSION = 'screening-2025.1';
/** The version of the recommendation rules, written to recommendation_log with every run. */
export const RECOMMENDATION_RULES_VERSION = 'recommendation-2025.1';

export const digitalReadinessLevels = ['low', 'medium', 'high'] as const;
export const helpNeeds = ['no', 'some', 'much'] as const;
export type DigitalReadiness = (typeof digitalReadinessLevels)[number];
export type HelpNeed = (typeof helpNeeds)[number];

/** The screening answers the rules look at. */
export type ScreeningAnswers = {
  digitalReadiness: DigitalReadiness;
  needsHelp: HelpNeed;
  wantsContact: boolean;
  wellbeingConcern: boolean;
};

export const escalationReasons = ['wants_contact', 'much_help', 'low_readiness_needs_help', 'wellbeing'] as const;
export type EscalationReason = (typeof escalationReasons)[number];

/**
 * Why a screening puts the citizen in front of a caseworker (empty: it does not). Each answer that signals risk,
 * or a wish to talk to a person, is one reason; nobody who asks for help falls through.
 */
export function reasonsToEscalate(answers: ScreeningAnswers): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  if (answers.wantsContact) reasons.push('wants_contact');
  if (answers.needsHelp === 'much') reasons.push('much_help');
  if (answers.digitalReadiness === 'low' && answers.needsHelp !== 'no') reasons.push('low_readiness_needs_help');
  if (answers.wellbeingConcern) reasons.push('wellbeing');
  return reasons;
}

/** How many working days the jobcenter has to contact a citizen after a screening that escalates. */
export const CONTACT_WITHIN_WORKING_DAYS = 2;

/** The date `days` working days (Monday to Friday) after `isoDate` (YYYY-MM-DD). Public holidays are not counted out. */
export function addWorkingDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

/** The date by which the jobcenter must have contacted a citizen whose screening escalated at `now`. */
export function contactByDate(now: Date): string {
  return addWorkingDays(copenhagenDate(now), CONTACT_WITHIN_WORKING_DAYS);
}

export type ItemKind = 'listing' | 'local_offer';

/** Something the municipality offers: an enabled listing's live version, or one of its upcoming local offers. */
export type Candidate = {
  kind: ItemKind;
  id: string;
  journeyStage: string | null;
  categories: readonly string[];
  targetGroups: readonly string[];
  languages: readonly string[];
};

/** The jobcenter's own recommendation of an enabled listing to a target group (at a stage, or at any stage). */
export type MunicipalRecommendation = { listingId: string; targetGroup: string; journeyStage: string | null; noteDa: string | null; noteEn: string | null };

/** What the recommendation rules know about the citizen: their screening answers and the target group the jobcenter set. */
export type RuleProfile = {
  digitalReadiness: DigitalReadiness | null;
  journeyStage: string | null;
  needsHelp: HelpNeed | null;
  languages: readonly string[];
  targetGroup: string | null;
};

/** One plain-language reason for a recommendation (the views word it in the reader's language). */
export type RecommendationReason =
  | { code: 'jobcenter'; targetGroup: string; noteDa: string | null; noteEn: string | null }
  | { code: 'digital_readiness' }
  | { code: 'journey_stage'; journeyStage: string }
  | { code: 'target_group'; targetGroup: string }
  | { code: 'language'; languages: string[] };

export type Recommendation = { kind: ItemKind; id: string; score: number; reasons: RecommendationReason[] };

/** An item as a key ("listing:<id>"), for the sets of dismissed and planned items. */
export const itemKey = (kind: ItemKind, id: string) => `${kind}:${id}`;

/** How much each reason weighs; the jobcenter's own recommendation comes first. */
export const weights = { jobcenter: 100, digital_readiness: 60, journey_stage: 30, target_group: 20, language: 15 } as const;

/** At most this many recommendations are shown; the rest of the offers are in the marketplace. */
export const MAX_RECOMMENDATIONS = 10;

/**
 * Recommends the municipality's offers to a citizen, each with the reasons it was chosen. An offer the citizen said
 * is not relevant, or already has in their plan, is never recommended; an offer without any reason is not either.
 * Sorted by weight, then by the order the candidates came in.
 */
export function recommend(input: {
  profile: RuleProfile;
  candidates: readonly Candidate[];
  municipalRecommendations: readonly MunicipalRecommendation[];
  dismissed: ReadonlySet<string>;
  inPlan: ReadonlySet<string>;
}): Recommendation[] {
  const { profile } = input;
  const otherLanguages = profile.languages.filter((language) => language !== 'da');
  const results: (Recommendation & { order: number })[] = [];
  input.candidates.forEach((candidate, order) => {
    const key = itemKey(candidate.kind, candidate.id);
    if (input.dismissed.has(key) || input.inPlan.has(key)) return;
    const reasons: RecommendationReason[] = [];
    let score = 0;
    if (candidate.kind === 'listing' && profile.targetGroup) {
      const byJobcenter = input.municipalRecommendations.find(
        (r) => r.listingId === candidate.id && r.targetGroup === profile.targetGroup && (r.journeyStage === null || r.journeyStage === profile.journeyStage),
      );
      if (byJobcenter) {
        reasons.push({ code: 'jobcenter', targetGroup: byJobcenter.targetGroup, noteDa: byJobcenter.noteDa, noteEn: byJobcenter.noteEn });
        score += weights.jobcenter;
      }
    }
    if (profile.digitalReadiness === 'low' && candidate.categories.includes('digital_skills')) {
      reasons.push({ code: 'digital_readiness' });
      score += weights.digital_readiness;
    }
    if (profile.journeyStage && candidate.journeyStage === profile.journeyStage) {
      reasons.push({ code: 'journey_stage', journeyStage: profile.journeyStage });
      score += weights.journey_stage;
    }
    if (profile.targetGroup && candidate.targetGroups.includes(profile.targetGroup) && !reasons.some((r) => r.code === 'jobcenter')) {
      reasons.push({ code: 'target_group', targetGroup: profile.targetGroup });
      score += weights.target_group;
    }
    const shared = otherLanguages.filter((language) => candidate.languages.includes(language));
    if (shared.length > 0) {
      reasons.push({ code: 'language', languages: shared });
      score += weights.language;
    }
    if (reasons.length > 0) results.push({ kind: candidate.kind, id: candidate.id, score, reasons, order });
  });
  return results
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, MAX_RECOMMENDATIONS)
    .map(({ kind, id, score, reasons }) => ({ kind, id, score, reasons }));
}

export const activityStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];
export type ActivitySource = 'chosen' | 'recommended' | 'assigned';

/** Where an activity may go from each status: planned → in progress → done, or dropped while not done. */
const nextStatuses: Record<ActivityStatus, readonly ActivityStatus[]> = {
  planned: ['in_progress', 'done', 'dropped'],
  in_progress: ['done', 'dropped'],
  done: [],
  dropped: [],
};

/**
 * The statuses a citizen may move an activity to. An activity assigned by the jobcenter is not dropped by the citizen
 * alone: that is agreed with the caseworker.
 */
export function allowedNextStatuses(activity: { status: ActivityStatus; source: ActivitySource }): readonly ActivityStatus[] {
  const next = nextStatuses[activity.status];
  return activity.source === 'assigned' ? next.filter((status) => status !== 'dropped') : next;
}
