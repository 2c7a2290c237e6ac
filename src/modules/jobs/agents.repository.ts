import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { JobAgentCriteria } from '../../platform/db/schema.ts';
import { conditions } from './jobs.repository.ts';

export type AgentRow = {
  id: string;
  citizen_id: string;
  municipality_code: string;
  name: string;
  criteria: JobAgentCriteria;
  near_lat: number | null;
  near_lon: number | null;
  near_radius_km: number | null;
  email: string;
  frequency: 'immediate' | 'daily';
  after_seq: string;
  unsubscribe_token: string;
  active: boolean;
  created_at: Date;
};

export type NewAgent = Omit<AgentRow, 'id' | 'active' | 'created_at' | 'after_seq'>;

/**
 * The newest ad the platform has seen, read once no page of the feed is being written: an ingesting transaction holds
 * its feed's state row, so this waits for it, and every ad written after has a higher number. Agents match up to it.
 */
export async function selectMatchHorizon(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select 1 from job_feed_state for share`.execute(trx);
    const { rows } = await sql<{ horizon: string | null }>`select max(seen_seq)::text as horizon from job_ad`.execute(trx);
    return Number(rows[0]?.horizon ?? 0);
  });
}

export async function insertAgent(trx: Trx, agent: NewAgent, afterSeq: number): Promise<string> {
  const row = await trx
    .insertInto('job_agent')
    .values({ ...agent, criteria: JSON.stringify(agent.criteria), after_seq: afterSeq })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function selectAgents(trx: Trx, citizenId: string): Promise<(AgentRow & { unseen: number })[]> {
  const { rows } = await sql<AgentRow & { unseen: number }>`
    select a.id, a.citizen_id, a.municipality_code, a.name, a.criteria, a.near_lat, a.near_lon, a.near_radius_km, a.email,
           a.frequency, a.after_seq::text as after_seq, a.unsubscribe_token, a.active, a.created_at,
           (select count(*)::int from job_agent_match m left join job_agent_notice n on n.id = m.notice_id
             where m.agent_id = a.id and (n.id is null or n.seen_at is null)) as unseen
    from job_agent a
    where a.citizen_id = ${citizenId}
    order by a.active desc, a.created_at desc
  `.execute(trx);
  return rows;
}

export async function selectAgent(trx: Trx, agentId: string): Promise<AgentRow | undefined> {
  const { rows } = await sql<AgentRow>`
    select id, citizen_id, municipality_code, name, criteria, near_lat, near_lon, near_radius_km, email, frequency,
           after_seq::text as after_seq, unsubscribe_token, active, created_at
    from job_agent where id = ${agentId}
  `.execute(trx);
  return rows[0];
}

export async function updateAgentActive(trx: Trx, agentId: string, active: boolean): Promise<boolean> {
  const result = await trx
    .updateTable('job_agent')
    .set({ active, stopped_at: active ? null : new Date() })
    .where('id', '=', agentId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteAgent(trx: Trx, agentId: string): Promise<boolean> {
  const result = await trx.deleteFrom('job_agent').where('id', '=', agentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Records the ads seen after the agent's point, up to `horizon`, that match its search and are still open on
 * `today`, once each (an ad found before is not found again); moves the agent's point to the horizon. Returns the
 * new matches' ids.
 */
export async function matchNewAds(trx: Trx, agent: AgentRow, horizon: number, today: string): Promise<string[]> {
  const where = conditions({
    query: agent.criteria.query,
    occupations: agent.criteria.occupations,
    municipalities: agent.criteria.municipalities,
    hours: agent.criteria.hours,
    publishedSince: undefined,
    deadlineFrom: today,
    near:
      agent.near_lat !== null && agent.near_lon !== null && agent.near_radius_km !== null
        ? { lat: agent.near_lat, lon: agent.near_lon, radiusKm: agent.near_radius_km }
        : undefined,
  });
  const { rows } = await sql<{ ad_id: string }>`
    insert into job_agent_match (agent_id, ad_id, citizen_id, title, employer_name, town, deadline)
    select ${agent.id}::uuid, a.ad_id, ${agent.citizen_id}::uuid, a.title, a.employer_name, a.town, a.deadline
    from job_ad a
    where a.seen_seq > ${agent.after_seq}::bigint and a.seen_seq <= ${horizon}::bigint and ${sql.join(where, sql` and `)}
    on conflict (agent_id, ad_id) do nothing
    returning ad_id
  `.execute(trx);
  await trx.updateTable('job_agent').set({ after_seq: horizon }).where('id', '=', agent.id).execute();
  return rows.map((r) => r.ad_id);
}

/** Gathers the agent's found ads that no notice has told yet into a new notice; undefined when there are none. */
export async function insertNoticeForUnnoticed(trx: Trx, agent: AgentRow, kind: 'immediate' | 'digest'): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    with unnoticed as (select ad_id from job_agent_match where agent_id = ${agent.id} and notice_id is null for update),
         made as (
           insert into job_agent_notice (agent_id, citizen_id, municipality_code, kind, ads)
           select ${agent.id}::uuid, ${agent.citizen_id}::uuid, ${agent.municipality_code}, ${kind}, count(*)
           from unnoticed having count(*) > 0
           returning id)
    update job_agent_match m set notice_id = made.id
    from made, unnoticed u
    where m.agent_id = ${agent.id} and m.ad_id = u.ad_id
    returning made.id
  `.execute(trx);
  return rows[0]?.id;
}

export type NoticeRow = {
  id: string;
  agent_id: string;
  agent_name: string;
  kind: 'immediate' | 'digest';
  ads: number;
  created_at: Date;
  seen_at: Date | null;
  mailed_at: Date | null;
  email: string;
  unsubscribe_token: string;
  active: boolean;
};

export type MatchRow = { ad_id: string; title: string; employer_name: string; town: string; deadline: string; matched_at: Date; notice_id: string | null };

export async function selectNotice(trx: Trx, noticeId: string): Promise<NoticeRow | undefined> {
  const { rows } = await sql<NoticeRow>`
    select n.id, n.agent_id, a.name as agent_name, n.kind, n.ads, n.created_at, n.seen_at, n.mailed_at, a.email,
           a.unsubscribe_token, a.active
    from job_agent_notice n join job_agent a on a.id = n.agent_id
    where n.id = ${noticeId}
  `.execute(trx);
  return rows[0];
}

export async function selectNotices(trx: Trx, citizenId: string, limit: number): Promise<NoticeRow[]> {
  const { rows } = await sql<NoticeRow>`
    select n.id, n.agent_id, a.name as agent_name, n.kind, n.ads, n.created_at, n.seen_at, n.mailed_at, a.email,
           a.unsubscribe_token, a.active
    from job_agent_notice n join job_agent a on a.id = n.agent_id
    where n.citizen_id = ${citizenId}
    order by n.created_at desc
    limit ${limit}
  `.execute(trx);
  return rows;
}

export async function selectMatches(trx: Trx, where: { noticeId: string } | { agentId: string }, limit: number): Promise<MatchRow[]> {
  const filter = 'noticeId' in where ? sql`notice_id = ${where.noticeId}` : sql`agent_id = ${where.agentId}`;
  const { rows } = await sql<MatchRow>`
    select ad_id, title, employer_name, town, deadline::text as deadline, matched_at, notice_id
    from job_agent_match where ${filter}
    order by matched_at desc, ad_id
    limit ${limit}
  `.execute(trx);
  return rows;
}

export async function markNoticesSeen(trx: Trx, agentId: string): Promise<void> {
  await trx.updateTable('job_agent_notice').set({ seen_at: new Date() }).where('agent_id', '=', agentId).where('seen_at', 'is', null).execute();
}

export async function markNoticeMailed(trx: Trx, noticeId: string): Promise<void> {
  await trx.updateTable('job_agent_notice').set({ mailed_at: new Date(), mail_error: null }).where('id', '=', noticeId).execute();
}

export async function recordNoticeMailFailure(trx: Trx, noticeId: string, message: string): Promise<void> {
  await trx
    .updateTable('job_agent_notice')
    .set((eb) => ({ mail_attempts: eb('mail_attempts', '+', 1), mail_error: message.slice(0, 500) }))
    .where('id', '=', noticeId)
    .execute();
}

type Due = { id: string; citizen_id: string };

export async function selectDueAgents(db: Db, limit: number): Promise<Due[]> {
  return (await sql<Due>`select id, citizen_id from due_job_agents(${limit})`.execute(db)).rows;
}

export async function selectDueDigests(db: Db, limit: number): Promise<Due[]> {
  return (await sql<Due>`select id, citizen_id from due_job_agent_digests(${limit})`.execute(db)).rows;
}

export async function selectDueMails(db: Db, limit: number): Promise<Due[]> {
  return (await sql<Due>`select id, citizen_id from due_job_agent_mails(${limit})`.execute(db)).rows;
}

export async function selectAgentByToken(db: Db, token: string): Promise<{ id: string; name: string; active: boolean } | undefined> {
  return (await sql<{ id: string; name: string; active: boolean }>`select id, name, active from job_agent_by_token(${token})`.execute(db)).rows[0];
}

export async function stopAgentByToken(db: Db, token: string): Promise<{ id: string; name: string } | undefined> {
  return (await sql<{ id: string; name: string }>`select id, name from stop_job_agent_by_token(${token})`.execute(db)).rows[0];
}
