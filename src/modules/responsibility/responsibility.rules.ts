// Who runs a citizen's contact course on a given day, worked out from data only: the citizen's situation (from DFDG),
// the rules in force (responsibility_rule rows: a reform or a trial is a new row, never a new branch here), the
// organisations that could be responsible, and the citizen's latest free choice. Pure functions over Copenhagen
// calendar dates (YYYY-MM-DD), so the daily job, the citizen's card and the tests all get the same answer.

export const benefits = ['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge', 'andet', 'ingen'] as const;
export type Benefit = (typeof benefits)[number];
export type Basis = 'rule' | 'choice' | 'default';

/** What DFDG told us last. */
export type Situation = { municipalityCode: string; benefit: Benefit; unemployedSince: string | null; akasseCvr: string | null };

/** One version of a rule, as the responsibility_rule row says. */
export type Rule = {
  id: string;
  version: number;
  validFrom: string;
  benefit: Exclude<Benefit, 'ingen'>;
  municipalityCodes: readonly string[] | null;
  akasseMonths: number;
  freeChoice: boolean;
  choiceLockDays: number;
  legalBasis: string;
};

/** The organisations that may be responsible for the citizen: their kommune, their a-kasse (when on the register) and the kommune's contracted other actors. */
export type Candidates = { kommune: string; akasse: string | null; otherActors: readonly string[] };

/** A free choice the citizen made, on the Copenhagen date it was made. */
export type Choice = { organisationId: string; chosenOn: string };

export type RuleRef = { id: string; version: number };

/** Who is responsible on a day, and why. */
export type Decision = { organisationId: string; basis: Basis; rule: RuleRef | null; legalBasis: string };

/** A decision and the next planned change of organisation after the day (none when nothing is planned). */
export type Answer = Decision & { handOver: { on: string; organisationId: string } | null };

export type Inputs = { situation: Situation; rules: readonly Rule[]; candidates: Candidates; choices: readonly Choice[] };

/** Where no rule names the citizen's benefit, the municipality runs the contact course, as it always has. */
export const DEFAULT_LEGAL_BASIS = 'Lov om en aktiv beskæftigelsesindsats: kommunen har ansvaret for kontaktforløbet';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsOf(date: string): [number, number, number] {
  const match = isoDate.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const format = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The calendar date `months` months after `date`; a day the target month does not have is its last day
 * (3 months after 30 November is 28 February, or 29 in a leap year).
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = partsOf(date);
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = (total % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The calendar date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The rule in force on `day` for the citizen's benefit and municipality: valid from that day or before; a rule naming
 * the municipality before a general one; then the latest start, then the highest version.
 */
export function ruleInForce(rules: readonly Rule[], situation: Pick<Situation, 'benefit' | 'municipalityCode'>, day: string): Rule | undefined {
  const applicable = rules.filter(
    (r) => r.benefit === situation.benefit && r.validFrom <= day && (r.municipalityCodes === null || r.municipalityCodes.includes(situation.municipalityCode)),
  );
  return applicable.sort(
    (a, b) =>
      Number(b.municipalityCodes !== null) - Number(a.municipalityCodes !== null) ||
      (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0) ||
      b.version - a.version,
  )[0];
}

/** The organisations a citizen may choose between under a free-choice rule: the kommune, their a-kasse, the other actors. */
export function choiceOptions(candidates: Candidates): string[] {
  return [candidates.kommune, ...(candidates.akasse ? [candidates.akasse] : []), ...candidates.otherActors];
}

/** The latest choice made on or before `day` (choices in the order made). */
function latestChoice(choices: readonly Choice[], day: string): Choice | undefined {
  return choices.filter((c) => c.chosenOn <= day).at(-1);
}

/** Who is responsible on `day`. */
export function decideOn(inputs: Inputs, day: string): Decision {
  const { situation, candidates } = inputs;
  const rule = situation.benefit === 'ingen' ? undefined : ruleInForce(inputs.rules, situation, day);
  if (!rule) return { organisationId: candidates.kommune, basis: 'default', rule: null, legalBasis: DEFAULT_LEGAL_BASIS };
  const ref = { id: rule.id, version: rule.version };
  if (rule.freeChoice) {
    const choice = latestChoice(inputs.choices, day);
    // A choice of an organisation that is no longer an option (a contract that ended) falls back to the rule.
    if (choice && choiceOptions(candidates).includes(choice.organisationId))
      return { organisationId: choice.organisationId, basis: 'choice', rule: ref, legalBasis: rule.legalBasis };
  }
  const withAkasse = candidates.akasse !== null && situation.unemployedSince !== null && day < addMonths(situation.unemployedSince, rule.akasseMonths);
  return { organisationId: withAkasse && candidates.akasse ? candidates.akasse : candidates.kommune, basis: 'rule', rule: ref, legalBasis: rule.legalBasis };
}

/** The days after `day` on which the answer may change: a hand-over under any rule, a rule starting, a choice taking effect. */
function changeDaysAfter(inputs: Inputs, day: string): string[] {
  const since = inputs.situation.unemployedSince;
  const days = [
    ...inputs.rules.map((r) => r.validFrom),
    ...(since ? inputs.rules.map((r) => addMonths(since, r.akasseMonths)) : []),
    ...inputs.choices.map((c) => c.chosenOn),
  ];
  return [...new Set(days.filter((d) => d > day))].sort();
}

/** Who is responsible on `day`, and the next planned change of organisation. */
export function responsibleOn(inputs: Inputs, day: string): Answer {
  const decision = decideOn(inputs, day);
  for (const next of changeDaysAfter(inputs, day)) {
    const then = decideOn(inputs, next);
    if (then.organisationId !== decision.organisationId) return { ...decision, handOver: { on: next, organisationId: then.organisationId } };
  }
  return { ...decision, handOver: null };
}

/** A stretch of responsibility: from `startsOn` until the next one starts. */
export type Stretch = Decision & { startsOn: string };

/**
 * The stretches of responsibility from `from` through `to`, a new one at each change of organisation. The daily job
 * closes the open period at the first one that differs; the citizen's first period replays them from unemployment.
 */
export function stretchesBetween(inputs: Inputs, from: string, to: string): Stretch[] {
  const stretches: Stretch[] = [{ ...decideOn(inputs, from), startsOn: from }];
  for (let day = from; ;) {
    const { handOver } = responsibleOn(inputs, day);
    if (!handOver || handOver.on > to) return stretches;
    day = handOver.on;
    stretches.push({ ...decideOn(inputs, day), startsOn: day });
  }
}

/** Whether a choice made on `lastChoiceOn` still stands on `day` under the lock, and until when. */
export function choiceLockedUntil(lastChoiceOn: string | undefined, lockDays: number, day: string): string | null {
  if (!lastChoiceOn || lockDays <= 0) return null;
  const until = addDays(lastChoiceOn, lockDays);
  return day < until ? until : null;
}
