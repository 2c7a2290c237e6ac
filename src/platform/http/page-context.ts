import type { FastifyReply, FastifyRequest } from 'fastify';
import { translate, translator } from '../i18n/index.ts';
import type { SafeHtml } from '../views/html.ts';
import type { PageContext } from '../views/layout.ts';

/** The context a page handler renders with: the request's language, path, request id and a lazy CSRF token. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, theme: PageContext['theme'] = 'borger'): PageContext {
  let token: string | undefined;
  return {
    locale: request.locale,
    t: translator(request.locale),
    path: request.url,
    requestId: request.id,
    csrfToken: () => (token ??= csrfTokenFor(request, reply)),
    theme,
    person: request.principal
      ? { name: request.principal.name, role: translate(request.locale, `role.${request.principal.roles[0] ?? 'citizen'}`) }
      : undefined,
    municipality: request.principal?.municipality,
    navigation: request.principal?.roles.includes('citizen') ? 'citizen' : undefined,
    footerLinks: request.server.footerLinks,
    sessionIdleMinutes: request.sessionIdleMinutes,
  };
}

// A browser's CSRF token, kept by its signed secret cookie and session: every page with a form (the header's sign-out is one)
// needs a token, and making one costs a signature check and a hash. A token stays valid for as long as its secret
// (the synchronizer-token pattern, one per browser), so the one made first is given again. Only a cookie whose
// signature holds is remembered; the oldest go first.
const csrfTokens = new Map<string, string>();
const CSRF_TOKENS_KEPT = 20_000;

function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  const cookie = request.cookies._csrf;
  // A token belongs to the secret and to the session beside it (app.ts, getUserInfo).
  const binding = request.csrfBinding;
  const key = cookie ? `${cookie} ${binding}` : undefined;
  const known = key ? csrfTokens.get(key) : undefined;
  if (known) return known;
  const token = reply.generateCsrf({ userInfo: binding });
  if (key && cookie && reply.unsignCookie(cookie).valid) {
    csrfTokens.set(key, token);
    if (csrfTokens.size > CSRF_TOKENS_KEPT) csrfTokens.delete(csrfTokens.keys().next().value ?? '');
  }
  return token;
}

/** Sends a rendered page. Pages are personal or carry form tokens, so they are never stored by shared caches. */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.value);
}
