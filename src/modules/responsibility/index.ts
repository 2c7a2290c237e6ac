// responsibility: who runs a citizen's contact course over time — the rules as data (responsibility_rule), the
// citizen's situation from DFDG, dated periods moved by a daily job at the hand-over date, and the citizen's free
// choice where a rule allows it ("Hvem hjælper mig?" and the card on the start page).
export { responsibilityPages } from './responsibility.pages.ts';
export { responsibilityJob } from './responsibility.jobs.ts';
export {
  chooseActor,
  currentHelperOtherThanKommune,
  getWhoHelpsMe,
  moveResponsibilities,
  type MoveDeps,
  type OrganisationCard,
  type ResponsibilityDeps,
  type WhoHelpsMe,
} from './responsibility.service.ts';
export { renderWhoHelpsMeCard } from './responsibility.views.ts';
