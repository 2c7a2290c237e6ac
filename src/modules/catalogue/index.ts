// catalogue: the taxonomies, service listings with versions, and the national catalogue with Danish search.
export { cataloguePages } from './catalogue.pages.ts';
export { catalogueSeed } from './catalogue.seed.ts';
export { invalidateCatalogueCache } from './catalogue.cache.ts';
export { normaliseQuery } from './catalogue.service.ts';
export { selectNearestWords } from './catalogue.repository.ts';
export { filterCodes, taxonomyCodes } from './catalogue.schemas.ts';
export { selectTaxonomies, type TaxonomyKind, type TaxonomyRow } from './catalogue.repository.ts';
