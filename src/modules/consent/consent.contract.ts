// What the single sign-on (src/modules/sso) and the Data API ask of the consent module, and what it answers.
// The sso module's authorization interaction asks `consentStanding` (for the request `loadConsentRequest` made)
// before it lets a citizen through to a vendor's service; when a decision is needed it shows `renderConsentScreen`
// (passing `validityMonths: config.consent.validityMonths`, and `changed` when the standing has a `previous`), reads
// the answer with `parseConsentAnswer` and records it with `recordConsent`; the Data API asks `consentedCategories`
// on every call. All are exported from the module's index.ts.
import type { Locale } from '../../platform/i18n/index.ts';

/** A data category a listing version asks for, with why and on which legal basis (listing_version_data_category). */
export type RequestedCategory = {
  code: string;
  nameDa: string;
  nameEn: string;
  purposeDa: string;
  purposeEn: string;
  legalBasis: 'consent' | 'contract' | 'legal_obligation' | 'public_task';
};

/** What a citizen is asked to decide about before entering a vendor's service. */
export type ConsentRequest = {
  citizenId: string;
  municipalityCode: string;
  vendorId: string;
  vendorName: string;
  listingId: string;
  listingVersionId: string;
  listingNameDa: string;
  listingNameEn: string;
  categories: RequestedCategory[];
  /** Whether the service can be used without the data (then declining still lets the citizen in). */
  worksWithoutData: boolean;
  /** SHA-256 (base64url) of the policy shown: the categories, purposes and legal bases, canonically ordered. */
  policyHash: string;
};

/**
 * Where a citizen stands with a service: `decided` when a current decision covers exactly this policy (then no
 * screen), with the categories the citizen accepted (empty when declined); `ask` when there is no current decision
 * or the categories, purposes or legal bases changed since.
 */
export type ConsentStanding =
  { kind: 'decided'; acceptedCategories: string[]; consentId: string } | { kind: 'ask'; previous?: { acceptedCategories: string[] } | undefined };

export type ConsentAnswer = { decision: 'accepted' | 'declined'; locale: Locale };
