import type { SessionReader } from '../../platform/http/access.ts';
import { sessionCookieName } from './identity.pages.ts';
import { principalForSession, type IdentityDeps } from './identity.service.ts';

/** What the access check needs from this module: the session cookie's name and the principal behind a token. */
export function createSessionReader(deps: IdentityDeps): SessionReader {
  return {
    cookieName: sessionCookieName(deps.config.secureCookies),
    idleMinutes: deps.config.session.idleMinutes,
    principalFor: (token) => principalForSession(deps, token),
  };
}
