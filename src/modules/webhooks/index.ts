// webhooks: what the platform tells vendors' and municipalities' systems — the outbox every writer records into, signed
// webhooks (Standard Webhooks) with retries, dead letters and re-drive, the pull change feeds, and the municipality
// API's clients (OAuth 2 client credentials) that read the municipality's feed.
export { recordOutboundEvent, seedWebhookEndpoint, type OutboundEventInput } from './webhooks.service.ts';
export { deliverWebhooksJob, pruneMunicipalityApiTokensJob } from './webhooks.jobs.ts';
export { webhookApiRoutes } from './webhooks.routes.ts';
export { webhookPages } from './webhooks.pages.ts';
export { runWebhookDelivery } from './webhooks.delivery.ts';
export { isForbiddenAddress, refusedEndpointAddress } from './webhooks.address.ts';
export { MUNICIPALITY_TOKEN_PREFIX, principalForMunicipalityToken } from './municipality-api.credentials.ts';
export { municipalityApiRoutes } from './municipality-api.routes.ts';
export { municipalityApiClientPages } from './municipality-api.pages.ts';
