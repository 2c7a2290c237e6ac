// The caseworker's caseload overview (/medarbejder/overblik): three lists to act on, each with its count — escalations
// waiting, citizens without a plan, plans without activity for 30 days (Joblog's inactivity rule) — of the citizens
// the caseworker's organisation serves now. The lists hold names and ages only and record no access, as "Mine
// borgere" does not: opening a citizen is the citizen's own page, which asks for the purpose and logs the look-up.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/http/pagination.ts';
import {
  countCitizensWithoutPlan,
  countInactivePlans,
  countWaitingEscalations,
  selectCitizensWithoutPlan,
  selectInactivePlans,
  selectWaitingEscalations,
  selectAssignment,
  selectAssignmentChanges,
  selectCaseloadPage,
  selectCitizenOfOrganisation,
  writeAssignment,
  type AssignmentChangeRow,
  type AssignmentRow,
  type CaseloadRow,
  type CitizenWithoutPlanRow,
  type InactivePlanRow,
  type WaitingEscalationRow,
} from './caseload.repository.ts';
import { parseInput } from '../../platform/validation.ts';
import { listStaffMembers, type StaffMember } from '../identity/index.ts';
import { journeyPolicy } from './journey.policy.ts';
import { selectJourneyTaxonomies, selectServesCitizen, type JourneyTaxonomies } from './journey.repository.ts';
import { assignmentSchema, type CaseloadListQuery } from './journey.schemas.ts';

/** The overview's three lists, by the names of their cursor parameters. */
export const caseloadLists = ['henvendelser', 'udenPlan', 'inaktive'] as const;
export type CaseloadListName = (typeof caseloadLists)[number];

export type CaseloadList<T> = { count: number; items: T[]; nextCursor: string | null };
export type Caseload = {
  escalations: CaseloadList<Omit<WaitingEscalationRow, 'since'>>;
  withoutPlan: CaseloadList<CitizenWithoutPlanRow>;
  inactive: CaseloadList<Omit<InactivePlanRow, 'since'>>;
};

const uuid = /^[0-9a-f-]{36}$/;
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A two-part cursor this page gave out (a time or a name, then an id); anything else is VALIDATION on that list's field. */
function cursorOf(cursor: string | undefined, field: CaseloadListName, first: 'time' | 'name'): [string, string] | undefined {
  if (!cursor) return undefined;
  const invalid = () => new AppError('VALIDATION', 'The cursor is not one this page gave out.', [{ field, message: 'validation.invalid' }]);
  let key: (string | number)[];
  try {
    key = decodeCursor(cursor, 2);
  } catch {
    throw invalid();
  }
  const [a, b] = key;
  if (typeof a !== 'string' || typeof b !== 'string' || !uuid.test(b) || (first === 'time' && !timestamp.test(a))) throw invalid();
  return [a, b];
}

/**
 * The caseload overview of the caseworker's organisation: each list's count and one page (`limit` rows) after its own
 * cursor. Throws FORBIDDEN for anyone but a caseworker acting for an organisation, VALIDATION for a forged cursor.
 */
export async function getCaseload(db: Db, actor: Principal, page: { cursors: Partial<Record<CaseloadListName, string>>; limit: number }): Promise<Caseload> {
  const organisation = actor.organisation?.id;
  if (!organisation || !journeyPolicy.can(actor, 'journey.look-up')) throw new AppError('FORBIDDEN', 'Only caseworkers do this.');
  const afterEscalation = cursorOf(page.cursors.henvendelser, 'henvendelser', 'time');
  const afterWithoutPlan = cursorOf(page.cursors.udenPlan, 'udenPlan', 'name');
  const afterInactive = cursorOf(page.cursors.inaktive, 'inaktive', 'time');
  const fetch = page.limit + 1;
  return withTenant(db, { organisation }, async (trx) => ({
    escalations: {
      count: await countWaitingEscalations(trx),
      ...toPage(
        await selectWaitingEscalations(trx, { after: afterEscalation, limit: fetch }),
        page.limit,
        (row) => [row.since, row.id],
        ({ since: _since, ...row }) => row,
      ),
    },
    withoutPlan: {
      count: await countCitizensWithoutPlan(trx),
      ...toPage(
        await selectCitizensWithoutPlan(trx, { after: afterWithoutPlan, limit: fetch }),
        page.limit,
        (row) => [row.full_name, row.id],
        (row) => row,
      ),
    },
    inactive: {
      count: await countInactivePlans(trx),
      ...toPage(
        await selectInactivePlans(trx, { after: afterInactive, limit: fetch }),
        page.limit,
        (row) => [row.since, row.id],
        ({ since: _since, ...row }) => row,
      ),
    },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The caseload (/medarbejder/borgere): the citizens the organisation serves now — the caseworker's own, the
// unassigned, or the team's — filtered and sorted, a page at a time; and assignment and hand-over between caseworkers.

/** Citizens on a page of the caseload. */
export const CASELOAD_PAGE_SIZE = 25;

const scopeOf = { mine: 'mine', ufordelte: 'unassigned', team: 'team' } as const;
const sortOf = { navn: 'name', henvendelse: 'waiting', moede: 'meeting', stille: 'quiet' } as const;

export type CaseloadView = {
  rows: Omit<CaseloadRow, 'total'>[];
  total: number;
  page: number;
  pageSize: number;
  taxonomies: JourneyTaxonomies;
};

/**
 * A page of the caseload of the caseworker's organisation: whose (`vis`: the caseworker's own by default), the filters
 * (target group, stage, escalation waiting, no plan, no activity for 30 days, unread messages, upcoming meeting), the
 * order and the page. Names and facts only, as the overview: nothing is logged until a citizen is opened (with a purpose).
 */
export async function listCaseload(db: Db, actor: Principal, query: CaseloadListQuery): Promise<CaseloadView> {
  const organisation = actor.organisation?.id;
  if (!organisation || !journeyPolicy.can(actor, 'journey.look-up')) throw new AppError('FORBIDDEN', 'Only caseworkers do this.');
  const page = query.side ?? 1;
  const pageSize = query.limit ?? CASELOAD_PAGE_SIZE;
  const taxonomies = await selectJourneyTaxonomies(db);
  const known = (code: string | undefined, terms: { code: string }[]) => (code && terms.some((t) => t.code === code) ? code : undefined);
  const rows = await withTenant(db, { organisation }, (trx) =>
    selectCaseloadPage(trx, {
      scope: scopeOf[query.vis === 'tidligere' || !query.vis ? 'mine' : query.vis],
      subject: actor.subject,
      targetGroup: known(query.maalgruppe, taxonomies.targetGroups),
      stage: known(query.fase, taxonomies.journeyStages),
      waiting: query.henvendelse === '1',
      withoutPlan: query.udenPlan === '1',
      inactive: query.inaktiv === '1',
      unread: query.ulaest === '1',
      meeting: query.moede === '1',
      sort: sortOf[query.sort ?? 'navn'],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    }),
  );
  return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]?.total ?? 0), page, pageSize, taxonomies };
}

export type CitizenAssignment = {
  current: AssignmentRow | undefined;
  changes: AssignmentChangeRow[];
  /** The organisation's caseworkers, to assign or hand over to (empty when the organisation no longer serves the citizen). */
  caseworkers: StaffMember[];
};

/** Who the citizen is assigned to in the actor's organisation, its latest changes, and the colleagues to choose from. */
export async function citizenAssignment(db: Db, actor: Principal, citizenId: string, responsible: boolean): Promise<CitizenAssignment> {
  const organisation = actor.organisation?.id;
  if (!organisation || !journeyPolicy.can(actor, 'journey.look-up')) throw new AppError('FORBIDDEN', 'Only caseworkers do this.');
  const caseworkers = responsible ? await listStaffMembers(db, actor, { role: 'caseworker' }) : [];
  return withTenant(db, { organisation }, async (trx) => ({
    current: await selectAssignment(trx, organisation, citizenId),
    changes: await selectAssignmentChanges(trx, organisation, citizenId, 5),
    caseworkers,
  }));
}

/**
 * Assigns a citizen the organisation serves now to one of its caseworkers (from the staff directory), hands them over
 * from one to another, or leaves them to the team (no one), with an optional note; every change is recorded. VALIDATION
 * for someone not in the directory as a caseworker (saving no change records nothing); NOT_FOUND for a citizen the organisation does not
 * know; FORBIDDEN for one it no longer serves.
 */
export async function assignCitizen(db: Db, actor: Principal, citizenId: string, input: unknown): Promise<void> {
  const organisation = actor.organisation?.id;
  if (!organisation || !journeyPolicy.can(actor, 'caseload.assign')) throw new AppError('FORBIDDEN', 'Only caseworkers do this.');
  const colleagues = await listStaffMembers(db, actor, { role: 'caseworker' });
  await withTenant(db, { organisation }, async (trx) => {
    // Another organisation's citizen is not found, and one it no longer serves is refused, before the form is read.
    const citizen = await selectCitizenOfOrganisation(trx, citizenId);
    if (!citizen) throw new AppError('NOT_FOUND', 'No such citizen your organisation is or was responsible for.');
    if (!(await selectServesCitizen(trx, citizen.id, citizen.municipality_code)))
      throw new AppError('FORBIDDEN', 'Another organisation now helps the citizen: you can read what was recorded, not change it.');
    const value = parseInput(assignmentSchema, input);
    const to = value.caseworker ? colleagues.find((c) => c.subject === value.caseworker) : undefined;
    if (value.caseworker && !to)
      throw new AppError('VALIDATION', 'Not a caseworker of the organisation.', [{ field: 'caseworker', message: 'validation.choice' }]);
    const current = await selectAssignment(trx, organisation, citizen.id);
    // Saving what is already so changes nothing and records nothing.
    if ((current?.caseworker_subject ?? '') === (to?.subject ?? '')) return;
    await writeAssignment(trx, {
      organisationId: organisation,
      citizenId: citizen.id,
      to: to ? { subject: to.subject, name: to.name } : undefined,
      fromName: current?.caseworker_name ?? null,
      byName: actor.name,
      note: value.note || null,
    });
  });
}
