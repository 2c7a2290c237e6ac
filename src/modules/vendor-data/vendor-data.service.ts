// The Data API's rules: a vendor's service (role vendor_service, a DPoP-bound token for one citizen) reads a data
// category only while its token carries the category's scope AND the citizen's consent covers it — asked of the
// consent module on every call, never remembered — and every read goes to the citizen's access log (Min Log) with the
// purpose the listing gives for the category, in the same transaction as the read.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { consentedCategories } from '../consent/index.ts';
import { recordCitizenAccess } from '../identity/index.ts';
import { pairwiseSubject } from '../sso/index.ts';
import type { Cv, DfdgAdapter, JobnetAdapter, JobSituation, JobWishes } from './vendor-data.integrations.ts';
import { selectPlanActivities, selectReadContext, setMunicipalityScope, type PlanActivityRow, type ReadContextRow } from './vendor-data.repository.ts';

/** The data categories a vendor's service can read (data_category codes; the scope is `jobunivers:<code>`). */
export const vendorDataCategories = ['profile', 'contact', 'cv', 'job_wishes', 'plan'] as const;
export type VendorDataCategory = (typeof vendorDataCategories)[number];

export type VendorDataDeps = { db: Db; config: Pick<Config, 'cookieSecret' | 'baseUrl'>; jobnet: JobnetAdapter; dfdg: DfdgAdapter };

/** Who is calling: the service (listing) of a vendor, for the one citizen its token was issued for. */
type Caller = { actor: Principal; citizenId: string; listingId: string; scopes: readonly string[]; municipalityCode: string | undefined };

/** Where the principal comes from a DPoP-bound token, it names its citizen and service; nothing else reaches the data. */
function callerOf(actor: Principal): Caller {
  if (!actor.roles.includes('vendor_service')) throw new AppError('FORBIDDEN', 'Only a vendor service acting for a signed-in citizen reads this.');
  // A vendor_service principal always carries both (sso's DPoP reader); without them there is nobody to read about.
  if (!actor.citizenId || !actor.service) throw new AppError('NOT_FOUND', 'No citizen is signed in to a service with this access token.');
  return { actor, citizenId: actor.citizenId, listingId: actor.service.listingId, scopes: actor.service.scopes, municipalityCode: actor.municipality?.code };
}

type Authorised = ReadContextRow & { vendor_id: string; purpose_da: string; sub: string };

/**
 * Inside the tenant transaction: the consent (asked now, every time — never remembered between calls), then the
 * citizen and the purpose the listing's live version gives. Throws FORBIDDEN with the reason, NOT_FOUND for an
 * unknown citizen.
 */
async function authorise(trx: Trx, deps: VendorDataDeps, caller: Caller, category: VendorDataCategory): Promise<Authorised> {
  const consented = await consentedCategories(trx, { citizenId: caller.citizenId, listingId: caller.listingId });
  if (!consented.includes(category)) {
    throw new AppError('FORBIDDEN', `The citizen's consent to share the data category "${category}" with this service is missing or withdrawn.`);
  }
  const context = await selectReadContext(trx, { citizenId: caller.citizenId, listingId: caller.listingId, category });
  if (!context) throw new AppError('NOT_FOUND', 'The citizen of this access token is not known.');
  if (!context.vendor_id || !context.purpose_da) {
    throw new AppError('FORBIDDEN', `The service's live listing does not ask for the data category "${category}", so it has no purpose to read it for.`);
  }
  return { ...context, vendor_id: context.vendor_id, purpose_da: context.purpose_da, sub: pairwiseSubject(deps.config, context.vendor_id, caller.citizenId) };
}

/** Writes the read to the citizen's Min Log: which service of which company (with its CVR), the category and purpose. */
async function logRead(trx: Trx, caller: Caller, context: Pick<ReadContextRow, 'service_name'>, category: string, purpose: string): Promise<void> {
  const vendor = caller.actor.vendor;
  const actor: Principal = {
    ...caller.actor,
    name: context.service_name ?? caller.actor.name,
    vendor: vendor ? { cvr: vendor.cvr, name: `${vendor.name} (CVR ${vendor.cvr})` } : undefined,
  };
  await recordCitizenAccess(trx, actor, caller.citizenId, { action: 'read', dataCategory: category, purpose });
}

/**
 * One transaction as the citizen and their municipality: the access log accepts rows only under the municipality
 * (identity's row-level security), so both are set; every query here names the citizen, so the municipality's other
 * citizens stay out of reach. When the token does not say the municipality, `ensureMunicipality` sets it before the
 * log is written.
 */
async function inCitizenScope<T>(deps: VendorDataDeps, caller: Caller, work: (trx: Trx) => Promise<T>): Promise<T> {
  return withTenant(deps.db, { citizen: caller.citizenId, municipality: caller.municipalityCode }, work);
}

function requireScope(caller: Caller, category: VendorDataCategory): void {
  if (!caller.scopes.includes(`jobunivers:${category}`)) {
    throw new AppError('FORBIDDEN', `The access token does not carry the scope jobunivers:${category}; the citizen did not grant "${category}" to this service.`);
  }
}

/**
 * Makes sure the log can be written under the citizen's current municipality: the token names the one at sign-in (a
 * citizen who moved signs in again); a token that names none gets the citizen's own set for the rest of the transaction.
 */
async function ensureMunicipality(trx: Trx, caller: Caller, context: ReadContextRow): Promise<void> {
  if (!caller.municipalityCode) return setMunicipalityScope(trx, context.municipality_code);
  if (context.municipality_code !== caller.municipalityCode) {
    throw new AppError('UNAUTHENTICATED', "The citizen's municipality has changed since the sign-in; the citizen must sign in to the service again.");
  }
}

/**
 * Reads one category for the caller: scope, consent, the local data, the log entry — one transaction. When the data
 * lives in a state system (`external`), the checks run first, the system is asked outside any transaction (a slow
 * system holds no database connection), and the checks run again with the log entry, so a consent withdrawn meanwhile
 * still stops the answer. A failing system is UNAVAILABLE and nothing is logged.
 */
async function readCategory<E, R>(
  deps: VendorDataDeps,
  actor: Principal,
  category: VendorDataCategory,
  steps: { external?: (cpr: string) => Promise<E>; local: (trx: Trx, context: Authorised, external: E | undefined) => R | Promise<R> },
): Promise<R> {
  const caller = callerOf(actor);
  requireScope(caller, category);
  let fetched: E | undefined;
  if (steps.external) {
    const before = await inCitizenScope(deps, caller, (trx) => authorise(trx, deps, caller, category));
    fetched = await steps.external(before.cpr_number);
  }
  return inCitizenScope(deps, caller, async (trx) => {
    const context = await authorise(trx, deps, caller, category);
    await ensureMunicipality(trx, caller, context);
    const result = await steps.local(trx, context, fetched);
    await logRead(trx, caller, context, category, context.purpose_da);
    return result;
  });
}

export type ProfileView = { sub: string; firstName: string; fullName: string; municipality: { code: string; name: string }; preferredLanguage: 'da' | 'en' };

/** The `profile` category: pairwise sub, names, municipality, preferred language. */
export async function readProfile(deps: VendorDataDeps, actor: Principal): Promise<ProfileView> {
  return readCategory(deps, actor, 'profile', {
    local: (_trx, c) => ({
      sub: c.sub,
      firstName: firstNameOf(c.full_name),
      fullName: c.full_name,
      municipality: { code: c.municipality_code, name: c.municipality_name },
      preferredLanguage: c.preferred_language ?? 'da',
    }),
  });
}

export type ContactView = { sub: string; email: string | null; phone: string | null };

/** The `contact` category: the e-mail and phone the citizen gave on "Mine kontaktoplysninger" (null when not given). */
export async function readContact(deps: VendorDataDeps, actor: Principal): Promise<ContactView> {
  return readCategory(deps, actor, 'contact', { local: (_trx, c) => ({ sub: c.sub, email: c.email, phone: c.phone }) });
}

/** The `cv` category, from Jobnet (null when Jobnet holds no CV). Throws UNAVAILABLE when Jobnet fails. */
export async function readCv(deps: VendorDataDeps, actor: Principal): Promise<{ sub: string; cv: Cv | null }> {
  return readCategory(deps, actor, 'cv', { external: (cpr) => deps.jobnet.fetchCv(cpr), local: (_trx, c, cv) => ({ sub: c.sub, cv: cv ?? null }) });
}

/** The `job_wishes` category, from Jobnet (null when none are registered). Throws UNAVAILABLE when Jobnet fails. */
export async function readJobWishes(deps: VendorDataDeps, actor: Principal): Promise<{ sub: string; jobWishes: JobWishes | null }> {
  return readCategory(deps, actor, 'job_wishes', {
    external: (cpr) => deps.jobnet.fetchJobWishes(cpr),
    local: (_trx, c, jobWishes) => ({ sub: c.sub, jobWishes: jobWishes ?? null }),
  });
}

export type PlanView = { sub: string; jobSituation: JobSituation | null; activities: PlanActivityRow[] };

/** The `plan` category: the activities of "Min jobrejse" and the job situation from DFDG. Throws UNAVAILABLE when DFDG fails. */
export async function readPlan(deps: VendorDataDeps, actor: Principal): Promise<PlanView> {
  return readCategory(deps, actor, 'plan', {
    external: (cpr) => deps.dfdg.fetchJobSituation(cpr),
    local: async (trx, c, jobSituation) => ({ sub: c.sub, jobSituation: jobSituation ?? null, activities: await selectPlanActivities(trx, c.citizen_id) }),
  });
}

export type HeaderView = { firstName: string; municipality: { code: string; name: string }; links: { journey: string; help: string; signOut: string } };

/** What the platform header shows: first name and municipality, with the links back to the platform. */
export const HEADER_PURPOSE = 'Vise dit fornavn og din kommune i platformens topbjælke i tjenesten';

/**
 * The platform header's back-channel: first name, municipality and links. Needs no data category beyond the token;
 * the first name is the only personal datum it gives, and the read is logged as such (category `header`).
 */
export async function readHeader(deps: VendorDataDeps, actor: Principal): Promise<HeaderView> {
  const caller = callerOf(actor);
  return inCitizenScope(deps, caller, async (trx) => {
    const context = await selectReadContext(trx, { citizenId: caller.citizenId, listingId: caller.listingId, category: 'profile' });
    if (!context) throw new AppError('NOT_FOUND', 'The citizen of this access token is not known.');
    await ensureMunicipality(trx, caller, context);
    await logRead(trx, caller, context, 'header', HEADER_PURPOSE);
    return {
      firstName: firstNameOf(context.full_name),
      municipality: { code: context.municipality_code, name: context.municipality_name },
      links: headerLinks(deps.config.baseUrl, context.municipality_code),
    };
  });
}

/**
 * The platform's pages the header links to: "Min jobrejse"; help = the citizen's municipality's page with its
 * jobcenter's address, phone and opening hours (the overview of municipalities when it is not known); sign-out = the
 * page that asks to sign out (a POST with the CSRF token ends the platform session and, by back-channel logout, the vendors').
 */
export function headerLinks(baseUrl: string, municipalityCode?: string): HeaderView['links'] {
  return {
    journey: `${baseUrl}/borger/jobrejse`,
    help: municipalityCode ? `${baseUrl}/kommuner/${municipalityCode}` : `${baseUrl}/kommuner`,
    signOut: `${baseUrl}/log-af`,
  };
}

/** The first of the given names as the register writes them ("Ahmed Hassan" → "Ahmed"). */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}
