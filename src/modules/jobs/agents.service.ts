// Job agents: a citizen's saved searches. After each ingestion a job matches the ads seen since each agent's last look
// (never per page view) and records each found ad once; an immediate agent gets a notice at once, a daily one a digest
// each morning; each notice is one in-app notice and one mail with a one-click unsubscribe link.
import { randomBytes } from 'node:crypto';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, formOnce } from '../../platform/http/form-token.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { formatCalendarDate } from '../../platform/i18n/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { notify } from '../notifications/index.ts';
import {
  deleteAgent,
  insertAgent,
  insertNoticeForUnnoticed,
  markNoticeMailed,
  markNoticesSeen,
  matchNewAds,
  recordNoticeMailFailure,
  selectAgent,
  selectAgentByToken,
  selectAgents,
  selectDueAgents,
  selectDueDigests,
  selectDueMails,
  selectMatches,
  selectMatchHorizon,
  selectNotice,
  selectNotices,
  stopAgentByToken,
  updateAgentActive,
  type AgentRow,
  type MatchRow,
  type NoticeRow,
} from './agents.repository.ts';
import { jobsPolicy } from './jobs.policy.ts';
import { agentFormSchema } from './jobs.schemas.ts';
import { DEFAULT_RADIUS_KM, resolvePlace } from './jobs.service.ts';

/** How many agents, digests or mails one run handles at most; the next run takes the rest. */
const PER_RUN = 500;

function ownCitizen(actor: Principal): string {
  const citizenId = actor.citizenId;
  if (!citizenId || !jobsPolicy.can(actor, 'jobs.agent.own', { citizenId })) throw new AppError('FORBIDDEN', 'Only the citizen keeps their job agents.');
  return citizenId;
}

function asCitizen<T>(db: Db, actor: Principal, work: (trx: Trx, citizenId: string) => Promise<T>): Promise<T> {
  const citizenId = ownCitizen(actor);
  return withTenant(db, { citizen: citizenId }, (trx) => work(trx, citizenId));
}

/**
 * Saves the search in the form as a job agent; once per form (its one-time token). VALIDATION names each field; a
 * place that names nothing is the place's error. Ads already published are not news: the agent starts at the newest ad.
 */
export async function createAgent(db: Db, actor: Principal, input: unknown): Promise<{ id: string; replayed: boolean }> {
  const value = parseInput(agentFormSchema, input);
  const citizenId = ownCitizen(actor);
  const municipalityCode = actor.municipality?.code;
  if (!municipalityCode) throw new AppError('FORBIDDEN', 'A citizen without a municipality keeps no job agents.');
  const place = value.sted.trim() === '' ? undefined : resolvePlace(value.sted);
  if (value.sted.trim() !== '' && !place)
    throw new AppError('VALIDATION', 'The place is not a Danish town, a municipality code or a point.', [{ field: 'sted', message: 'jobs.error.place' }]);
  const horizon = await selectMatchHorizon(db);
  return withTenant(db, { citizen: citizenId }, (trx) =>
    createOnce(trx, formOnce(input, 'jobs.agent', citizenId), (inner) =>
      insertAgent(
        inner,
        {
          citizen_id: citizenId,
          municipality_code: municipalityCode,
          name: value.navn,
          criteria: { query: value.q.trim(), occupations: value.stilling, municipalities: value.kommune, hours: value.arbejdstid, place: value.sted.trim() },
          near_lat: place?.lat ?? null,
          near_lon: place?.lon ?? null,
          near_radius_km: place ? (value.afstand ?? DEFAULT_RADIUS_KM) : null,
          email: value.email,
          frequency: value.hyppighed,
          unsubscribe_token: randomBytes(32).toString('base64url'),
        },
        horizon,
      ),
    ),
  );
}

export type AgentsView = { agents: (AgentRow & { unseen: number })[]; notices: NoticeRow[] };

/** The citizen's agents with their unseen finds, and the latest notices. */
export function listAgents(db: Db, actor: Principal): Promise<AgentsView> {
  return asCitizen(db, actor, async (trx, citizenId) => ({ agents: await selectAgents(trx, citizenId), notices: await selectNotices(trx, citizenId, 20) }));
}

/** One agent with what it found, newest first; opening it marks its notices seen. NOT_FOUND for another's. */
export function openAgent(db: Db, actor: Principal, agentId: string): Promise<{ agent: AgentRow; matches: MatchRow[] }> {
  return asCitizen(db, actor, async (trx) => {
    const agent = await selectAgent(trx, agentId);
    if (!agent) throw new AppError('NOT_FOUND', 'There is no such job agent.');
    const matches = await selectMatches(trx, { agentId }, 100);
    await markNoticesSeen(trx, agentId);
    return { agent, matches };
  });
}

/** Switches an agent on or off, or removes it with what it found. NOT_FOUND for another's. */
export function changeAgent(db: Db, actor: Principal, agentId: string, change: 'stop' | 'start' | 'delete'): Promise<AgentRow> {
  return asCitizen(db, actor, async (trx) => {
    const agent = await selectAgent(trx, agentId);
    if (!agent) throw new AppError('NOT_FOUND', 'There is no such job agent.');
    if (change === 'delete') await deleteAgent(trx, agentId);
    else await updateAgentActive(trx, agentId, change === 'start');
    return agent;
  });
}

/** The agent an unsubscribe link names (its name and whether it is on); undefined for a link that names none. */
export function agentByUnsubscribeToken(db: Db, token: string): Promise<{ id: string; name: string; active: boolean } | undefined> {
  return selectAgentByToken(db, token);
}

/** Switches off the agent an unsubscribe link names (again is fine); undefined for a link that names none. */
export function unsubscribeByToken(db: Db, token: string): Promise<{ id: string; name: string } | undefined> {
  return stopAgentByToken(db, token);
}

// ---------------------------------------------------------------------------------------------------------------
// The jobs' side: matching, digests, mail.

/**
 * Matches the ads seen since each due agent's point, acting as each agent's citizen; an immediate agent's new finds
 * become a notice at once. Returns the number of ads found and notices made.
 */
export async function matchAgents(db: Db, today: string): Promise<{ agents: number; found: number; notices: number }> {
  const horizon = await selectMatchHorizon(db);
  const due = await selectDueAgents(db, PER_RUN);
  const run = { agents: due.length, found: 0, notices: 0 };
  for (const { id, citizen_id } of due)
    await withTenant(db, { citizen: citizen_id }, async (trx) => {
      const agent = await selectAgent(trx, id);
      if (!agent?.active) return;
      const found = await matchNewAds(trx, agent, horizon, today);
      run.found += found.length;
      if (found.length > 0 && agent.frequency === 'immediate' && (await noticeWithNotification(trx, agent, 'immediate'))) run.notices += 1;
    });
  return run;
}

/**
 * The agent's finds not yet told as one notice, and the same in the citizen's notification centre (in the app only:
 * the agent mails its notices itself, with the ads). Whether a notice was made.
 */
async function noticeWithNotification(trx: Trx, agent: AgentRow, kind: 'immediate' | 'digest'): Promise<boolean> {
  const noticeId = await insertNoticeForUnnoticed(trx, agent, kind);
  if (!noticeId) return false;
  const notice = await selectNotice(trx, noticeId);
  await notify(trx, {
    recipient: { citizenId: agent.citizen_id },
    kind: 'job-agent',
    link: `/borger/job/agenter/${agent.id}`,
    params: { count: notice?.ads ?? 0 },
    channels: ['app'],
    dedupeKey: `job-agent-notice:${noticeId}`,
  });
  return true;
}

/** Each daily agent's finds not yet told become one digest notice (the morning job). */
export async function gatherDigests(db: Db): Promise<number> {
  let made = 0;
  for (const { id, citizen_id } of await selectDueDigests(db, PER_RUN))
    await withTenant(db, { citizen: citizen_id }, async (trx) => {
      const agent = await selectAgent(trx, id);
      if (agent?.active && (await noticeWithNotification(trx, agent, 'digest'))) made += 1;
    });
  return made;
}

/**
 * Mails each notice not yet mailed, as its citizen, and marks it mailed; a refused send is counted and tried on the
 * next run (at most 12 times). An agent switched off before its mail went sends nothing.
 */
export async function mailNotices(db: Db, config: Pick<Config, 'baseUrl'>, mailer: Mailer): Promise<{ mailed: number; failed: number }> {
  const run = { mailed: 0, failed: 0 };
  for (const { id, citizen_id } of await selectDueMails(db, PER_RUN)) {
    const loaded = await withTenant(db, { citizen: citizen_id }, async (trx) => {
      const notice = await selectNotice(trx, id);
      return notice && { notice, matches: await selectMatches(trx, { noticeId: id }, 50) };
    });
    if (!loaded) continue;
    if (!loaded.notice.active) {
      await withTenant(db, { citizen: citizen_id }, (trx) => markNoticeMailed(trx, id));
      continue;
    }
    try {
      await mailer.send(noticeMail(config.baseUrl, loaded.notice, loaded.matches));
      await withTenant(db, { citizen: citizen_id }, (trx) => markNoticeMailed(trx, id));
      run.mailed += 1;
    } catch (error) {
      await withTenant(db, { citizen: citizen_id }, (trx) => recordNoticeMailFailure(trx, id, error instanceof Error ? error.message : String(error)));
      run.failed += 1;
    }
  }
  return run;
}

/** The mail of a notice, in Danish (the platform's language for what it sends): the ads with links, and how to stop. */
export function noticeMail(baseUrl: string, notice: NoticeRow, matches: MatchRow[]) {
  const unsubscribe = `${baseUrl}/job/agent/afmeld/${notice.unsubscribe_token}`;
  const subject =
    notice.kind === 'digest' ? `Dagens nye job fra din jobagent »${notice.agent_name}«` : `${notice.ads} nye job fra din jobagent »${notice.agent_name}«`;
  const lines = matches.map(
    (m) =>
      `${m.title}\n${m.employer_name}, ${m.town}. Ansøgningsfrist ${formatCalendarDate('da', m.deadline)}.\n${baseUrl}/borger/job/${encodeURIComponent(m.ad_id)}`,
  );
  const more = notice.ads > matches.length ? [`… og ${notice.ads - matches.length} flere: ${baseUrl}/borger/job/agenter/${notice.agent_id}`] : [];
  const text = [
    `Din jobagent »${notice.agent_name}« har fundet ${notice.ads} nye job.`,
    '',
    ...lines.flatMap((l) => [l, '']),
    ...more,
    `Se alle dine jobagenter: ${baseUrl}/borger/job/agenter`,
    '',
    `Vil du ikke have flere mails fra denne jobagent? Afmeld den her: ${unsubscribe}`,
    '',
    'Jobunivers',
  ].join('\n');
  return {
    to: notice.email,
    subject,
    text,
    listUnsubscribe: { url: `${baseUrl}/api/public/v1/job-agents/unsubscribe/${notice.unsubscribe_token}`, oneClick: true },
  };
}
