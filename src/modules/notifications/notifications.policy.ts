import type { Principal } from '../../platform/auth/principal.ts';
import { actsForOrganisation, definePolicy, hasRole, ownCitizen, type Resource } from '../../platform/auth/policy.ts';

/** What can be asked of the notifications module's policy. */
export type NotificationsAction = 'notifications.own.citizen' | 'notifications.own.staff' | 'notifications.team';

/**
 * A citizen reads and marks their own notifications and sets their own preferences; staff signed in for an
 * organisation their own; a caseworker also the organisation's team notifications (a new message to the jobcenter).
 * Row-level security keeps a citizen to their own rows and staff to their organisation's (migration 0094).
 */
export const notificationsPolicy = definePolicy<NotificationsAction, Resource>({
  'notifications.own.citizen': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
  'notifications.own.staff': (actor) => hasRole(actor, 'caseworker', 'content_owner', 'municipal_admin') && actsForOrganisation(actor),
  'notifications.team': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
});

/** The installation the SMS simulator's texts belong to: whether it runs the simulator (config.sms.simulator). */
export type DevSmsInstallation = { simulator: boolean };

/**
 * Who may read and clear the SMS simulator's texts: anyone at the machine, like /udvikling/mails — and only where the
 * simulator runs, which is never in production. The texts are the development machine's, the demo's and the tests'.
 */
export const devSmsPolicy = definePolicy<'dev-sms.read' | 'dev-sms.clear', DevSmsInstallation, Principal | undefined>({
  'dev-sms.read': (_visitor, installation) => installation?.simulator === true,
  'dev-sms.clear': (_visitor, installation) => installation?.simulator === true,
});
