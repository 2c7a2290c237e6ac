// vendors: the companies (CVR) that offer services, registered by their own administrators, and their API clients.
export { isValidCvr } from './cvr.ts';
export { principalForAccessToken } from './vendors.credentials.ts';
export { pruneApiTokensJob } from './vendors.jobs.ts';
export { vendorApiRoutes } from './vendors.routes.ts';
export { vendorPages } from './vendors.pages.ts';
export { getOwnVendor, getVendorName } from './vendors.service.ts';
export { vendorsSeed } from './vendors.seed.ts';
