import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { NsisLevel } from '../../src/platform/auth/nsis.ts';
import { audienceOfRole, type OrganisationKind, type Principal, type Role } from '../../src/platform/auth/principal.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { saveJobcenter, type JobcenterInput } from '../../src/modules/municipalities/index.ts';

// Codes 9xx are not used by any real municipality, so test municipalities never collide with the 98.
let nextCode = 900 + randomInt(50);

/** A fictitious municipality (code 9xx) for tests that need one of their own. */
export async function createMunicipality(db: Db, overrides: { name?: string; regionCode?: string } = {}): Promise<{ code: string; name: string }> {
  const code = String(nextCode++);
  const name = overrides.name ?? `Testkommune ${code}`;
  await db
    .insertInto('municipality')
    .values({ code, name, region_code: overrides.regionCode ?? '1084' })
    .execute();
  return { code, name };
}

/** A jobcenter for a municipality, with plausible contact details. */
export async function createJobcenter(db: Db, municipalityCode: string, overrides: Partial<JobcenterInput> = {}): Promise<JobcenterInput> {
  const jobcenter: JobcenterInput = {
    municipality_code: municipalityCode,
    name: `Jobcenter ${municipalityCode}`,
    street: 'Rådhuspladsen 1',
    postal_code: '1550',
    city: 'København V',
    phone: '70 10 20 30',
    email: 'jobcenter@test.kommune.example',
    website: 'https://test.kommune.example/jobcenter',
    opening_hours: [{ weekday: 1, opens: '09:00', closes: '15:00' }],
    ...overrides,
  };
  await saveJobcenter(db, jobcenter);
  return jobcenter;
}

/** A citizen registered as at a sign-in (through the same database function the app uses). */
export async function createCitizen(
  db: Db,
  options: { municipalityCode: string; name?: string; cpr?: string },
): Promise<{ id: string; cpr: string; name: string; personUuid: string }> {
  const personUuid = randomUUID();
  const cpr = options.cpr ?? `${70 + randomInt(20)}${String(randomInt(1, 10_000_000)).padStart(8, '0')}`;
  const name = options.name ?? `Testborger ${cpr.slice(-4)}`;
  const { rows } = await sql<{ id: string }>`select record_citizen_sign_in(${personUuid}, ${cpr}, ${name}, ${options.municipalityCode}) as id`.execute(db);
  return { id: rows[0]?.id ?? '', cpr, name, personUuid };
}

/** A live session for a principal, as a sign-in would leave it (for an hour, unless `lifetimeSeconds`); returns the cookie value. */
export async function createSession(db: Db, principal: Principal, options: { lifetimeSeconds?: number } = {}): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('session')
    .values({
      token_hash: createHash('sha256').update(token).digest(),
      subject: principal.subject,
      audience: principal.audience,
      principal: JSON.stringify(principal),
      nsis_level: principal.nsisLevel,
      idp_issuer: 'http://127.0.0.1/test-idp',
      id_token: 'not-used',
      expires_at: sql<Date>`now() + make_interval(secs => ${options.lifetimeSeconds ?? 3600})`,
    })
    .execute();
  return token;
}

/**
 * A principal for a role, bound to a municipality or vendor as the role requires. Staff with `organisation` of an
 * a-kasse or another actor act for it and have no municipality; a kommune's staff have both.
 */
export function principalFor(
  role: Role,
  options: { municipalityCode?: string; citizenId?: string; nsisLevel?: NsisLevel; organisation?: { id: string; kind: OrganisationKind; name: string } } = {},
): Principal {
  const audience = audienceOfRole(role);
  const organisation = audience === 'staff' ? options.organisation : undefined;
  if (organisation && organisation.kind !== 'kommune') {
    return {
      subject: `https://data.gov.dk/model/core/eid/person/uuid/${randomUUID()}`,
      name: `Test ${role}`,
      audience,
      roles: [role],
      nsisLevel: options.nsisLevel ?? 'High',
      organisation,
    };
  }
  const municipalityCode = organisation ? organisation.id.replace('kommune-', '') : options.municipalityCode;
  const municipality = audience === 'citizen' || audience === 'staff' ? { code: municipalityCode ?? '101', name: 'Testkommune' } : undefined;
  if (organisation && municipality)
    return { ...principalFor(role, { ...options, organisation: undefined, municipalityCode: municipality.code }), organisation };
  return {
    subject: `https://data.gov.dk/model/core/eid/person/uuid/${randomUUID()}`,
    name: `Test ${role}`,
    audience,
    roles: [role],
    nsisLevel: options.nsisLevel ?? 'High',
    municipality,
    organisation:
      audience === 'staff' && municipality ? { id: `kommune-${municipality.code}`, kind: 'kommune', name: `${municipality.name} Kommune` } : undefined,
    vendor: audience === 'vendor' ? { cvr: '39000008', name: 'Testleverandør' } : undefined,
    citizenId: role === 'citizen' ? options.citizenId : undefined,
  };
}

/**
 * An organisation row (a-kasse or another actor with a random CVR number; a kommune's own row, once) written by the
 * database owner as a fixture; returns it as a staff principal's `organisation`.
 */
export async function createOrganisation(
  db: Db,
  options: { kind: OrganisationKind; name?: string; municipalityCode?: string },
): Promise<{ id: string; kind: OrganisationKind; name: string }> {
  const cvr = options.kind === 'kommune' ? null : randomCvr();
  const id = options.kind === 'kommune' ? `kommune-${options.municipalityCode ?? '101'}` : `${options.kind === 'akasse' ? 'akasse' : 'aktoer'}-${cvr}`;
  const name =
    options.name ??
    (options.kind === 'akasse' ? `Test A-kasse ${cvr}` : options.kind === 'anden_aktoer' ? `Test Aktør ${cvr}` : `Testkommune ${options.municipalityCode}`);
  const municipalityCode = options.kind === 'akasse' ? null : (options.municipalityCode ?? '101');
  const { rows } = await sql<{ name: string }>`with added as (
      insert into organisation (id, kind, name, cvr, municipality_code) values (${id}, ${options.kind}, ${name}, ${cvr}, ${municipalityCode})
      on conflict (id) do nothing returning name)
    select name from added union all select name from organisation where id = ${id}`.execute(db);
  return { id, kind: options.kind, name: rows[0]?.name ?? name };
}

/**
 * Makes `organisationId` responsible for the citizen from `startsOn`, as the daily job would: the open period (if any)
 * ends on that day (the first day it no longer covers) and a new open one starts. Written by the database owner (a fixture).
 */
export async function handOverCitizen(
  db: Db,
  citizen: { id: string; municipalityCode: string },
  organisationId: string,
  startsOn: string,
  basis: 'rule' | 'choice' | 'default' = 'rule',
): Promise<void> {
  // As the daily job does: the open period ends on the day the next one starts (the first day it no longer covers).
  await sql`update responsibility_period set ends_on = ${startsOn}::date
    where citizen_id = ${citizen.id}::uuid and ends_on is null`.execute(db);
  await sql`insert into responsibility_period (citizen_id, municipality_code, organisation_id, starts_on, basis, legal_basis)
    values (${citizen.id}::uuid, ${citizen.municipalityCode}, ${organisationId}, ${startsOn}::date, ${basis}, 'Test: lov om en aktiv beskæftigelsesindsats')`.execute(
    db,
  );
}

/** A valid, random CVR number (modulus 11), for test vendors. */
function randomCvr(): string {
  for (;;) {
    const digits = [randomInt(1, 10), ...Array.from({ length: 6 }, () => randomInt(10))];
    const sum = [2, 7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

export type ApprovedListingOptions = {
  /** The vendor offering it; a new one when absent. */
  vendorId?: string;
  name?: string;
  requiredLevel?: NsisLevel;
  redirectUris: string[];
  clientAuth?: 'private_key_jwt' | 'client_secret_basic';
  jwksUri?: string;
  /** For client_secret_basic: the secret, already sealed with the platform's key (encryptSecret in platform/crypto/sealed-secret.ts). */
  sealedSecret?: Buffer;
  serviceUrl?: string;
  initiateLoginUri?: string;
  backchannelLogoutUri?: string;
  worksWithoutData?: boolean;
  dataCategories?: { category: string; purpose: string; legalBasis?: 'consent' | 'contract' | 'legal_obligation' | 'public_task' }[];
  /** Municipalities that enable it. */
  enabledIn?: string[];
};

/**
 * What a fixture's live (approved) listing version says about itself: names, texts, stage, price, channel, the
 * service and accessibility-statement addresses — complete enough for every page that shows a listing.
 */
export function liveVersionTexts(listingId: string, name: string) {
  return {
    status: 'approved' as const,
    name_da: name,
    name_en: `${name} (en)`,
    summary_da: `Kort om ${name}.`,
    summary_en: 'A short summary.',
    description_da: `Hele beskrivelsen af ${name}.`,
    description_en: 'The whole description.',
    journey_stage: 'search' as const,
    price_model: 'free' as const,
    required_nsis_level: 'Substantial' as const,
    channels: ['web' as const],
    service_url: `https://tjeneste.example/${listingId}`,
    accessibility_statement_url: `https://tjeneste.example/${listingId}/tilgaengelighed`,
  };
}

/**
 * A vendor's listing with one approved (live) version registered for single sign-on, written with SQL by the database
 * owner as a fixture, enabled in the given municipalities.
 */
export async function createApprovedListing(db: Db, options: ApprovedListingOptions): Promise<{ listingId: string; vendorId: string; versionId: string }> {
  let vendorId = options.vendorId;
  if (!vendorId) {
    const cvr = randomCvr();
    const vendor = await db
      .insertInto('vendor')
      .values({
        cvr,
        name: `Testleverandør ${cvr}`,
        contact_email: 'kontakt@leverandoer.example',
        contact_phone: '70 20 30 40',
        support_url: 'https://leverandoer.example/hjaelp',
        registered_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    vendorId = vendor.id;
  }
  const listingId = randomUUID();
  const versionId = randomUUID();
  const name = options.name ?? `SSO-tjeneste ${listingId.slice(0, 8)}`;
  await sql`insert into listing (id, vendor_id) values (${listingId}::uuid, ${vendorId}::uuid)`.execute(db);
  await db
    .insertInto('listing_version')
    .values({
      id: versionId,
      listing_id: listingId,
      version: 1,
      ...liveVersionTexts(listingId, name),
      required_nsis_level: options.requiredLevel ?? 'Substantial',
      service_url: options.serviceUrl ?? `https://tjeneste.example/${listingId}`,
      redirect_uris: options.redirectUris,
      client_auth_method: options.clientAuth ?? 'private_key_jwt',
      jwks_uri: options.jwksUri ?? null,
      initiate_login_uri: options.initiateLoginUri ?? null,
      backchannel_logout_uri: options.backchannelLogoutUri ?? null,
      works_without_data: options.worksWithoutData ?? true,
    })
    .execute();
  await db.insertInto('listing_version_language').values({ version_id: versionId, language: 'da' }).execute();
  for (const use of options.dataCategories ?? []) {
    await db
      .insertInto('listing_version_data_category')
      .values({
        version_id: versionId,
        category: use.category,
        purpose_da: use.purpose,
        purpose_en: `${use.purpose} (en)`,
        legal_basis: use.legalBasis ?? 'consent',
      })
      .execute();
  }
  if (options.sealedSecret)
    await db.insertInto('oidc_client_secret').values({ listing_id: listingId, secret: options.sealedSecret, created_by: 'test' }).execute();
  for (const code of options.enabledIn ?? [])
    await db.insertInto('municipality_listing').values({ municipality_code: code, listing_id: listingId, enabled_by: 'test' }).execute();
  return { listingId, vendorId, versionId };
}

/**
 * A vendor's activity event as the events module stores it, written directly by the database owner (a test's fixture
 * for what the ingest would have stored): `type` after the registry's prefix; the vendor is the listing's unless given.
 * Returns the row's id.
 */
export async function insertActivityEvent(
  db: Db,
  event: { listingId: string; vendorId?: string; citizenId: string; municipalityCode: string; type: string; occurredAt?: Date; data?: object },
): Promise<string> {
  const vendorId = event.vendorId ?? (await db.selectFrom('listing').select('vendor_id').where('id', '=', event.listingId).executeTakeFirstOrThrow()).vendor_id;
  const row = await db
    .insertInto('activity_event')
    .values({
      vendor_id: vendorId,
      listing_id: event.listingId,
      citizen_id: event.citizenId,
      municipality_code: event.municipalityCode,
      event_id: randomUUID(),
      type: `dk.jobunivers.activity.${event.type}`,
      occurred_at: event.occurredAt ?? new Date(),
      data: JSON.stringify(event.data ?? {}),
      body_hash: createHash('sha256').update(randomUUID()).digest(),
      received_via: 'cloudevents',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
