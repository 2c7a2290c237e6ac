// Use cases of the register of organisations that run citizens' contact courses: reading it (any module, through
// index.ts), governance keeping the a-kasser, and a municipality keeping its contracts with other actors and its
// name for its employment service. Every write runs under row-level security for whoever keeps the row (0052).
import type { OrganisationKind, Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { announceChange, type ChangeBus } from '../../platform/changes.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validation.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { organisationsPolicy } from './organisations.policy.ts';
import {
  deleteContract,
  insertContract,
  insertOrganisation,
  selectContract,
  selectContractedActors,
  selectContracts,
  selectOrganisation,
  selectOrganisationByCvr,
  selectOrganisations,
  updateContractDates,
  updateEmploymentServiceName,
  updateOrganisationActive,
  updateOrganisationDetails,
  type ContractRow,
  type OrganisationRow,
} from './organisations.repository.ts';
import { actorRegistrationSchema, contractDatesSchema, employmentServiceSchema, organisationDetailsSchema } from './organisations.schemas.ts';

/** An organisation as other modules and the pages see it. */
export type Organisation = {
  id: string;
  kind: OrganisationKind;
  name: string;
  cvr: string | null;
  /** kommune: the municipality it is; anden_aktoer: the municipality that registered it; a-kasse: none. */
  municipalityCode: string | null;
  employmentServiceName: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  active: boolean;
};

/** A municipality's contract with another actor; dates 'YYYY-MM-DD', `validTo` the last day (null: open-ended). */
export type Contract = { actor: Organisation; municipalityCode: string; validFrom: string; validTo: string | null; running: boolean };

export const AKASSER_PAGE_SIZE = 20;

function present(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    cvr: row.cvr,
    municipalityCode: row.municipality_code,
    employmentServiceName: row.employment_service_name,
    phone: row.phone,
    email: row.email,
    website: row.website,
    active: row.active,
  };
}

function presentContract(row: ContractRow, today: string): Contract {
  return {
    actor: present(row),
    municipalityCode: row.contract_municipality_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    running: row.valid_from <= today && (row.valid_to === null || row.valid_to >= today),
  };
}

/** The organisation a municipality is: `kommune-<code>`. */
export function kommuneOrganisationId(code: string): string {
  return `kommune-${code}`;
}

/** An organisation by id. Throws NOT_FOUND for an unknown one. */
export async function getOrganisation(db: Db, id: string): Promise<Organisation> {
  const row = await selectOrganisation(db, id);
  if (!row) throw new AppError('NOT_FOUND', `There is no organisation ${id}.`);
  return present(row);
}

/** Every organisation of a kind in name order: active ones only unless `includeInactive`. */
export async function listOrganisations(db: Db, filter: { kind: OrganisationKind; includeInactive?: boolean }): Promise<Organisation[]> {
  const rows = await selectOrganisations(db, { kind: filter.kind, activeOnly: !filter.includeInactive, limit: 1000 });
  return rows.map(present);
}

/** The a-kasse with a CVR number, or undefined (a citizen's membership as DFDG reports it). */
export async function akasseByCvr(db: Db, cvr: string): Promise<Organisation | undefined> {
  const row = await selectOrganisationByCvr(db, 'akasse', cvr);
  return row ? present(row) : undefined;
}

/** The active other actors a municipality has a contract with running on `onDate` ('YYYY-MM-DD', Copenhagen day). */
export async function contractedActors(db: Db, municipalityCode: string, onDate: string): Promise<Organisation[]> {
  return (await selectContractedActors(db, municipalityCode, onDate)).map(present);
}

/**
 * What the UI calls a municipality's employment service: its own name for it where it set one, else "Jobcenter
 * <name>" where it has a jobcenter, else "<name> Kommune" (the 2025 reform lets a municipality run it without a
 * jobcenter). Throws NOT_FOUND for an unknown municipality.
 */
export async function employmentServiceName(db: Db, municipalityCode: string): Promise<string> {
  const [row, { municipality }] = await Promise.all([selectOrganisation(db, kommuneOrganisationId(municipalityCode)), getMunicipality(db, municipalityCode)]);
  return row?.employment_service_name ?? defaultEmploymentServiceName(municipality);
}

function defaultEmploymentServiceName(municipality: { name: string; has_jobcenter: boolean }): string {
  return municipality.has_jobcenter ? `Jobcenter ${municipality.name}` : `${municipality.name} Kommune`;
}

const cvrTaken = () => new AppError('VALIDATION', 'An a-kasse with this CVR number exists.', [{ field: 'cvr', message: 'organisations.validation.cvrTaken' }]);

/** A page of the a-kasser, inactive ones too, in name order, and whether the user may change them. Throws FORBIDDEN outside governance. */
export async function listAkasser(db: Db, actor: Principal, page: number): Promise<{ akasser: Organisation[]; hasNext: boolean; canManage: boolean }> {
  organisationsPolicy.authorize(actor, 'akasse.view');
  const rows = await selectOrganisations(db, { kind: 'akasse', limit: AKASSER_PAGE_SIZE + 1, offset: (page - 1) * AKASSER_PAGE_SIZE });
  return {
    akasser: rows.slice(0, AKASSER_PAGE_SIZE).map(present),
    hasNext: rows.length > AKASSER_PAGE_SIZE,
    canManage: organisationsPolicy.can(actor, 'akasse.manage'),
  };
}

/** One a-kasse for governance, and whether the user may change it. Throws FORBIDDEN, NOT_FOUND for any id that is not an a-kasse. */
export async function getAkasse(db: Db, actor: Principal, id: string): Promise<Organisation & { canManage: boolean }> {
  organisationsPolicy.authorize(actor, 'akasse.view');
  const row = await selectOrganisation(db, id);
  if (row?.kind !== 'akasse') throw new AppError('NOT_FOUND', 'No such a-kasse.');
  return { ...present(row), canManage: organisationsPolicy.can(actor, 'akasse.manage') };
}

/**
 * Registers an a-kasse (name, CVR number, contact), once per form token; its id keeps the CVR number it was registered
 * with. Throws FORBIDDEN, VALIDATION with field messages (a CVR number failing the modulus-11 check, or one in use).
 */
export async function createAkasse(db: Db, actor: Principal, input: unknown, once?: FormOnce): Promise<CreatedOnce> {
  organisationsPolicy.authorize(actor, 'akasse.manage');
  const details = parseInput(organisationDetailsSchema, input);
  return withTenant(db, {}, (trx) =>
    createOnce(trx, once, async (t) => {
      const id = `akasse-${details.cvr}`;
      if (await selectOrganisationByCvr(t, 'akasse', details.cvr)) throw cvrTaken();
      if (!(await insertOrganisation(t, { id, kind: 'akasse', municipality_code: null, ...details }))) throw cvrTaken();
      return id;
    }),
  );
}

/** Changes an a-kasse's name, CVR number and contact. Throws FORBIDDEN, NOT_FOUND, VALIDATION (as createAkasse). */
export async function updateAkasse(db: Db, actor: Principal, id: string, input: unknown): Promise<void> {
  organisationsPolicy.authorize(actor, 'akasse.manage');
  const current = await getAkasse(db, actor, id);
  const details = parseInput(organisationDetailsSchema, input);
  await withTenant(db, {}, async (trx) => {
    const holder = await selectOrganisationByCvr(trx, 'akasse', details.cvr);
    if (holder && holder.id !== current.id) throw cvrTaken();
    if (!(await updateOrganisationDetails(trx, id, details))) throw new AppError('NOT_FOUND', 'No such a-kasse.');
  });
}

/** Deactivates (or activates again) an a-kasse: a deactivated one is no choice at sign-in or for citizens. Throws FORBIDDEN, NOT_FOUND. */
export async function setAkasseActive(db: Db, actor: Principal, id: string, active: boolean): Promise<void> {
  organisationsPolicy.authorize(actor, 'akasse.manage');
  await getAkasse(db, actor, id);
  await withTenant(db, {}, async (trx) => {
    if (!(await updateOrganisationActive(trx, id, active))) throw new AppError('NOT_FOUND', 'No such a-kasse.');
  });
}

/** The municipality a workspace acts for: the one its staff signed in for. Throws FORBIDDEN without one. */
function workspaceMunicipality(actor: Principal, action: 'actor.view' | 'actor.manage'): string {
  const code = actor.municipality?.code;
  organisationsPolicy.authorize(actor, action, { municipalityCode: code });
  return code ?? '';
}

/** What the municipality's page of other actors shows: its contracts, its employment service's name, and what the user may do. */
export type ActorWorkspace = {
  contracts: Contract[];
  employmentServiceName: string;
  /** The municipality's own name for it, when it set one. */
  ownName: string | null;
  today: string;
  canManage: boolean;
};

/** The municipality's contracts with other actors and its employment service's name. Throws FORBIDDEN. */
export async function getActorWorkspace(db: Db, actor: Principal): Promise<ActorWorkspace> {
  const code = workspaceMunicipality(actor, 'actor.view');
  const today = copenhagenDate();
  const [rows, own, name] = await Promise.all([
    selectContracts(db, code, today),
    selectOrganisation(db, kommuneOrganisationId(code)),
    employmentServiceName(db, code),
  ]);
  return {
    contracts: rows.map((row) => presentContract(row, today)),
    employmentServiceName: name,
    ownName: own?.employment_service_name ?? null,
    today,
    canManage: organisationsPolicy.can(actor, 'actor.manage', { municipalityCode: code }),
  };
}

/** One of the municipality's contracts. Throws FORBIDDEN, NOT_FOUND for an actor it has no contract with. */
export async function getContract(db: Db, actor: Principal, organisationId: string): Promise<Contract & { canManage: boolean; today: string }> {
  const code = workspaceMunicipality(actor, 'actor.view');
  const row = await selectContract(db, code, organisationId);
  if (!row) throw new AppError('NOT_FOUND', 'No such contract.');
  const today = copenhagenDate();
  return { ...presentContract(row, today), today, canManage: organisationsPolicy.can(actor, 'actor.manage', { municipalityCode: code }) };
}

/**
 * Registers another actor by CVR number, name and contact with a contract from the given dates, once per form token.
 * An actor another municipality registered already is contracted as it is (its details are that municipality's).
 * Throws FORBIDDEN, VALIDATION with field messages (also when the municipality has a contract with it already).
 */
export async function registerActor(db: Db, actor: Principal, input: unknown, once?: FormOnce): Promise<CreatedOnce> {
  const code = workspaceMunicipality(actor, 'actor.manage');
  const registration = parseInput(actorRegistrationSchema, input);
  const { validFrom, validTo, ...details } = registration;
  return withTenant(db, { municipality: code }, (trx) =>
    createOnce(trx, once, async (t) => {
      const id = `aktoer-${details.cvr}`;
      await insertOrganisation(t, { id, kind: 'anden_aktoer', municipality_code: code, ...details });
      if (!(await insertContract(t, { organisation_id: id, municipality_code: code, valid_from: validFrom, valid_to: validTo })))
        throw new AppError('VALIDATION', 'The municipality has a contract with this actor.', [
          { field: 'cvr', message: 'organisations.validation.alreadyContracted' },
        ]);
      return id;
    }),
  );
}

/** Sets a contract's first and last day. Throws FORBIDDEN, NOT_FOUND, VALIDATION with field messages. */
export async function updateContract(db: Db, actor: Principal, organisationId: string, input: unknown): Promise<void> {
  const code = workspaceMunicipality(actor, 'actor.manage');
  const dates = parseInput(contractDatesSchema, input);
  await withTenant(db, { municipality: code }, async (trx) => {
    if (!(await updateContractDates(trx, code, organisationId, { valid_from: dates.validFrom, valid_to: dates.validTo })))
      throw new AppError('NOT_FOUND', 'No such contract.');
  });
}

/**
 * Ends a contract: today is its last day; one that has not begun before today is withdrawn (deleted), and one that has
 * ended stays as it is. Returns which. Throws FORBIDDEN, NOT_FOUND.
 */
export async function endContract(db: Db, actor: Principal, organisationId: string): Promise<'ended' | 'withdrawn' | 'unchanged'> {
  const code = workspaceMunicipality(actor, 'actor.manage');
  const today = copenhagenDate();
  return withTenant(db, { municipality: code }, async (trx) => {
    const contract = await selectContract(trx, code, organisationId);
    if (!contract) throw new AppError('NOT_FOUND', 'No such contract.');
    if (contract.valid_to !== null && contract.valid_to <= today) return 'unchanged';
    if (contract.valid_from >= today) {
      await deleteContract(trx, code, organisationId);
      return 'withdrawn';
    }
    await updateContractDates(trx, code, organisationId, { valid_from: contract.valid_from, valid_to: today });
    return 'ended';
  });
}

/**
 * Sets what the municipality calls its employment service, and tells whoever keeps the name (the marketplace's cache).
 * Throws FORBIDDEN, VALIDATION, NOT_FOUND (no kommune row).
 */
export async function setEmploymentServiceName(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor, 'actor.manage');
  const { employmentServiceName: name } = parseInput(employmentServiceSchema, input);
  const organisationId = kommuneOrganisationId(code);
  await withTenant(db, { municipality: code }, async (trx) => {
    if (!(await updateEmploymentServiceName(trx, organisationId, name))) throw new AppError('NOT_FOUND', 'The municipality is not registered.');
    await announceChange(trx, changes, 'organisationChanged', { organisationId });
  });
  await changes.publish('organisationChanged', { organisationId });
}
