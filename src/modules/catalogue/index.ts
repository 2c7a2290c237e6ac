// catalogue: the taxonomies, service listings with versions, and the national catalogue with Danish search.
export { cataloguePages } from './catalogue.pages.ts';
export { catalogueSeed } from './catalogue.seed.ts';
export { findNearestWords, listTaxonomyTerms, normaliseQuery } from './catalogue.service.ts';
export { filterCodes, taxonomyCodes } from './catalogue.schemas.ts';
export type { TaxonomyKind, TaxonomyRow } from './catalogue.repository.ts';
