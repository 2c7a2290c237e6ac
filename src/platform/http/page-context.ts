import type { FastifyReply, FastifyRequest } from 'fastify';
import { translate, translator, type MessageKey } from '../i18n/index.ts';
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
    csrfToken: () => (token ??= reply.generateCsrf()),
    theme,
    person: request.principal ? { name: request.principal.name, role: translate(request.locale, `role.${request.principal.roles[0] ?? 'citizen'}` as MessageKey) } : undefined,
    municipality: request.principal?.municipality,
    sessionIdleMinutes: request.sessionIdleMinutes,
  };
}

/** Sends a rendered page. Pages are personal or carry form tokens, so they are never stored by shared caches. */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.value);
}
