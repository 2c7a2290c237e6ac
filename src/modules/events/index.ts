// events: what vendors' services report about citizens' activities in their listings (issue 15) — the versioned type
// registry (published as JSON Schema), CloudEvents ingest (one or a batch, idempotent, acknowledged once committed),
// the xAPI door mapped onto the same events, the plan's progression from them, and the vendor portal's event log and
// registry pages. Other modules read stored events through the published view activity_event_entry.
export { eventApiRoutes } from './events.routes.ts';
export { eventPages } from './events.pages.ts';
export { pruneEventRejectionsJob } from './events.jobs.ts';
export { eventTypes, isRegisteredType, type EventTypeName } from './events.registry.ts';
