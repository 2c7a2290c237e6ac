// listings: vendors write and submit service listings in versions; automated checks and governance review decide
// what the national catalogue shows; suspension and delisting notify the vendor and the municipalities.
export { listingPages } from './listings.pages.ts';
export { listingReviewPages } from './listings.review.pages.ts';
export { governanceNav } from './listings.review.views.ts';
export { listingApiRoutes } from './listings.routes.ts';
export { catalogueFeedRoutes } from './listings.feed.routes.ts';
export { listingsSeed } from './listings.seed.ts';
