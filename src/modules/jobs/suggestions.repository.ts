// SQL for job suggestions (0092). Every statement runs in the caller's tenant transaction: the citizen's own
// (app.citizen) or the caseworker's organisation (app.organisation), and row-level security decides what is seen.
import { sql, type Insertable } from 'kysely';
import type { Trx } from '../../platform/db/tenant.ts';
import type { JobSuggestionAnswer, JobSuggestionTable } from '../../platform/db/schema.ts';

export type SuggestionRow = {
  id: string;
  citizen_id: string;
  organisation_name: string;
  sent_by: string;
  ad_id: string;
  title: string;
  employer_name: string;
  town: string;
  deadline: string;
  url: string;
  note: string | null;
  created_at: Date;
  answer: JobSuggestionAnswer | null;
  answer_reason: string | null;
  apply_by: string | null;
  answered_at: Date | null;
  /** Whether the ad is still advertised on `today` (the feed still has it, and its deadline has not passed). */
  advertised: boolean;
};

/** A suggestion as it is recorded (the answer comes later). */
export type NewSuggestion = Omit<Insertable<JobSuggestionTable>, 'id' | 'created_at' | 'answer' | 'answer_reason' | 'apply_by' | 'answered_at'>;

/** Records a suggestion; undefined when the ad was suggested to the citizen before (one ad, once, per citizen). */
export async function insertSuggestion(trx: Trx, suggestion: NewSuggestion): Promise<string | undefined> {
  const row = await trx
    .insertInto('job_suggestion')
    .values(suggestion)
    .onConflict((oc) => oc.columns(['citizen_id', 'ad_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The citizen's suggestions the transaction may see (at most `limit`): newest first, or those waiting for an answer
 * first (`unansweredFirst`), each saying whether its ad is still advertised on `today`.
 */
export async function selectSuggestions(
  trx: Trx,
  citizenId: string,
  options: { today: string; unansweredFirst: boolean; limit: number },
): Promise<SuggestionRow[]> {
  const order = options.unansweredFirst ? sql`(s.answer is null) desc, s.created_at desc, s.id` : sql`s.created_at desc, s.id`;
  const { rows } = await sql<SuggestionRow>`
    select s.id, s.citizen_id, s.organisation_name, s.sent_by, s.ad_id, s.title, s.employer_name, s.town, s.deadline::text as deadline,
           s.url, s.note, s.created_at, s.answer, s.answer_reason, s.apply_by::text as apply_by, s.answered_at,
           exists (select 1 from job_ad a where a.ad_id = s.ad_id and a.deadline >= ${options.today}::date) as advertised
    from job_suggestion s
    where s.citizen_id = ${citizenId}
    order by ${order}
    limit ${options.limit}
  `.execute(trx);
  return rows;
}

/** How many of the citizen's suggestions wait for their answer. */
export async function countUnanswered(trx: Trx, citizenId: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from job_suggestion where citizen_id = ${citizenId} and answer is null
  `.execute(trx);
  return rows[0]?.count ?? 0;
}

/** Sets (or changes) the answer to one of the citizen's suggestions; false when the citizen has no such suggestion. */
export async function updateAnswer(
  trx: Trx,
  citizenId: string,
  suggestionId: string,
  answer: { answer: JobSuggestionAnswer; reason: string | null; applyBy: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('job_suggestion')
    .set({ answer: answer.answer, answer_reason: answer.reason, apply_by: answer.applyBy, answered_at: new Date() })
    .where('id', '=', suggestionId)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether the organisation the transaction acts for is responsible for the citizen now (it may then send suggestions). */
export async function selectServesCitizen(trx: Trx, citizenId: string, municipalityCode: string): Promise<boolean> {
  const { rows } = await sql<{ serves: boolean }>`select organisation_serves_citizen(${citizenId}::uuid, ${municipalityCode}) as serves`.execute(trx);
  return rows[0]?.serves === true;
}
