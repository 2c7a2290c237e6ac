// sso: the platform as OpenID Provider for vendor services — listings' live versions as clients, the citizen's
// platform session as the login with step-up to the listing's NSIS level, consent deciding the data scopes, pairwise
// subjects per vendor (platform/crypto), DPoP-bound opaque access tokens and their check for the Data API; it revokes
// a vendor's grants and tokens when consent is withdrawn (the change bus). The signing keys are platform/crypto's.
export { ssoPages } from './sso.pages.ts';
export { createVendorServiceReader } from './sso.dpop.ts';
export { issuerOf, scopeOf, dataCategoryCodes, OIDC_PATH, INTERACTION_PATH } from './sso.provider.ts';
export { launchUrlFor } from './sso.service.ts';
export { revokeVendorAccess } from './sso.revocation.ts';
export { pruneOidcModelsJob } from './sso.jobs.ts';
