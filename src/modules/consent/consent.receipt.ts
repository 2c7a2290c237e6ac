// The policy a citizen is shown (hashed, so a change of it asks again) and the signed receipt of their decision,
// after the Kantara Initiative Consent Receipt v1.1 with the fields ISO/IEC TS 27560 adds (decision, validity,
// withdrawal). The receipt is a compact JWS signed with the platform's key; the public keys are published at
// /.well-known/jobunivers-receipt-keys.json (and in the OpenID Provider's JWKS), so anyone can verify it.
import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { pairwiseSubject } from '../../platform/crypto/pairwise.ts';
import { loadSigningKeys, publicJwks, signWithPlatformKey, type SigningKey } from '../../platform/crypto/signing-keys.ts';
import type { RequestedCategory } from './consent.contract.ts';

/** Where the citizen sees and withdraws their consents. */
export const MY_CONSENTS = '/borger/samtykker';
/** Where the receipt signing keys are published. */
export const RECEIPT_KEYS_PATH = '/.well-known/jobunivers-receipt-keys.json';
export const RECEIPT_TYP = 'consent-receipt+jwt';

/** JSON with object keys in code-point order at every level: the same data always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (base64url) of the data policy a listing version shows: its listing and, per data category (ordered by
 * code), the purposes in both languages and the legal basis. Names of the categories and everything else about
 * the version are left out, so a new version with the same data policy does not ask again.
 */
export function policyHash(listingId: string, categories: readonly Pick<RequestedCategory, 'code' | 'purposeDa' | 'purposeEn' | 'legalBasis'>[]): string {
  const policy = {
    listing_id: listingId,
    categories: [...categories]
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((c) => ({ code: c.code, purpose_da: c.purposeDa, purpose_en: c.purposeEn, legal_basis: c.legalBasis })),
  };
  return createHash('sha256').update(canonicalJson(policy)).digest('base64url');
}

/** The citizen's pairwise subject at a vendor (the `sub` the OpenID Provider gives it too): the receipt's PII principal, the SET's subject. */
export function pairwiseSubjectFor(config: Pick<Config, 'cookieSecret'>, vendorId: string, citizenId: string): string {
  return pairwiseSubject(config, vendorId, citizenId);
}

/** The platform's signing keys (the active one first); made on first use. */
export function receiptKeys(db: Db, config: Pick<Config, 'cookieSecret'>): Promise<SigningKey[]> {
  return loadSigningKeys(db, config.cookieSecret);
}

/** The public keys a receipt verifies with, as a JWKS document. */
export function receiptJwks(keys: readonly SigningKey[]): { keys: JWK[] } {
  return publicJwks(keys);
}

export type ReceiptInput = {
  consentId: string;
  decision: 'accepted' | 'declined';
  givenAt: Date;
  validUntil: Date;
  locale: Locale;
  policyHash: string;
  piiPrincipalId: string;
  vendor: { name: string; cvr: string; email: string; phone: string; supportUrl: string };
  listing: { id: string; name: string };
  categories: readonly (RequestedCategory & { name: string; purpose: string })[];
};

/** The receipt's claims (Kantara CR v1.1 field names, ISO/IEC TS 27560 additions). */
export function receiptClaims(config: Pick<Config, 'baseUrl'>, input: ReceiptInput, publicKey: JWK): Record<string, unknown> {
  const termination = input.validUntil.toISOString();
  return {
    jti: input.consentId,
    version: 'KI-CR-v1.1.0',
    jurisdiction: 'DK',
    consentTimestamp: Math.floor(input.givenAt.getTime() / 1000),
    collectionMethod: 'web_form',
    consentReceiptID: input.consentId,
    publicKey,
    language: input.locale,
    piiPrincipalId: input.piiPrincipalId,
    piiControllers: [
      {
        piiController: input.vendor.name,
        onBehalf: false,
        contact: input.vendor.email,
        email: input.vendor.email,
        phone: input.vendor.phone,
        piiControllerUrl: input.vendor.supportUrl,
        cvr: input.vendor.cvr,
      },
    ],
    policyUrl: `${config.baseUrl}/katalog/${input.listing.id}`,
    policyHash: input.policyHash,
    decision: input.decision,
    services: [
      {
        service: input.listing.name,
        serviceId: input.listing.id,
        purposes: input.categories.map((category) => ({
          purpose: category.purpose,
          purposeCategory: [category.code],
          consentType: 'EXPLICIT',
          piiCategory: [category.name],
          piiCategoryCode: category.code,
          legalBasis: category.legalBasis,
          primaryPurpose: true,
          termination,
          thirdPartyDisclosure: false,
          decision: input.decision,
        })),
      },
    ],
    sensitive: false,
    spiCat: [],
    validUntil: termination,
    withdrawalMethod: `${config.baseUrl}${MY_CONSENTS}`,
  };
}

/** Signs a receipt as a compact JWS (typ consent-receipt+jwt, issuer the platform's OpenID Provider). */
export async function signReceipt(config: Pick<Config, 'baseUrl'>, keys: readonly SigningKey[], input: ReceiptInput): Promise<string> {
  const active = keys.find((key) => key.status === 'active');
  if (!active) throw new Error('No active signing key.');
  return signWithPlatformKey(keys, receiptClaims(config, input, active.publicJwk), { typ: RECEIPT_TYP, issuer: `${config.baseUrl}/oidc` });
}
