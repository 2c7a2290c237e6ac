import type { Principal } from '../../platform/auth/principal.ts';
import { definePolicy } from '../../platform/auth/policy.ts';

/** The installation the caught mails belong to: whether it runs the local SMTP catcher (config.mail.catcher). */
export type DevMailInstallation = { catcher: boolean };

/**
 * Who may read and clear the caught mails: anyone at the machine, signed in or not, like the test IdP's pages — and
 * only where the catcher runs, which is never in production (config.ts refuses MAIL_CATCHER there). The mails are the
 * development machine's, the demo's and the tests' own; the actor is the visitor, a principal or nobody.
 */
export const devMailPolicy = definePolicy<'dev-mail.read' | 'dev-mail.clear', DevMailInstallation, Principal | undefined>({
  'dev-mail.read': (_visitor, installation) => installation?.catcher === true,
  'dev-mail.clear': (_visitor, installation) => installation?.catcher === true,
});
