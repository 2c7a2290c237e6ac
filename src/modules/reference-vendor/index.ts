// reference-vendor: the demo world's reference vendor application (examples/vendor-app) — its company and approved
// listing seeded for single sign-on, and the process `npm start` runs beside the app in development. Demo only: a
// production deployment sets REFERENCE_VENDOR_PORT=off and none of this runs.
export {
  referenceVendorSeed,
  seedReferenceVendor,
  referenceVendorAddresses,
  referenceVendorSecrets,
  REFERENCE_API_CLIENT_ID,
  REFERENCE_LISTING_ID,
  REFERENCE_VENDOR_CVR,
} from './reference-vendor.seed.ts';
export { startReferenceVendorProcess, referenceVendorEnvironment, REFERENCE_VENDOR_ENTRY } from './reference-vendor.process.ts';
