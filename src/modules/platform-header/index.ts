// platform-header: the platform header web component for vendor services (<jobunivers-header>), served at a versioned
// URL, its documentation page, and the reference vendor application's demo listing.
export { platformHeaderRoutes } from './platform-header.routes.ts';
export { platformHeaderPages, headerSnippet } from './platform-header.pages.ts';
export { HEADER_SCRIPT_PATH } from './platform-header.asset.ts';
export { referenceVendorSeed, seedReferenceVendor, referenceVendorAddresses, REFERENCE_LISTING_ID, REFERENCE_VENDOR_CVR } from './reference-vendor.seed.ts';
export { startReferenceVendorProcess, referenceVendorEnvironment, REFERENCE_VENDOR_ENTRY } from './reference-vendor.process.ts';
