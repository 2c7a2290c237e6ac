// sso: the platform as OpenID Provider for vendor services — listings' live versions as clients, the citizen's
// platform session as the login with step-up to the listing's NSIS level, consent deciding the data scopes, pairwise
// subjects per vendor, DPoP-bound opaque access tokens and their check for the Data API, persisted signing keys.
export { ssoPages } from './sso.pages.ts';
export { createVendorServiceReader } from './sso.dpop.ts';
export { pairwiseSubject } from './sso.pairwise.ts';
export { issuerOf, scopeOf, dataCategoryCodes, OIDC_PATH, INTERACTION_PATH } from './sso.provider.ts';
export { launchUrlFor } from './sso.service.ts';
export { loadSigningKeys, rotateSigningKeys, signWithPlatformKey, publicJwks, type SigningKey } from './sso.keys.ts';
export { revokeVendorAccess } from './sso.revocation.ts';
export { forgetVendorTokens } from './sso.token-cache.ts';
export { pruneOidcModelsJob } from './sso.jobs.ts';
