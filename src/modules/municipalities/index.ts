// municipalities: the 98 kommuner (tenants) as reference data, and their jobcenters.
export { municipalityRoutes } from './municipalities.routes.ts';
export { municipalityPages } from './municipalities.pages.ts';
export { municipalitiesSeed, demoJobcenters } from './municipalities.seed.ts';
export { countCoverage, getMunicipality, listAllMunicipalities, saveJobcenter } from './municipalities.service.ts';
export type { JobcenterInput } from './municipalities.repository.ts';
