import { z } from 'zod';
import { channels, legalBases, priceModels } from '../../platform/db/schema.ts';

export { channels, legalBases, priceModels };

export const nsisLevels = ['Low', 'Substantial', 'High'] as const;
export const clientAuthMethods = ['private_key_jwt', 'client_secret_basic'] as const;

/** The codes of the reference taxonomies a listing is described with (read from the database). */
export type TaxonomyCodes = {
  journeyStages: readonly string[];
  categories: readonly string[];
  targetGroups: readonly string[];
  languages: readonly string[];
  dataCategories: readonly string[];
};

/** Optional text: trimmed, an empty field counts as not filled in; what is filled in has at least `min` characters. */
const optionalText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => value === '' || value.length >= min, { message: 'validation.tooShort', params: { limit: min } })
    .optional()
    .transform((value) => (value === '' ? undefined : value));

/** An https address (where http is never acceptable, not even in a draft). */
const httpsAddress = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^https$/, message: 'validation.url' }).optional());

/**
 * An address the platform calls or sends the browser to for single sign-on (initiate login, back-channel logout,
 * deletion): http or https in a draft, as redirect URIs; the automated checks require https outside the sandbox.
 */
const ssoAddress = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/, message: 'validation.url' }).optional());

/** A taxonomy code: one of the database's codes, or (without them, for the API document) any well-formed code. */
const codeOf = (codes: readonly string[] | undefined) =>
  codes ? z.string().refine((code) => codes.includes(code), { message: 'validation.choice' }) : z.string().regex(/^[a-z0-9_]{1,40}$/);
const codeList = (codes: readonly string[] | undefined) =>
  z
    .array(codeOf(codes))
    .max(50)
    .default([])
    .transform((list) => [...new Set(list)]);

/**
 * A listing version as a vendor writes it (the page form and the vendor API send this shape). A draft may leave
 * anything out; what is filled in must be well-formed. Completeness is for the automated checks at submission.
 * Without `taxonomy` the codes are only checked for form (the API document's shape; the service checks them).
 */
export function listingDraftSchema(taxonomy?: TaxonomyCodes) {
  return z
    .object({
      nameDa: optionalText(120, 2),
      nameEn: optionalText(120, 2),
      summaryDa: optionalText(300, 10),
      summaryEn: optionalText(300, 10),
      descriptionDa: optionalText(10_000),
      descriptionEn: optionalText(10_000),
      journeyStage: codeOf(taxonomy?.journeyStages).optional(),
      categories: codeList(taxonomy?.categories),
      targetGroups: codeList(taxonomy?.targetGroups),
      languages: codeList(taxonomy?.languages),
      channels: z
        .array(z.enum(channels))
        .max(10)
        .default([])
        .transform((list) => [...new Set(list)]),
      priceModel: z.enum(priceModels).optional(),
      requiredNsisLevel: z.enum(nsisLevels).optional(),
      serviceUrl: httpsAddress,
      accessibilityStatementUrl: httpsAddress,
      redirectUris: z
        .array(
          z
            .string()
            .trim()
            .max(2000)
            .pipe(z.url({ protocol: /^https?$/, message: 'validation.url' })),
        )
        .max(10)
        .default([]),
      clientAuthMethod: z.enum(clientAuthMethods).optional(),
      jwksUri: httpsAddress,
      initiateLoginUri: ssoAddress.describe('Where the platform starts a sign-on (OpenID Connect third-party initiated login); the service URL when absent.'),
      backchannelLogoutUri: ssoAddress.describe('Where the platform sends a logout token when the citizen signs out (OpenID Connect back-channel logout).'),
      deletionUri: ssoAddress.describe("Where the platform asks the service to delete a citizen's data (docs/VENDOR-DELETION.md)."),
      worksWithoutData: z
        .boolean({ message: 'validation.choice' })
        .default(true)
        .describe('Whether a citizen who declines to share data can still use the service.'),
      dataCategories: z
        .array(
          z.strictObject({
            category: codeOf(taxonomy?.dataCategories),
            purposeDa: optionalText(500),
            purposeEn: optionalText(500),
            legalBasis: z.enum(legalBases).optional(),
          }),
        )
        .max(20)
        .default([]),
    })
    .strict();
}

export type ListingDraft = z.output<ReturnType<typeof listingDraftSchema>>;
export type ListingDraftInput = z.input<ReturnType<typeof listingDraftSchema>>;

/** A governance decision on a version in review. A reason is required unless the version is approved. */
export const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'request_changes', 'reject']),
    reason: optionalText(5000),
  })
  .refine((d) => d.decision === 'approve' || d.reason !== undefined, { path: ['reason'], message: 'validation.reasonRequired' });

/** Suspension, reinstatement and delisting always say why: the vendor and the municipalities are told. */
export const reasonSchema = z.object({
  reason: z.string().trim().min(1, { message: 'validation.reasonRequired' }).max(5000),
});

/** What governance can do with a live or suspended listing. */
export const liveActions = ['suspend', 'reinstate', 'delist'] as const;
/** Everything a governance page can have done to a listing: a decision on a version in review, or a live action. */
export const reviewOutcomes = ['approve', 'request_changes', 'reject', ...liveActions] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** Deleting a draft names the version the vendor confirmed, so a version started since is not the one deleted. */
export const deleteDraftSchema = z.object({
  version: z.coerce.number().int().min(1).max(100_000),
});
