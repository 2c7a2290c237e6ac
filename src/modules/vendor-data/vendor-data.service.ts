// The Data API's rules: a vendor's service (role vendor_service, a DPoP-bound token for one citizen) reads a data
// category only while its token carries the category's scope AND the citizen's consent covers it, and every read is
// in the citizen's access log (Min Log) with the purpose the listing gives for the category before anything is
// answered. A service calls several times a page, so what the checks found (consent, citizen, purpose) is kept for
// at most a second (vendor-data.cache.ts): a withdrawal is heard on the change bus by every process, which forgets
// what it kept and the token (sso's token cache), so the next call is refused at once; the log entries of calls
// arriving together are written in one statement (identity's createVendorReadLog).
import type { Principal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { consentedCategories } from '../consent/index.ts';
import type { VendorRead } from '../identity/index.ts';
import { pairwiseSubject } from '../../platform/crypto/pairwise.ts';
import { authorisationKey, type AuthorisationCache } from './vendor-data.cache.ts';
import { vendorDataPolicy } from './vendor-data.policy.ts';
import type { Cv, DfdgAdapter, JobnetAdapter, JobSituation, JobWishes } from './vendor-data.integrations.ts';
import { selectPlanActivities, selectReadContext, type PlanActivityRow, type ReadContextRow } from './vendor-data.repository.ts';

/** The data categories a vendor's service can read (data_category codes; the scope is `jobunivers:<code>`). */
export const vendorDataCategories = ['profile', 'contact', 'cv', 'job_wishes', 'plan'] as const;
export type VendorDataCategory = (typeof vendorDataCategories)[number];

export type VendorDataDeps = {
  db: Db;
  config: Pick<Config, 'cookieSecret' | 'baseUrl'>;
  jobnet: JobnetAdapter;
  dfdg: DfdgAdapter;
  /** Stores a read in the citizen's access log (batched; settles once stored). */
  logRead: (read: VendorRead) => Promise<void>;
  /** What the checks found (or are finding), by citizen, service and category, for AUTHORISATION_KEPT_MS. */
  authorisations: AuthorisationCache;
};

/** Who is calling: the service (listing) of a vendor, for the one citizen its token was issued for. */
type Caller = { actor: Principal; citizenId: string; listingId: string; scopes: readonly string[]; municipalityCode: string | undefined };

/** Where the principal comes from a DPoP-bound token, it names its citizen and service; nothing else reaches the data. */
function callerOf(actor: Principal): Caller {
  vendorDataPolicy.authorize(actor, 'citizen-data.read');
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
function logRead(
  deps: VendorDataDeps,
  caller: Caller,
  context: Pick<ReadContextRow, 'service_name' | 'service_name_en' | 'municipality_code' | 'purpose_en'>,
  category: string,
  purpose: string,
): Promise<void> {
  const vendor = caller.actor.vendor;
  return deps.logRead({
    citizen_id: caller.citizenId,
    municipality_code: context.municipality_code,
    actor_subject: caller.actor.subject,
    actor_name: context.service_name ?? caller.actor.name,
    actor_name_en: context.service_name_en,
    actor_organisation: vendor ? `${vendor.name} (CVR ${vendor.cvr})` : caller.actor.name,
    data_category: category,
    purpose,
    purpose_en: context.purpose_en,
  });
}

/**
 * One transaction as the citizen (and their municipality, when the token names it): every query here names the
 * citizen, so nobody else's rows are in reach.
 */
async function inCitizenScope<T>(deps: VendorDataDeps, caller: Caller, work: (trx: Trx) => Promise<T>): Promise<T> {
  return withTenant(deps.db, { citizen: caller.citizenId, municipality: caller.municipalityCode }, work);
}

function requireScope(caller: Caller, category: VendorDataCategory): void {
  if (!caller.scopes.includes(`jobunivers:${category}`)) {
    throw new AppError(
      'FORBIDDEN',
      `The access token does not carry the scope jobunivers:${category}; the citizen did not grant "${category}" to this service.`,
    );
  }
}

/** The token names the citizen's municipality at sign-in; a citizen who has moved since signs in again. */
function requireSameMunicipality(caller: Caller, context: ReadContextRow): void {
  if (caller.municipalityCode && context.municipality_code !== caller.municipalityCode) {
    throw new AppError('UNAUTHENTICATED', "The citizen's municipality has changed since the sign-in; the citizen must sign in to the service again.");
  }
}

/**
 * The checks for one category (consent, citizen, purpose, municipality), from memory when made less than a second ago;
 * calls arriving while they are being made wait for the same answer (a refusal is not kept).
 */
async function authorised(deps: VendorDataDeps, caller: Caller, category: VendorDataCategory): Promise<Authorised> {
  const key = authorisationKey(caller.citizenId, caller.listingId, category);
  const value =
    deps.authorisations.peek<Authorised>(key) ??
    (await deps.authorisations.remember(key, () => inCitizenScope(deps, caller, (trx) => authorise(trx, deps, caller, category))));
  requireSameMunicipality(caller, value);
  return value;
}

/**
 * Reads one category for the caller: scope, the checks, the data, the log entry — stored before the answer. When the
 * data lives in a state system (`external`), it is asked after the checks, outside any transaction (a slow system
 * holds no database connection); a failing system is UNAVAILABLE and nothing is logged. `local` gets a transaction
 * as the citizen only when it reads more from the database (`needsDatabase`).
 */
async function readCategory<E, R>(
  deps: VendorDataDeps,
  actor: Principal,
  category: VendorDataCategory,
  steps: {
    external?: (cpr: string) => Promise<E>;
    needsDatabase?: boolean;
    local: (trx: Trx | undefined, context: Authorised, external: E | undefined) => R | Promise<R>;
  },
): Promise<R> {
  const caller = callerOf(actor);
  requireScope(caller, category);
  const context = await authorised(deps, caller, category);
  const fetched = steps.external ? await steps.external(context.cpr_number) : undefined;
  const result = steps.needsDatabase
    ? await inCitizenScope(deps, caller, async (trx) => steps.local(trx, context, fetched))
    : await steps.local(undefined, context, fetched);
  await logRead(deps, caller, context, category, context.purpose_da);
  return result;
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
    needsDatabase: true,
    local: async (trx, c, jobSituation) => ({
      sub: c.sub,
      jobSituation: jobSituation ?? null,
      activities: trx ? await selectPlanActivities(trx, c.citizen_id) : [],
    }),
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
  const context = await inCitizenScope(deps, caller, (trx) =>
    selectReadContext(trx, { citizenId: caller.citizenId, listingId: caller.listingId, category: 'profile' }),
  );
  if (!context) throw new AppError('NOT_FOUND', 'The citizen of this access token is not known.');
  requireSameMunicipality(caller, context);
  await logRead(deps, caller, context, 'header', HEADER_PURPOSE);
  return {
    firstName: firstNameOf(context.full_name),
    municipality: { code: context.municipality_code, name: context.municipality_name },
    links: headerLinks(deps.config.baseUrl, context.municipality_code),
  };
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
