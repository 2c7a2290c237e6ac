// Job suggestions (jobforslag, issue 17): a caseworker of the organisation responsible for a citizen sends them a
// specific ad with a note; the citizen answers — applied, not relevant (with a reason), or will apply by a day — and
// may change the answer; the caseworker sees the answers. The caseworker's page is opened with a stated purpose written
// to the citizen's Min Log in the same transaction as the read (app.organisation: responsibility decides what is seen),
// and sending one is a change logged the same way. The citizen's side runs as the citizen (app.citizen). Each
// suggestion is on the citizen's timeline (timeline_page reads the published view job_suggestion_entry, 0092).
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError, isAppError, type FieldError } from '../../platform/errors.ts';
import { createOnce, formOnce, type CreatedOnce } from '../../platform/http/form-token.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validation.ts';
import { z } from 'zod';
import { purposeOrAsk, recordCitizenAccess, type CitizenRow, type ReadPurpose } from '../identity/index.ts';
import { notify } from '../notifications/index.ts';
import { employmentServiceName } from '../organisations/index.ts';
import { municipalityPoint } from './jobs.places.ts';
import { jobsPolicy } from './jobs.policy.ts';
import { selectAd, type JobRow } from './jobs.repository.ts';
import { searchJobs } from './jobs.service.ts';
import { countUnanswered, insertSuggestion, selectServesCitizen, selectSuggestions, updateAnswer, type SuggestionRow } from './suggestions.repository.ts';
import { answerFieldsOf, answerSchema, answerTargetSchema, noteFieldOf, suggestionSchema } from './suggestions.schemas.ts';

/** The access log's data category for a caseworker's look at a citizen's suggestions: the journey's, as the citizen page's. */
const JOURNEY_DATA_CATEGORY = 'journey';
/** Ads a caseworker's search shows (the best matches; a narrower search finds others). */
export const SUGGESTION_SEARCH_RESULTS = 10;
/** Suggestions a page lists at most (newest first). */
const LISTED = 200;

/** The organisation a caseworker acts for; FORBIDDEN for anyone else. */
function staffOrganisation(actor: Principal): string {
  const organisation = actor.organisation?.id;
  if (!organisation || !jobsPolicy.can(actor, 'jobs.suggestion.send')) throw new AppError('FORBIDDEN', 'Only caseworkers suggest jobs.');
  return organisation;
}

/** The signed-in citizen's id; FORBIDDEN for anyone else. */
function ownCitizenId(actor: Principal): string {
  const citizenId = actor.citizenId;
  if (!citizenId || !jobsPolicy.can(actor, 'jobs.suggestion.answer', { citizenId }))
    throw new AppError('FORBIDDEN', 'Only the citizen answers their job suggestions.');
  return citizenId;
}

/** Parses `input` (fields named `names` on the page) with `schema` (plain names), reporting each problem on the page's field. */
function parseNamed<S extends z.ZodType>(schema: S, input: unknown, names: Record<string, string>): z.output<S> {
  const body = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const plain = Object.fromEntries(Object.entries(names).map(([plainName, pageName]) => [plainName, body[pageName]]));
  try {
    return parseInput(schema, plain);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
    throw new AppError(
      'VALIDATION',
      error.detail,
      error.fields.map((f): FieldError => ({ ...f, field: names[f.field] ?? f.field })),
    );
  }
}

/** How the suggestion names who sent it: a municipality by its employment service's name, else the organisation's own. */
async function senderName(trx: Trx, actor: Principal): Promise<string> {
  if (actor.organisation?.kind === 'kommune' && actor.municipality) return employmentServiceName(trx, actor.municipality.code);
  return actor.organisation?.name ?? '';
}

// ---------------------------------------------------------------------------------------------------------------
// The caseworker's side

export type CitizenSuggestionsView = {
  citizen: CitizenRow;
  purpose: ReadPurpose;
  /** Whether the caseworker's organisation is responsible for the citizen now (it may then suggest); one that was reads only. */
  responsible: boolean;
  suggestions: SuggestionRow[];
};

/**
 * A citizen's job suggestions with their answers, for a stated purpose written to the citizen's access log in the same
 * transaction as the read. Without a purpose: VALIDATION (nothing read or logged); a citizen the organisation never was
 * responsible for: NOT_FOUND; not a caseworker of an organisation: FORBIDDEN.
 */
export async function openCitizenSuggestions(db: Db, actor: Principal, citizenId: string, input: { purpose?: unknown }): Promise<CitizenSuggestionsView> {
  const organisation = staffOrganisation(actor);
  return withTenant(db, { organisation }, async (trx) => {
    const purpose = await purposeOrAsk(trx, actor, citizenId, input);
    const citizen = await recordCitizenAccess(trx, actor, citizenId, { dataCategory: JOURNEY_DATA_CATEGORY, ...purpose });
    const [suggestions, responsible] = [
      await selectSuggestions(trx, citizen.id, { today: copenhagenDate(), unansweredFirst: false, limit: LISTED }),
      await selectServesCitizen(trx, citizen.id, citizen.municipality_code),
    ];
    return { citizen, purpose, responsible, suggestions };
  });
}

export type SuggestionSearch = { rows: JobRow[]; total: number };

/**
 * The caseworker's job search for a citizen: the best SUGGESTION_SEARCH_RESULTS ads for the text near the place, or
 * (without a place) near the citizen's municipality. Undefined when nothing was searched for. A place that names
 * nothing is VALIDATION on `sted`.
 */
export async function searchAdsToSuggest(
  db: Db,
  actor: Principal,
  citizen: Pick<CitizenRow, 'municipality_code'>,
  query: { q?: string | undefined; sted?: string | undefined },
): Promise<SuggestionSearch | undefined> {
  staffOrganisation(actor);
  const [text, place] = [(query.q ?? '').trim(), (query.sted ?? '').trim()];
  if (!text && !place) return undefined;
  const now = new Date();
  const seat = municipalityPoint(citizen.municipality_code);
  const result = await searchJobs(
    db,
    {
      query: text,
      occupations: [],
      occupationText: '',
      municipalities: [],
      place,
      radiusKm: undefined,
      hours: [],
      publishedWithinDays: undefined,
      deadlineFrom: undefined,
      sort: 'relevance',
      page: 1,
    },
    { now, today: copenhagenDate(now), defaultPlace: seat ? { name: citizen.municipality_code, lat: seat.lat, lon: seat.lon } : undefined },
  );
  return { rows: result.rows.slice(0, SUGGESTION_SEARCH_RESULTS), total: result.total };
}

/**
 * Suggests an ad to the citizen with an optional note, as the caseworker's organisation; once per form (its one-time
 * token: a resubmit gets the first suggestion). The ad is kept as it is now. Logged to the citizen's access log with the
 * purpose, as a change. VALIDATION: no purpose, a note over 1,000 characters, an ad no longer advertised or already
 * suggested to the citizen (each on the ad's note field); NOT_FOUND for a citizen the organisation never was responsible
 * for; FORBIDDEN for one it no longer is.
 */
export async function suggestJob(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<CreatedOnce> {
  const organisation = staffOrganisation(actor);
  const adId = parseInput(z.object({ adId: suggestionSchema.shape.adId }), input).adId;
  const noteField = noteFieldOf(adId);
  const value = parseNamed(suggestionSchema, input, { purpose: 'purpose', adId: 'adId', note: noteField });
  const today = copenhagenDate();
  return withTenant(db, { organisation }, (trx) =>
    createOnce(trx, formOnce(input, 'jobs.suggestion', actor.subject), async (inner) => {
      const purpose = await purposeOrAsk(inner, actor, citizenId, { purpose: value.purpose });
      const citizen = await recordCitizenAccess(inner, actor, citizenId, { action: 'change', dataCategory: JOURNEY_DATA_CATEGORY, ...purpose });
      const ad = await selectAd(inner, value.adId, today);
      if (!ad) throw new AppError('VALIDATION', 'The ad is no longer advertised.', [{ field: noteField, message: 'jobs.suggestion.error.adGone' }]);
      const id = await insertSuggestion(inner, {
        citizen_id: citizen.id,
        municipality_code: citizen.municipality_code,
        organisation_id: organisation,
        organisation_name: await senderName(inner, actor),
        sent_by_subject: actor.subject,
        sent_by: actor.name,
        ad_id: ad.ad_id,
        title: ad.title,
        employer_name: ad.employer_name,
        town: ad.town,
        deadline: ad.deadline,
        url: ad.url,
        note: value.note,
      });
      if (!id)
        throw new AppError('VALIDATION', 'The ad was suggested to the citizen before.', [{ field: noteField, message: 'jobs.suggestion.error.already' }]);
      // The citizen hears of it in their notification centre (and by e-mail/SMS as they chose), without the note.
      await notify(inner, { recipient: { citizenId: citizen.id }, kind: 'suggestion', link: '/borger/job/forslag', dedupeKey: `job-suggestion:${id}` });
      return id;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The citizen's side

export type OwnSuggestionsView = { suggestions: SuggestionRow[] };

/** The signed-in citizen's job suggestions, those waiting for an answer first, then newest first. */
export async function listOwnSuggestions(db: Db, actor: Principal): Promise<OwnSuggestionsView> {
  const citizenId = ownCitizenId(actor);
  return withTenant(db, { citizen: citizenId }, async (trx) => ({
    suggestions: await selectSuggestions(trx, citizenId, { today: copenhagenDate(), unansweredFirst: true, limit: LISTED }),
  }));
}

/** How many of the signed-in citizen's job suggestions wait for their answer (for the link on "Min jobrejse"). */
export async function countOpenJobSuggestions(db: Db, actor: Principal): Promise<number> {
  const citizenId = ownCitizenId(actor);
  return withTenant(db, { citizen: citizenId }, (trx) => countUnanswered(trx, citizenId));
}

/**
 * Answers one of the citizen's suggestions (or changes the answer): all of it or nothing. VALIDATION names each field
 * of that suggestion's form (no answer; not relevant without a reason; will apply without a day, or by a day before
 * today); NOT_FOUND for a suggestion that is not the citizen's. Returns the suggestion's id.
 */
export async function answerSuggestion(db: Db, actor: Principal, input: unknown): Promise<string> {
  const citizenId = ownCitizenId(actor);
  const target = answerTargetSchema.safeParse(input ?? {});
  if (!target.success) throw new AppError('NOT_FOUND', 'There is no such job suggestion.');
  const suggestionId = target.data.forslag;
  const fields = answerFieldsOf(suggestionId);
  const value = parseNamed(answerSchema(copenhagenDate()), input, {
    answer: fields.answer,
    reason: fields.reason,
    applyBy: fields.applyBy,
    applyByDay: `${fields.applyBy}Day`,
    applyByMonth: `${fields.applyBy}Month`,
    applyByYear: `${fields.applyBy}Year`,
  });
  const saved = await withTenant(db, { citizen: citizenId }, (trx) => updateAnswer(trx, citizenId, suggestionId, value));
  if (!saved) throw new AppError('NOT_FOUND', 'There is no such job suggestion.');
  return suggestionId;
}
