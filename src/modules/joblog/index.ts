// joblog: forwarding the citizen's job applications and meetings to Joblog in DFDG (issue 15) — from vendors'
// application-sent and meeting-held events and from the citizen's own entries — only where the citizen agreed or a
// legal basis is recorded, through an outbox swept by a job, with a fixed x-requestId so nothing registers twice.
export { joblogPages } from './joblog.pages.ts';
export { forwardsToJoblog } from './joblog.service.ts';
export { forwardRegistrationJob, sweepJoblogJob } from './joblog.jobs.ts';
export { forwardRegistration, sweepJoblog, MAX_FORWARD_ATTEMPTS } from './joblog.forwarding.ts';
