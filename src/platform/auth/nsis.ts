/** NSIS assurance levels, lowest first. */
export const nsisLevels = ['Low', 'Substantial', 'High'] as const;
export type NsisLevel = (typeof nsisLevels)[number];

const acrPrefix = 'https://data.gov.dk/concept/core/nsis/loa/';

// Every form the level arrives in (PRODUCT.md C2), mapped once. Anything else is unknown and yields no level.
const knownForms: Record<string, NsisLevel> = {
  // OIOSAML 3 AuthnContextClassRef / OIDC acr, and the OIOSAML 4 concept URIs
  [`${acrPrefix}Low`]: 'Low',
  [`${acrPrefix}Substantial`]: 'Substantial',
  [`${acrPrefix}High`]: 'High',
  'https://data.gov.dk/concept/core/loa/low': 'Low',
  'https://data.gov.dk/concept/core/loa/substantial': 'Substantial',
  'https://data.gov.dk/concept/core/loa/high': 'High',
  // attribute https://data.gov.dk/concept/core/nsis/loa and broker claims loa/ial/aal
  low: 'Low',
  substantial: 'Substantial',
  high: 'High',
  // eIDAS-style URNs some brokers pass through
  'http://eidas.europa.eu/loa/low': 'Low',
  'http://eidas.europa.eu/loa/substantial': 'Substantial',
  'http://eidas.europa.eu/loa/high': 'High',
};

// Legacy dk:gov:saml:attribute:AssuranceLevel: 2 ≈ Low (NemID without key card), 3 ≈ Substantial.
const legacyAssurance: Record<string, NsisLevel> = { '2': 'Low', '3': 'Substantial' };

/**
 * Normalises an assurance level in any form seen in the wild to Low/Substantial/High; returns undefined
 * for anything unknown, so an unknown value can never raise the level.
 */
export function normaliseNsisLevel(value: unknown, form: 'acr' | 'loa' | 'legacy' = 'acr'): NsisLevel | undefined {
  if (typeof value === 'number' && form === 'legacy') return legacyAssurance[String(value)];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (form === 'legacy') return legacyAssurance[trimmed];
  const exact = knownForms[trimmed];
  if (exact) return exact;
  // Case differences are harmless for the URIs; the suffix must still be one of the three words exactly.
  const lower = trimmed.toLowerCase();
  return knownForms[lower] ?? (lower.startsWith(acrPrefix.toLowerCase()) ? knownForms[`${acrPrefix}${capitalise(lower.slice(acrPrefix.length))}`] : undefined);
}

/** Reads the level from a set of identity claims/attributes: the lowest of the levels stated, unknown forms ignored. */
export function nsisLevelFromClaims(claims: Record<string, unknown>): NsisLevel | undefined {
  const stated = [
    normaliseNsisLevel(claims.acr),
    normaliseNsisLevel(claims['https://data.gov.dk/concept/core/nsis/loa'], 'loa'),
    normaliseNsisLevel(claims.loa, 'loa'),
    normaliseNsisLevel(claims.ial, 'loa'),
    normaliseNsisLevel(claims.aal, 'loa'),
    normaliseNsisLevel(claims['dk:gov:saml:attribute:AssuranceLevel'], 'legacy'),
  ].filter((level): level is NsisLevel => level !== undefined);
  if (stated.length === 0) return undefined;
  return stated.reduce((lowest, level) => (rank(level) < rank(lowest) ? level : lowest));
}

export function rank(level: NsisLevel): number {
  return nsisLevels.indexOf(level);
}

/** Whether a session at `actual` may use something that requires `required`. */
export function meetsLevel(actual: NsisLevel, required: NsisLevel): boolean {
  return rank(actual) >= rank(required);
}

/** The acr values that satisfy a requirement, for an essential acr claim request. */
export function acrValuesAtLeast(required: NsisLevel): string[] {
  return nsisLevels.filter((level) => meetsLevel(level, required)).map(acrFor);
}

export function acrFor(level: NsisLevel): string {
  return `${acrPrefix}${level}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
