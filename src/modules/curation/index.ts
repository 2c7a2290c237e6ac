// curation: what a municipality offers its citizens — the national catalogue's listings it enables and recommends
// per target group and journey stage, its own local offers, the licences it buys with their seat use, and its
// branding within the design system.
export { curationPages, workspaceHeaderFor } from './workspace.pages.ts';
export { curationSeed } from './curation.seed.ts';
export { getBranding } from './branding.service.ts';
export { listLicenceUse, type LicenceUse } from './licences.service.ts';
export { logoUrl } from './curation.views.ts';
