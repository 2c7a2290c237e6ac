// consent: what a citizen is asked before a vendor's service gets data about them (the consent screen), their
// decisions with signed receipts (Kantara Consent Receipt / ISO/IEC TS 27560), the categories the Data API may
// read, "Mine samtykker" (see, withdraw, ask the vendor to delete) and the deletion requests sent to vendors.
export type { ConsentAnswer, ConsentRequest, ConsentStanding, RequestedCategory } from './consent.contract.ts';
export {
  consentedCategories,
  consentStanding,
  listOwnConsents,
  loadConsentRequest,
  parseConsentAnswer,
  recordConsent,
  withdrawConsent,
  type ConsentDeps,
  type ServiceConsents,
} from './consent.service.ts';
export { renderConsentAnswered, renderConsentScreen } from './consent.views.ts';
export { consentPages } from './consent.pages.ts';
export { consentApiRoutes } from './consent.routes.ts';
export { sendDeletionRequestJob, sweepDeletionRequestsJob } from './consent.jobs.ts';
export { MY_CONSENTS, RECEIPT_KEYS_PATH } from './consent.receipt.ts';
