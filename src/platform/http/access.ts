import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';
import { meetsLevel, type NsisLevel } from '../auth/nsis.ts';
import { audienceOfRole, type Audience, type Principal, type Role } from '../auth/principal.ts';

/** Who may use a route: anyone, or the listed roles at (at least) the given NSIS level. */
export type RouteAccess = { public: true } | { roles: readonly Role[]; level: NsisLevel };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route with its declared access, for the test that checks them all. */
    declaredRoutes: { method: string; url: string; access: RouteAccess }[];
  }
  interface FastifyRequest {
    /** The signed-in person, when the request carries a live session. */
    principal?: Principal | undefined;
    /** Minutes of inactivity the session survives (set with `principal`). */
    sessionIdleMinutes?: number | undefined;
  }
}

/** Reads sessions for the access check; the identity module provides it. */
export type SessionReader = {
  cookieName: string;
  /** Minutes without activity before a session ends; pages warn shortly before. */
  idleMinutes: number;
  principalFor(token: string): Promise<Principal | undefined>;
  /** The principal behind an `Authorization: Bearer` token on an API route (the vendor API's clients). */
  bearer?: (token: string) => Promise<Principal | undefined>;
  /**
   * The principal behind an `Authorization: DPoP` token on an API route (a vendor's service acting for a citizen,
   * RFC 9449): checks the token and its proof against the request, and throws an UNAUTHENTICATED AppError (with a
   * `WWW-Authenticate: DPoP error=...` header set on `reply`) when either fails.
   */
  dpop?: (token: string, request: FastifyRequest, reply: FastifyReply) => Promise<Principal>;
  /** Started when the app is ready and stopped when it closes (e.g. a cache's change listener). */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
};

/** The principal of a route that declared roles; the access check has already made sure there is one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}

/** Route config for a route anyone may use. */
export const publicAccess = { access: { public: true } } as const;

const staticPrefixes = ['/dkfds/', '/static/'];

/** The audience whose sign-in a route's roles lead to (for sending an anonymous visitor to the right login). */
export function audienceOf(access: RouteAccess | undefined): Audience {
  return access && 'roles' in access && access.roles[0] ? audienceOfRole(access.roles[0]) : 'citizen';
}

/**
 * Makes every route declare its access (`config.access`) — a route without one stops the app at start-up —
 * and checks it before the input is validated: no session → UNAUTHENTICATED, too low a level → STEP_UP_REQUIRED,
 * wrong role → FORBIDDEN. Resource-level checks (own municipality) stay in the services, through their module's policy.
 */
export function registerAccessControl(app: FastifyInstance, sessions: SessionReader | undefined): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('sessionIdleMinutes', undefined);
  const declaredRoutes: FastifyInstance['declaredRoutes'] = [];
  app.decorate('declaredRoutes', declaredRoutes);
  if (sessions?.start) app.addHook('onReady', sessions.start);
  if (sessions?.stop) app.addHook('onClose', sessions.stop);
  app.addHook('onRoute', (route: RouteOptions) => {
    const declared = route.config?.access ?? (staticPrefixes.some((p) => route.url.startsWith(p)) ? { public: true as const } : undefined);
    if (!declared) throw new Error(`Route ${String(route.method)} ${route.url} does not declare who may use it (config.access).`);
    const access: RouteAccess = declared;
    route.config = { ...route.config, access };
    for (const method of [route.method].flat()) declaredRoutes.push({ method, url: route.url, access });
    if (staticPrefixes.some((p) => route.url.startsWith(p))) return;
    // Before the input is validated: who may not use a route learns nothing about what it accepts.
    route.preValidation = [
      ...[route.preValidation ?? []].flat(),
      async (request: FastifyRequest, reply: FastifyReply) => {
        const token = sessions ? request.cookies[sessions.cookieName] : undefined;
        const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        const dpop = /^DPoP (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (dpop && sessions?.dpop && route.url.startsWith('/api/')) {
          request.principal = await sessions.dpop(dpop, request, reply);
        } else if (bearer && sessions?.bearer && route.url.startsWith('/api/')) {
          // A bearer token speaks for itself: a cookie on the same request is not looked at.
          request.principal = await sessions.bearer(bearer);
          if (!request.principal && !('public' in access)) {
            reply.header('www-authenticate', 'Bearer error="invalid_token"');
            throw new AppError('UNAUTHENTICATED', 'The access token is unknown, expired or revoked.');
          }
        } else if (token && sessions) {
          request.principal = await sessions.principalFor(token);
          request.sessionIdleMinutes = sessions.idleMinutes;
        }
        if ('public' in access) return;
        const principal = request.principal;
        if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in to use this.');
        if (!meetsLevel(principal.nsisLevel, access.level)) {
          throw new AppError('STEP_UP_REQUIRED', `This needs NSIS level ${access.level}; the session has ${principal.nsisLevel}.`);
        }
        if (!access.roles.some((role) => principal.roles.includes(role))) throw new AppError('FORBIDDEN', 'Your role does not give access to this.');
      },
    ];
  });
}
