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
  type CitizenWithoutPlanRow,
  type InactivePlanRow,
  type WaitingEscalationRow,
} from './caseload.repository.ts';
import { journeyPolicy } from './journey.policy.ts';

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
