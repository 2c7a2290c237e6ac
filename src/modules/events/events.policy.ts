import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may do what with a vendor's activity events (the company always comes from the identity, so everyone acts on
 * their own company's only): its services' API clients send events; its administrators and developers read the log
 * and the registry; its administrators and API clients register the company's own event types.
 */
export const eventsPolicy = definePolicy<'event.send' | 'event-log.read' | 'event-type.create'>({
  'event.send': { allow: (actor) => hasRole(actor, 'vendor_api'), refusal: "Only the company's API clients send events." },
  'event-log.read': { allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_developer'), refusal: "Only the company's users read its event log." },
  'event-type.create': {
    allow: (actor) => hasRole(actor, 'vendor_admin', 'vendor_api'),
    refusal: "Only the company's administrator or API clients register event types.",
  },
});
