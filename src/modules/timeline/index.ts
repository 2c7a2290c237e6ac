// timeline: the citizen's timeline in Min jobrejse (issue 15) — what services reported, the plan, sign-ups to local
// offers, the screening and Joblog registrations, newest first, filtered by service and type — and the same timeline
// for a caseworker of the organisation responsible for the citizen, opened with a purpose written to Min Log.
export { timelinePages } from './timeline.pages.ts';
