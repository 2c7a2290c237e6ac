// jobs: the state's job ads from Jobnet's feed (ingested incrementally), searched by text, occupation, place and
// distance, on a map; job agents; job suggestions a caseworker sends a citizen, who answers them; the feed's simulator
// for development and tests.
export { jobPages } from './jobs.pages.ts';
export { jobApiRoutes } from './jobs.routes.ts';
export { jobAgentPages, jobAgentApiRoutes } from './agents.pages.ts';
export { jobSuggestionPages } from './suggestions.pages.ts';
export { countOpenJobSuggestions } from './suggestions.service.ts';
export { renderJobSuggestionsLink } from './suggestions.views.ts';
export { ingestJobAdsJob, expireJobAdsJob, jobAgentsJob, jobAgentDigestJob } from './jobs.jobs.ts';
export { matchAgents, gatherDigests, mailNotices } from './agents.service.ts';
export { ingestJobAds, expireJobAds, searchJobs, readFeedStatus, resolvePlace, type JobFilter, type JobSearchResult } from './jobs.service.ts';
export { createJobFeedClient, type JobFeedAdapter, type FeedAd } from './jobs.feed.ts';
export { createJobFeedSimulator, jobFeedSimulatorRoutes, startJobFeedSimulatorServer } from './jobs.simulator.ts';
