// The reference vendor application (examples/vendor-app) as one of the demo world's listings: its company, an
// approved listing registered for single sign-on at http://127.0.0.1:<REFERENCE_VENDOR_PORT>, asking for every data
// category on consent, enabled in København and Aarhus, with its vendor API client and its webhook endpoint. Runs only
// when the app runs the reference vendor beside it.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { readOrCreateSecret } from '../../platform/local-secret.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { seedWebhookEndpoint } from '../webhooks/index.ts';

/** The listing's id, which is the reference vendor's client_id. */
export const REFERENCE_LISTING_ID = '00000000-0000-4000-b000-000000000001';
/** A valid CVR number by modulus 11, reserved for the demo's reference vendor. */
export const REFERENCE_VENDOR_CVR = '39000105';
/** The reference vendor's vendor API client (events API, its change feed), as an administrator would make in the portal. */
export const REFERENCE_API_CLIENT_ID = 'jvc_reference_vendor_demo';
/** What its webhook endpoint (`<origin>/webhooks`) is subscribed to: every event the platform tells a vendor. */
export const REFERENCE_WEBHOOK_EVENT_TYPES = ['consent.withdrawn', 'deletion.requested', 'listing.suspended', 'listing.reinstated', 'plan.listing-assigned'];

/**
 * The reference vendor's secrets, kept in the app's data folder (made at first use, so they survive restarts): its API
 * client's secret (the seed stores its SHA-256, as the portal does) and its webhook endpoint's signing secret. Both the
 * seed and the process that starts the reference vendor read them from there.
 */
export function referenceVendorSecrets(dataDir: string): { apiClientSecret: string; webhookSecret: string } {
  return {
    apiClientSecret: `jvs_${readOrCreateSecret(dataDir, 'reference-vendor-api-secret')}`,
    webhookSecret: `whsec_${Buffer.from(readOrCreateSecret(dataDir, 'reference-vendor-webhook-secret'), 'base64url').toString('base64')}`,
  };
}

const purposes: Record<string, [string, string]> = {
  profile: ['For at hilse på dig med navn og vise din kommune.', 'To greet you by name and show your municipality.'],
  contact: ['For at kunne sende dig en påmindelse om dine aftaler.', 'To be able to send you a reminder of your appointments.'],
  cv: ['For at foreslå, hvad du kan fremhæve i dine ansøgninger.', 'To suggest what you can highlight in your applications.'],
  job_wishes: ['For at vise øvelser, der passer til de job, du søger.', 'To show exercises that fit the jobs you look for.'],
  plan: ['For at følge op på de mål, du har aftalt med jobcentret.', 'To follow up on the goals you agreed with the job centre.'],
};

/** The addresses the listing registers, all on the reference vendor's own origin. */
export function referenceVendorAddresses(origin: string) {
  return {
    redirect_uris: [`${origin}/callback`],
    jwks_uri: `${origin}/.well-known/jwks.json`,
    initiate_login_uri: `${origin}/login`,
    backchannel_logout_uri: `${origin}/backchannel-logout`,
    deletion_uri: `${origin}/deletion`,
  };
}

/**
 * Makes (or brings up to date) the reference vendor's company and approved listing for a service at `origin`.
 * Idempotent: a second run with the same origin changes nothing; with another port it moves the addresses.
 */
export async function seedReferenceVendor(
  db: Db,
  origin: string,
  options: { listingId?: string; cvr?: string; municipalities?: string[]; apiClientSecret?: string } = {},
): Promise<{ listingId: string; vendorId: string }> {
  const listingId = options.listingId ?? REFERENCE_LISTING_ID;
  const cvr = options.cvr ?? REFERENCE_VENDOR_CVR;
  const vendor = await db
    .insertInto('vendor')
    .values({
      cvr,
      name: 'Jobunivers Referenceleverandør (demo)',
      contact_email: 'reference@jobunivers.example',
      contact_phone: '70 20 30 49',
      // The company's support page must be https; the demo has none, so it names the platform's documentation.
      support_url: 'https://jobunivers.example/platform-header',
      dpa_status: 'signed',
      registered_by: 'demo-seed',
    })
    .onConflict((oc) => oc.column('cvr').doUpdateSet({ name: 'Jobunivers Referenceleverandør (demo)' }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into listing (id, vendor_id) values (${listingId}::uuid, ${vendor.id}::uuid) on conflict (id) do nothing`.execute(db);
  const addresses = referenceVendorAddresses(origin);
  await db
    .insertInto('listing_version')
    .values({
      id: listingId,
      listing_id: listingId,
      version: 1,
      status: 'approved',
      name_da: 'Referencetjenesten',
      name_en: 'The reference service',
      summary_da: 'Platformens eksempel på en leverandørtjeneste: log ind med single sign-on, og se de oplysninger, du har delt.',
      summary_en: "The platform's example of a vendor service: sign in with single sign-on and see the information you shared.",
      description_da:
        'Referencetjenesten viser, hvordan en leverandør bruger Jobunivers: login gennem platformen, dit samtykke, de oplysninger tjenesten må læse, og platformens topbjælke.',
      description_en:
        'The reference service shows how a vendor uses Jobunivers: sign-in through the platform, your consent, the information the service may read, and the platform header.',
      journey_stage: 'search',
      price_model: 'free',
      required_nsis_level: 'Substantial',
      channels: ['web'],
      // An approved version's service and statement addresses must be https (0012); the citizen reaches the service
      // through its initiate_login_uri, so these two only name the demo.
      service_url: 'https://jobunivers.example/referencetjenesten',
      accessibility_statement_url: 'https://jobunivers.example/referencetjenesten/tilgaengelighed',
      client_auth_method: 'private_key_jwt',
      works_without_data: true,
      ...addresses,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet(addresses))
    .execute();
  await db
    .insertInto('listing_version_category')
    .values({ version_id: listingId, category: 'cv_application' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('listing_version_target_group')
    .values({ version_id: listingId, target_group: 'job_ready' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('listing_version_language')
    .values({ version_id: listingId, language: 'da' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const [category, [purposeDa, purposeEn]] of Object.entries(purposes)) {
    await db
      .insertInto('listing_version_data_category')
      .values({ version_id: listingId, category, purpose_da: purposeDa, purpose_en: purposeEn, legal_basis: 'consent' })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const code of options.municipalities ?? ['101', '751']) {
    await db
      .insertInto('municipality_listing')
      .values({ municipality_code: code, listing_id: listingId, enabled_by: 'demo-seed' })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (options.apiClientSecret) {
    const secretHash = createHash('sha256').update(options.apiClientSecret).digest();
    await db
      .insertInto('vendor_api_client')
      .values({ vendor_id: vendor.id, client_id: REFERENCE_API_CLIENT_ID, secret_hash: secretHash, name: 'Referencetjenesten (demo)', created_by: 'demo-seed' })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ secret_hash: secretHash }))
      .execute();
  }
  return { listingId, vendorId: vendor.id };
}

/** The reference vendor's origin for a port of this machine. */
export const referenceVendorOrigin = (port: number) => `http://127.0.0.1:${port}`;

/** Demo world: the reference vendor's listing, when the app runs the reference vendor (REFERENCE_VENDOR_PORT). */
export const referenceVendorSeed: SeedPart = {
  name: 'platform-header.reference-vendor',
  async run(db, context) {
    const port = context?.config?.referenceVendor.port;
    if (!port || !context.config) return;
    const secrets = referenceVendorSecrets(context.config.dataDir);
    const origin = referenceVendorOrigin(port);
    const { vendorId } = await seedReferenceVendor(db, origin, { apiClientSecret: secrets.apiClientSecret });
    // Its webhook endpoint, with the secret the process is started with, as an administrator would add it in the portal.
    await seedWebhookEndpoint(db, context.config, {
      owner: { vendorId },
      url: `${origin}/webhooks`,
      description: 'Referencetjenesten (demo)',
      eventTypes: REFERENCE_WEBHOOK_EVENT_TYPES,
      secret: secrets.webhookSecret,
      createdBy: 'demo-seed',
    });
  },
};
