// Who runs a citizen's contact course, kept as dated periods: worked out by responsibility.rules.ts from the
// citizen's situation (DFDG), the rules in force and the citizen's free choice; moved by the daily job at the
// hand-over date and at once when the citizen chooses. Every write is in the citizen's own transaction (app.citizen).
import type { Logger } from 'pino';
import type { Principal } from '../../platform/auth/principal.ts';
import { announceChange, createChangeBus, type Change, type ChangeBus } from '../../platform/changes.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validation.ts';
import { akasseByCvr, contractedActors, employmentServiceName, getOrganisation, kommuneOrganisationId } from '../organisations/index.ts';
import { createDfdgClient, type JobSituation } from '../vendor-data/index.ts';
import { responsibilityPolicy } from './responsibility.policy.ts';
import {
  closePeriod,
  insertChoice,
  insertPeriod,
  selectChoices,
  selectCitizen,
  selectCitizensToMove,
  selectPeriods,
  selectRules,
  selectSituation,
  upsertSituation,
  type ChoiceRow,
  type PeriodRow,
  type RuleRow,
  type SituationRow,
} from './responsibility.repository.ts';
import {
  choiceLockedUntil,
  choiceOptions,
  responsibleOn,
  ruleInForce,
  stretchesBetween,
  type Basis,
  type Candidates,
  type Inputs,
  type Rule,
} from './responsibility.rules.ts';
import { choiceFormSchema } from './responsibility.schemas.ts';

/** What the citizen's pages need: the database, DFDG's address (config) and the app's change bus. */
export type ResponsibilityDeps = { db: Db; config: Pick<Config, 'integrations'>; changes: ChangeBus };

/** DFDG's answer is kept this long, so the start page does not ask DFDG at every view. */
const SITUATION_FRESH_MS = 15 * 60 * 1000;

export type OrganisationKindName = 'kommune' | 'akasse' | 'anden_aktoer';

/** An organisation as the citizen sees it: the name of its employment service and how to reach it. */
export type OrganisationCard = { id: string; kind: OrganisationKindName; name: string; phone: string | null; email: string | null; website: string | null };

export type PeriodView = {
  organisation: OrganisationCard;
  startsOn: string;
  endsOn: string | null;
  basis: Basis;
  legalBasis: string;
  rule: { da: string; en: string } | null;
};

/** "Who helps me now": the organisation, the next planned hand-over, the periods so far and the free choice where a rule allows it. */
export type WhoHelpsMe = {
  today: string;
  /** Whether DFDG's situation is known (when not, the municipality helps, as it always has). */
  situationKnown: boolean;
  current: OrganisationCard & { since: string | null; basis: Basis };
  handOver: { on: string; organisation: OrganisationCard } | null;
  periods: PeriodView[];
  freeChoice: {
    rule: { id: string; version: number; da: string; en: string };
    lockDays: number;
    /** The first day the citizen may choose another organisation; null when they may now. */
    lockedUntil: string | null;
    /** The organisation of the citizen's latest choice under the rule, if any. */
    chosen: string | null;
    options: OrganisationCard[];
  } | null;
};

/** A change of responsibility one transaction made, to publish after its commit. */
type Moved = Change<'responsibilityChanged'>;

function citizenIdOf(actor: Principal, action: 'responsibility.see-own' | 'responsibility.choose-own'): string {
  const citizenId = actor.citizenId;
  if (!citizenId) throw new AppError('FORBIDDEN', 'Only a signed-in citizen sees who helps them.');
  responsibilityPolicy.authorize(actor, action, { citizenId });
  return citizenId;
}

const ruleOf = (row: RuleRow): Rule => ({
  id: row.id,
  version: row.version,
  validFrom: row.valid_from,
  benefit: row.benefit,
  municipalityCodes: row.municipality_codes,
  akasseMonths: row.akasse_months,
  freeChoice: row.free_choice,
  choiceLockDays: row.choice_lock_days,
  legalBasis: row.legal_basis,
});

/** The organisations that could be responsible on `day`; undefined when the municipality has no organisation row. */
async function candidatesFor(trx: Trx, situation: SituationRow, day: string): Promise<Candidates | undefined> {
  const kommune = await getOrganisation(trx, kommuneOrganisationId(situation.municipality_code)).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (!kommune) return undefined;
  const akasse = situation.akasse_cvr ? await akasseByCvr(trx, situation.akasse_cvr) : undefined;
  const others = await contractedActors(trx, situation.municipality_code, day);
  return { kommune: kommune.id, akasse: akasse?.active ? akasse.id : null, otherActors: others.filter((o) => o.active).map((o) => o.id) };
}

type Loaded = { situation: SituationRow; rules: RuleRow[]; inputs: Inputs; choices: ChoiceRow[] };

async function loadInputs(trx: Trx, citizenId: string, day: string): Promise<Loaded | undefined> {
  const situation = await selectSituation(trx, citizenId, { lock: true });
  if (!situation) return undefined;
  const candidates = await candidatesFor(trx, situation, day);
  if (!candidates) return undefined;
  const [rules, choices] = [await selectRules(trx), await selectChoices(trx, citizenId)];
  return {
    situation,
    rules,
    choices,
    inputs: {
      situation: {
        municipalityCode: situation.municipality_code,
        benefit: situation.benefit,
        unemployedSince: situation.unemployed_since,
        akasseCvr: situation.akasse_cvr,
      },
      rules: rules.map(ruleOf),
      candidates,
      choices: choices.map((c) => ({ organisationId: c.organisation_id, chosenOn: c.chosen_on })),
    },
  };
}

/**
 * Brings the citizen's periods up to `today`: opens the first ones (from the start of unemployment) when there are
 * none; otherwise, when someone else is responsible by now, closes the open period on the day that changed (its
 * hand-over date) and opens the next. Running it again changes nothing. Announces the change on the bus.
 */
async function settle(trx: Trx, bus: ChangeBus, citizenId: string, today: string, loaded: Loaded): Promise<Moved | undefined> {
  const { inputs, situation } = loaded;
  const periods = await selectPeriods(trx, citizenId);
  const open = periods.find((p) => p.ends_on === null);
  const since = situation.unemployed_since && situation.unemployed_since < today ? situation.unemployed_since : today;
  // A citizen with closed periods but none open (never the case today) starts again from the last one's end.
  const from = open?.starts_on ?? periods.at(-1)?.ends_on ?? since;
  const stretches = stretchesBetween(inputs, from, today);
  const firstNew = open ? stretches.findIndex((s) => s.organisationId !== open.organisation_id) : 0;
  if (firstNew < 0) return undefined;
  const fresh = stretches.slice(firstNew);
  if (open && fresh[0]) await closePeriod(trx, open.id, fresh[0].startsOn);
  for (const [i, stretch] of fresh.entries()) {
    await insertPeriod(trx, {
      citizen_id: citizenId,
      municipality_code: situation.municipality_code,
      organisation_id: stretch.organisationId,
      starts_on: stretch.startsOn,
      ends_on: fresh[i + 1]?.startsOn ?? null,
      basis: stretch.basis,
      rule_id: stretch.rule?.id ?? null,
      rule_version: stretch.rule?.version ?? null,
      legal_basis: stretch.legalBasis,
    });
  }
  const now = fresh.at(-1);
  if (!now) return undefined;
  const change: Moved = {
    citizenId,
    municipalityCode: situation.municipality_code,
    organisationId: now.organisationId,
    previousOrganisationId: open?.organisation_id ?? null,
  };
  await announceChange(trx, bus, 'responsibilityChanged', change);
  return change;
}

/** The situation DFDG gives now, or undefined when DFDG knows no case or cannot be asked (the stored one then stands). */
async function fetchSituation(config: Pick<Config, 'integrations'>, cpr: string): Promise<JobSituation | undefined> {
  try {
    return await createDfdgClient(config).fetchJobSituation(cpr);
  } catch (error) {
    if (isAppError(error) && error.code === 'UNAVAILABLE') return undefined;
    throw error;
  }
}

async function organisationCard(trx: Trx, id: string): Promise<OrganisationCard> {
  const row = await getOrganisation(trx, id).catch(async (error: unknown) => {
    // A municipality not (yet) on the organisations register is still the citizen's municipality: named, without contact details.
    const code = /^kommune-(\d{3})$/.exec(id)?.[1];
    if (!code || !isAppError(error) || error.code !== 'NOT_FOUND') throw error;
    return { id, kind: 'kommune' as const, name: await employmentServiceName(trx, code), municipalityCode: null, phone: null, email: null, website: null };
  });
  const name = row.kind === 'kommune' && row.municipalityCode ? await employmentServiceName(trx, row.municipalityCode) : row.name;
  return { id: row.id, kind: row.kind, name, phone: row.phone, email: row.email, website: row.website };
}

/** Cards of several organisations, each read once. */
async function cardsOf(trx: Trx, ids: readonly string[]): Promise<Map<string, OrganisationCard>> {
  const cards = new Map<string, OrganisationCard>();
  for (const id of ids) if (!cards.has(id)) cards.set(id, await organisationCard(trx, id));
  return cards;
}

function periodRule(rules: readonly RuleRow[], period: PeriodRow): { da: string; en: string } | null {
  const rule = rules.find((r) => r.id === period.rule_id && r.version === period.rule_version);
  return rule ? { da: rule.description_da, en: rule.description_en } : null;
}

async function buildView(trx: Trx, citizenId: string, today: string, loaded: Loaded | undefined, municipalityCode: string): Promise<WhoHelpsMe> {
  const periods = await selectPeriods(trx, citizenId);
  const answer = loaded ? responsibleOn(loaded.inputs, today) : undefined;
  const rule = loaded ? ruleInForce(loaded.inputs.rules, loaded.inputs.situation, today) : undefined;
  const options = loaded && rule?.freeChoice ? choiceOptions(loaded.inputs.candidates) : [];
  const kommuneId = loaded?.inputs.candidates.kommune ?? kommuneOrganisationId(municipalityCode);
  const open = periods.find((p) => p.ends_on === null);
  const currentId = open?.organisation_id ?? answer?.organisationId ?? kommuneId;
  const cards = await cardsOf(trx, [
    currentId,
    ...periods.map((p) => p.organisation_id),
    ...options,
    ...(answer?.handOver ? [answer.handOver.organisationId] : []),
  ]);
  const card = (id: string) => cards.get(id) as OrganisationCard;
  const ruleRow = rule && loaded?.rules.find((r) => r.id === rule.id && r.version === rule.version);
  const lastChoice = loaded?.choices.at(-1);
  return {
    today,
    situationKnown: loaded !== undefined,
    current: { ...card(currentId), since: open?.starts_on ?? null, basis: open?.basis ?? 'default' },
    handOver: answer?.handOver ? { on: answer.handOver.on, organisation: card(answer.handOver.organisationId) } : null,
    periods: periods.map((p) => ({
      organisation: card(p.organisation_id),
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      basis: p.basis,
      legalBasis: p.legal_basis,
      rule: periodRule(loaded?.rules ?? [], p),
    })),
    freeChoice:
      rule?.freeChoice && ruleRow
        ? {
            rule: { id: rule.id, version: rule.version, da: ruleRow.description_da, en: ruleRow.description_en },
            lockDays: rule.choiceLockDays,
            lockedUntil: choiceLockedUntil(lastChoice?.chosen_on, rule.choiceLockDays, today),
            chosen: lastChoice?.organisation_id ?? null,
            options: options.map(card),
          }
        : null,
  };
}

/**
 * The organisation helping the citizen now when it is not their municipality (an a-kasse or another actor), as a card
 * with how to reach it; undefined when the municipality helps them (or no period is open yet). Reads only the open
 * period, in the citizen's own transaction: no DFDG call, no move.
 */
export async function currentHelperOtherThanKommune(db: Db, citizenId: string): Promise<OrganisationCard | undefined> {
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const open = (await selectPeriods(trx, citizenId)).find((period) => period.ends_on === null);
    if (!open || open.organisation_id.startsWith('kommune-')) return undefined;
    return organisationCard(trx, open.organisation_id);
  });
}

/**
 * Who helps the signed-in citizen now, the next hand-over, the periods so far and the free choice. Asks DFDG for the
 * situation when what is stored is older than a quarter of an hour, opens the first period the first time the
 * citizen is seen, and moves them if a hand-over is due. Throws FORBIDDEN for anyone but the citizen.
 */
export async function getWhoHelpsMe(deps: ResponsibilityDeps, actor: Principal, now: Date = new Date()): Promise<WhoHelpsMe> {
  const citizenId = citizenIdOf(actor, 'responsibility.see-own');
  const today = copenhagenDate(now);
  const known = await withTenant(deps.db, { citizen: citizenId }, async (trx) => ({
    citizen: await selectCitizen(trx, citizenId),
    situation: await selectSituation(trx, citizenId),
  }));
  if (!known.citizen) throw new AppError('NOT_FOUND', 'The citizen is not known.');
  const { citizen } = known;
  const stale =
    !known.situation ||
    now.getTime() - known.situation.fetched_at.getTime() > SITUATION_FRESH_MS ||
    known.situation.municipality_code !== citizen.municipality_code;
  // DFDG is asked outside the transaction: a slow answer must not hold the citizen's rows.
  const fetched = stale ? await fetchSituation(deps.config, citizen.cpr_number) : undefined;
  let moved: Moved | undefined;
  const view = await withTenant(deps.db, { citizen: citizenId }, async (trx) => {
    if (fetched)
      await upsertSituation(trx, {
        citizen_id: citizenId,
        municipality_code: citizen.municipality_code,
        benefit: fetched.benefit,
        unemployed_since: fetched.unemployedSince,
        akasse_cvr: fetched.akasse?.cvr ?? null,
      });
    const loaded = await loadInputs(trx, citizenId, today);
    if (loaded) moved = await settle(trx, deps.changes, citizenId, today, loaded);
    return buildView(trx, citizenId, today, loaded, citizen.municipality_code);
  });
  if (moved) await deps.changes.publish('responsibilityChanged', moved);
  return view;
}

/**
 * Records the citizen's free choice and makes it take effect at once (a new period, basis 'choice'). Choosing what
 * they already chose changes nothing. Throws VALIDATION (field `organisation`) when nothing or an organisation not
 * on offer is chosen, or when the last choice is younger than the rule's lock days; CONFLICT when no free-choice
 * rule applies to the citizen today; FORBIDDEN for anyone but the citizen.
 */
export async function chooseActor(deps: ResponsibilityDeps, actor: Principal, input: unknown, now: Date = new Date()): Promise<void> {
  const citizenId = citizenIdOf(actor, 'responsibility.choose-own');
  const form = parseInput(choiceFormSchema, input);
  const today = copenhagenDate(now);
  let moved: Moved | undefined;
  await withTenant(deps.db, { citizen: citizenId }, async (trx) => {
    const loaded = await loadInputs(trx, citizenId, today);
    const rule = loaded && ruleInForce(loaded.inputs.rules, loaded.inputs.situation, today);
    if (!loaded || !rule?.freeChoice) throw new AppError('CONFLICT', 'No rule gives this citizen a free choice today.');
    // Bring the periods up to today first, so the choice starts from what is so now.
    await settle(trx, deps.changes, citizenId, today, loaded);
    if (!choiceOptions(loaded.inputs.candidates).includes(form.organisation))
      throw new AppError('VALIDATION', 'The organisation is not one the citizen can choose.', [
        { field: 'organisation', message: 'responsibility.choice.required' },
      ]);
    const last = loaded.choices.at(-1);
    if (last?.organisation_id === form.organisation) return;
    const lockedUntil = choiceLockedUntil(last?.chosen_on, rule.choiceLockDays, today);
    if (lockedUntil)
      throw new AppError('VALIDATION', `The last choice stands until ${lockedUntil}.`, [
        { field: 'organisation', message: 'responsibility.choice.locked', params: { date: lockedUntil } },
      ]);
    await insertChoice(trx, { citizen_id: citizenId, organisation_id: form.organisation, rule_id: rule.id, rule_version: rule.version, chosen_at: now });
    const after = await loadInputs(trx, citizenId, today);
    if (after) moved = await settle(trx, deps.changes, citizenId, today, after);
  });
  if (moved) await deps.changes.publish('responsibilityChanged', moved);
}

/** What the daily job needs: the database (as the app's role), and a bus when it runs in the app's process. */
export type MoveDeps = { db: Db; logger?: Pick<Logger, 'warn' | 'error' | 'info'>; changes?: ChangeBus };

/**
 * The daily job's work: for every citizen with a situation, in their own transaction, moves them to whoever is
 * responsible on the Copenhagen date of `now` (closing the open period on its hand-over date). Nothing is asked of
 * DFDG. Idempotent: run twice, nobody moves twice. Returns how many citizens moved.
 */
export async function moveResponsibilities(deps: MoveDeps, now: Date = new Date()): Promise<number> {
  const today = copenhagenDate(now);
  // Without the app's bus (the job runner has none), a bus of the job's own announces through the database: every
  // process's bus hears it at commit, as it hears a trigger's.
  const bus = deps.changes ?? createChangeBus({ logger: deps.logger ?? { warn: () => {}, error: () => {} } });
  let movedCount = 0;
  for (const citizenId of await selectCitizensToMove(deps.db)) {
    const moved = await withTenant(deps.db, { citizen: citizenId }, async (trx) => {
      const loaded = await loadInputs(trx, citizenId, today);
      return loaded ? settle(trx, bus, citizenId, today, loaded) : undefined;
    });
    if (moved) {
      movedCount += 1;
      await bus.publish('responsibilityChanged', moved);
    }
  }
  return movedCount;
}
