import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * The security headers every response carries, worked out once by helmet at start-up.
 * Running helmet's middleware per request halves the throughput of a small page (STACK.md);
 * the headers never change between requests, so they are computed once and copied. Without `formAction` the CSP
 * leaves out form-action, for pages whose forms rightly end at another site (see protectRawResponse). `imageSources` are
 * the other origins pages may show images from: only the job map's tile server, when one is configured (MAP_TILE_URL).
 */
export function computeSecurityHeaders(options: { https: boolean; formAction?: boolean; imageSources?: string[] }): Record<string, string> {
  const headers: Record<string, string> = {};
  const fakeResponse = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', ...(options.imageSources ?? [])],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        ...(options.formAction === false ? {} : { 'form-action': ["'self'"] }),
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 63072000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  })({} as IncomingMessage, fakeResponse, () => undefined);
  headers['permissions-policy'] = 'camera=(), microphone=(), geolocation=(self), payment=()';
  return headers;
}

/**
 * Puts the security headers on a raw response that something other than Fastify's reply will write (a handler
 * mounted with middie, such as an OpenID Provider), before that handler runs — so a provider that adds to the CSP
 * (oidc-provider hashes its inline form_post script into script-src) builds on ours — and again when the head is
 * written, for any it removed or never got (Koa clears headers when it answers an error itself). Whatever CSP goes
 * out keeps frame-ancestors 'none'.
 */
export function protectRawResponse(response: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  const writeHead = response.writeHead.bind(response);
  response.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => {
    for (const [name, value] of Object.entries(headers)) if (!response.hasHeader(name)) response.setHeader(name, value);
    const csp = String(response.getHeader('content-security-policy') ?? '');
    if (!csp.includes("frame-ancestors 'none'")) {
      const kept = csp
        .split(';')
        .map((directive) => directive.trim())
        .filter((directive) => directive && !directive.startsWith('frame-ancestors'));
      response.setHeader('content-security-policy', [...kept, "frame-ancestors 'none'"].join('; '));
    }
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}
