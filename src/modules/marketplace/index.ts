// marketplace: the citizen's marketplace — their municipality's enabled services and local offers, searched and
// filtered with the jobcenter's recommendations first, each service's page with moderated ratings, launching a service
// with a licence seat, signing up for local offers — and the municipality's moderation of ratings.
export { marketplacePages } from './marketplace.pages.ts';
export { moderationPages } from './moderation.pages.ts';
export { marketplaceSeed } from './marketplace.seed.ts';
export { listVendorListingLaunchers } from './marketplace.service.ts';
