// vendor-data: the vendor Data API for the citizen signed in to a vendor's service (profile, contact, CV, job wishes,
// plan, and the platform header's back-channel), the Jobnet and DFDG adapters with their simulators, and the
// citizen's own contact details ("Mine kontaktoplysninger").
export { vendorDataApiRoutes } from './vendor-data.routes.ts';
export { simulatorRoutes } from './vendor-data.simulators.ts';
export { contactPages } from './contact.pages.ts';
export { getOwnContact, getOwnJobWishes } from './contact.service.ts';
export { vendorDataSeed } from './vendor-data.seed.ts';
export {
  createDfdgClient,
  createJobnetClient,
  createJoblogClient,
  type Cv,
  type DfdgAdapter,
  type JoblogActivity,
  type JoblogAdapter,
  type JobnetAdapter,
  type JobSituation,
  type JobWishes,
} from './vendor-data.integrations.ts';
export { headerLinks, vendorDataCategories, type VendorDataCategory } from './vendor-data.service.ts';
export { AUTHORISATION_KEPT_MS } from './vendor-data.cache.ts';
