// organisations: who runs a citizen's contact course — the 98 kommuner, the recognised a-kasser, and the other actors
// (andre aktører) municipalities contract — as a register governance and the municipalities keep.
export { organisationPages, type OrganisationNavigation } from './organisations.pages.ts';
export { organisationsSeed, demoAkasser, demoActors, demoOrganisationId } from './organisations.seed.ts';
export {
  akasseByCvr,
  contractedActors,
  employmentServiceName,
  getOrganisation,
  kommuneOrganisationId,
  listOrganisations,
  type Contract,
  type Organisation,
} from './organisations.service.ts';
