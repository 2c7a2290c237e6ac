// journey: the citizen's side of the job universe ("Min jobrejse") — the screening kept as a profile, escalations to
// caseworkers when answers signal risk, the plan, explainable recommendations from what the municipality offers,
// "not relevant for me" — and the caseworker's minimum: escalations, and a citizen's journey opened with a purpose.
export { journeyPages } from './journey.pages.ts';
export { caseworkerPages } from './caseworker.pages.ts';
export { journeySeed } from './journey.seed.ts';
export { RECOMMENDATION_RULES_VERSION, SCREENING_RULES_VERSION } from './journey.rules.ts';
export { moveActivitiesFromEvents, type ActivityMove } from './journey.service.ts';
