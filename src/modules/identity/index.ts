// identity: sign-in (OpenID Connect) for the four audiences, sessions, NSIS levels, the citizen register,
// the access log (Min Log), and the built-in test identity provider.
export { identityPages, sendPurposeQuestion, sessionCookieName } from './identity.pages.ts';
export { identityRoutes } from './identity.routes.ts';
export { createSessionReader } from './identity.sessions.ts';
export type { IdentityDeps, StaffMember } from './identity.service.ts';
export { listStaffMembers } from './identity.service.ts';
export { pruneAccessLogJob, pruneSessionsJob } from './identity.jobs.ts';
export { testIdpRoutes } from './test-idp/test-idp.ts';
export { testPersons } from './test-idp/test-persons.ts';
export { citizenOfTestPerson, identitySeed } from './identity.seed.ts';
export { createVendorReadLog, listOwnAccessLog, purposeForCitizen, recordCitizenAccess, type ReadPurpose } from './access-log.service.ts';
export { readPurposeText, renderPurposeChoice } from './identity.views.ts';
export { casePurposeOptions, purposeOrAsk, purposeQuestion } from './access-log.service.ts';
export { renderLookupForm } from './identity.views.ts';
export type { AccessLogRow, VendorRead } from './identity.repository.ts';
export type { CitizenRow } from './identity.repository.ts';
