// vendors: the companies (CVR) that offer services, registered by their own administrators.
export { isValidCvr } from './cvr.ts';
export { vendorPages } from './vendors.pages.ts';
export { vendorsSeed } from './vendors.seed.ts';
