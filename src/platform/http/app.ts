import { createHash, createHmac, randomUUID } from 'node:crypto';
import { STATUS_CODES, validateHeaderValue } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type pg from 'pg';
import type { Logger } from 'pino';
import { createChangeBus, listenForChanges, type ChangeBus } from '../changes.ts';
import { tileServerSource, type Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { NotificationListener } from '../db/notifications.ts';
import { AppError, isAppError, type ErrorCode } from '../errors.ts';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../i18n/index.ts';
import { fieldErrorsFromIssues, type IssueLike } from '../validation.ts';
import { renderErrorPage } from '../views/error-page.ts';
import type { FooterLink } from '../views/layout.ts';
import { audienceSlugs } from '../auth/principal.ts';
import { audienceOf, registerAccessControl, type SessionReader } from './access.ts';
import { keepReferencedSchemas } from './api-docs.ts';
import { bearerTokenMatches, registerMetrics, type QueueDepthSource } from './metrics.ts';
import type { JobSender } from '../jobs/runner.ts';
import { pageContext, sendPage } from './page-context.ts';
import { toProblem } from './problem.ts';
import { computeSecurityHeaders, protectRawResponse } from './security-headers.ts';
import { registerServerTiming } from './server-timing.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language this request is answered in. */
    locale: Locale;
    /** What the request's CSRF token is bound to: a hash of its session cookie, or 'signed-out' without one. */
    csrfBinding: string;
  }
  interface FastifyInstance {
    /** Links route modules add to every page's footer of this app (dev-mail's page, where the SMTP catcher runs). */
    footerLinks: FooterLink[];
  }
}

export type TypedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** What the HTTP layer needs from the rest of the process. */
export type AppDeps = {
  config: Config;
  db: Db;
  pool: pg.Pool;
  /**
   * Connections with asynchronous commit (createDatabase `asyncCommit`) for short-lived protocol state that may be
   * lost on a crash of the database server: the OpenID Provider's rows, DPoP proof ids. Without it, `db`.
   */
  stateDb?: Db | undefined;
  logger: Logger;
  /** The job runner: its queue depths for /metrics, and `send` for handlers that queue durable work. */
  jobs?: (QueueDepthSource & JobSender) | undefined;
  /** Reads sessions for the access check; without it nobody is ever signed in. */
  sessions?: SessionReader | undefined;
  /** The app's change bus (src/platform/changes.ts): modules publish committed domain changes and subscribe to them. */
  changes: ChangeBus;
};

/** What buildApp is given: AppDeps, where the change bus is made for the app when none is passed (as in tests). */
export type AppInput = Omit<AppDeps, 'changes'> & { changes?: ChangeBus | undefined };

/** A module's contribution to the app: a Fastify plugin registering its routes and pages. */
export type RouteModule = (app: TypedApp, deps: AppDeps) => void | Promise<void>;

const publicDir = fileURLToPath(new URL('../../../public/', import.meta.url));
const dkfdsDir = fileURLToPath(new URL('../../../node_modules/dkfds/dist/', import.meta.url));
// Leaflet for the job map's interactive version (public/jobs-map.js), served by the app itself: never from a CDN.
const leafletDir = fileURLToPath(new URL('../../../node_modules/leaflet/dist/', import.meta.url));
const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const LANGUAGE_COOKIE = 'lang';

/**
 * Builds the Fastify app: security headers, cookies, CSRF, rate limits, language, metrics,
 * OpenAPI, one error handler, static design-system files, then each module's routes.
 */
export async function buildApp(input: AppInput, modules: RouteModule[]): Promise<FastifyInstance> {
  const deps: AppDeps = { ...input, changes: input.changes ?? createChangeBus({ logger: input.logger }) };
  const { config } = deps;
  // Typed as Fastify's logger so the instance keeps Fastify's default type parameters.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  // The job map's tile server, when one is configured, is the one other origin pages show images from.
  const tileSource = config.map.tileUrl === undefined ? undefined : tileServerSource(config.map.tileUrl);
  const imageSources = tileSource ? [tileSource] : [];
  const securityHeaders = computeSecurityHeaders({ https: config.secureCookies, imageSources });
  // What answers outside Fastify's routes (the OpenID Providers mounted with middie) gets the same headers, less
  // form-action: their forms end at a vendor's registered address (form_post, the end-session confirmation's
  // redirect), and Chrome checks form-action along the whole redirect chain.
  const rawHeaders = computeSecurityHeaders({ https: config.secureCookies, formAction: false, imageSources });
  const prepareReply = (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    request.locale = isApiRequest(request) ? localeFromAcceptLanguage(request.headers['accept-language']) : localeFromCookie(request.headers.cookie);
  };
  const handleError = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: appError.code, detail: appError.detail }, 'request refused');
    dropUnsendableHeaders(reply);
    return sendError(request, reply, appError);
  };
  const app = Fastify({
    loggerInstance,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors the router meets before any hook (a malformed or too long path) go to the one error handler too.
    frameworkErrors: (error, request, reply) => {
      prepareReply(request, reply);
      void handleError(error, request, reply);
    },
    clientErrorHandler: (error, socket) => answerClientError(error, socket, securityHeaders, deps.logger),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('locale', 'da');
  const sessionCookie = deps.sessions?.cookieName;
  app.decorateRequest('csrfBinding', {
    getter(this: FastifyRequest): string {
      const token = sessionCookie ? this.cookies[sessionCookie] : undefined;
      // Never empty: @fastify/csrf treats an empty binding as none given and refuses the token.
      return token ? createHash('sha256').update(token).digest('base64url') : 'signed-out';
    },
  });
  if (config.serverTiming) registerServerTiming(app);
  app.addHook('onRequest', async (request, reply) => {
    prepareReply(request, reply);
    // No route of the app's own: a handler mounted with middie writes to the raw response, past the reply's headers.
    if (request.is404) protectRawResponse(reply.raw, rawHeaders);
  });

  // Every unsafe non-API route is CSRF-checked and every API and form route rate-limited, by rule rather
  // than by remembering it per route. These hooks run before the plugins' own onRoute hooks.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    // The simulators (vendor-data.simulators.ts) stand in for the state's systems' APIs: machine callers, no forms.
    const isApi = route.url.startsWith('/api/') || route.url.startsWith('/simulatorer/');
    const isForm = !isApi && methods.some((m) => unsafeMethods.has(m));
    if (isForm) {
      route.preValidation = [app.csrfProtection.bind(app), ...[route.preValidation ?? []].flat()];
    }
    if ((isApi || isForm) && route.config?.rateLimit === undefined) {
      const max = isApi ? config.rateLimit.apiPerMinute : config.rateLimit.formsPerMinute;
      route.config = { ...route.config, rateLimit: { max, timeWindow: '1 minute' } };
    }
  });

  registerAccessControl(app, deps.sessions);
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      return typeof body?._csrf === 'string' ? body._csrf : String(request.headers['x-csrf-token'] ?? '');
    },
    // A token is made for the session beside it (or for none) and passes only with that session cookie: a cookie and
    // token minted in another browser are worthless with the victim's session. Signed-out visitors' forms still work.
    getUserInfo: (request) => request.csrfBinding,
    csrfOpts: { userInfo: true, hmacKey: createHmac('sha256', config.cookieSecret).update('jobunivers csrf token').digest() },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', `Try again in ${context.after}.`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jobunivers API',
        version: '1',
        description: 'JSON APIs of Det Virtuelle Jobunivers. Errors are application/problem+json (RFC 9457).',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          // The session cookie the identity module's session reader names (without one nobody signs in; the name is moot).
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: deps.sessions?.cookieName ?? 'jobunivers-session',
            description: 'The session of a person signed in to the platform in the browser (citizen, staff, vendor or governance).',
          },
          vendorApiToken: {
            type: 'oauth2',
            description: "A vendor API client's bearer token (OAuth 2 client credentials; clients are created in the vendor portal under API-nøgler).",
            flows: { clientCredentials: { tokenUrl: `${config.baseUrl}/api/vendor/v1/token`, scopes: {} } },
          },
          municipalityApiToken: {
            type: 'oauth2',
            description:
              "A municipality API client's bearer token (OAuth 2 client credentials; clients are created by the municipal administrator on /kommune/api-klienter).",
            flows: { clientCredentials: { tokenUrl: `${config.baseUrl}/api/municipality/v1/token`, scopes: {} } },
          },
          vendorServiceDpop: {
            type: 'http',
            scheme: 'DPoP',
            description:
              "A vendor service's access token for the citizen who signed in to it through the platform (OpenID Connect at /oidc), " +
              'sender-constrained with DPoP (RFC 9449): send `Authorization: DPoP <access token>` and a fresh `DPoP` proof per request ' +
              '(typ dpop+jwt, signed by the key the token is bound to, with htm, htu, iat, a unique jti and ath = base64url(SHA-256(token))). ' +
              'Each data category needs its scope jobunivers:<category> and the citizen’s consent at the time of the call.',
          },
        },
      },
    },
    transform: (input) =>
      input.url.startsWith('/api/') && !input.url.startsWith('/api/docs')
        ? jsonSchemaTransform(input)
        : { schema: { ...input.schema, hide: true }, url: input.url },
    // Schemas registered with an id (zod `.meta({ id })`) become components.schemas, which the routes' $refs point to.
    transformObject: (input) => keepReferencedSchemas(jsonSchemaTransformObject(input)),
  });

  registerMetricsRoute(app, deps);
  await app.register(fastifyStatic, { root: dkfdsDir, prefix: '/dkfds/', maxAge: '1d', index: false, wildcard: true });
  await app.register(fastifyStatic, {
    root: leafletDir,
    prefix: '/static/leaflet/',
    maxAge: '1d',
    index: false,
    decorateReply: false,
    // Only what a page uses (the script, its source map, the stylesheet and its images), not the package's other builds.
    allowedPath: (pathName) => /^\/(leaflet\.js(\.map)?|leaflet\.css|images\/[a-z0-9-]+\.png)$/.test(pathName),
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h', index: false, decorateReply: false });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND', `Nothing at ${request.url.split('?')[0]}.`)));

  // Changes other processes announce reach this app's subscribers through a connection of its own, from when the
  // app is ready (an app that never gets there leaves no connection behind) until it closes.
  let changeListener: NotificationListener | undefined;
  app.addHook('onReady', async () => {
    changeListener = await listenForChanges(deps.changes, { connection: deps.pool.options, logger: deps.logger });
  });
  app.addHook('onClose', async () => changeListener?.stop());

  app.decorate('footerLinks', [] as FooterLink[]);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const module of modules) await module(typed, deps);
  return app;
}

/**
 * /metrics for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`: 401 without it, and 404 when no token is
 * configured (production without METRICS_TOKEN), so the process's internals are never open to anyone who asks.
 */
function registerMetricsRoute(app: FastifyInstance, deps: AppDeps): void {
  const registry = registerMetrics(app, { pool: deps.pool, queues: deps.jobs });
  const token = deps.config.metricsToken;
  // Public to the session-based access check (a scraper has no session); the bearer token is its authentication.
  app.get('/metrics', { config: { access: { public: true } }, schema: { hide: true } }, async (request, reply) => {
    const refusal = !token
      ? new AppError('NOT_FOUND', 'Nothing at /metrics.')
      : bearerTokenMatches(request.headers.authorization, token)
        ? undefined
        : new AppError('UNAUTHENTICATED', 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.');
    if (refusal) {
      // problem+json whatever Accept says (Prometheus accepts */*): a scraper gets neither a page nor a sign-in redirect.
      if (refusal.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer realm="metrics"');
      const problem = toProblem(refusal, { locale: request.locale, instance: '/metrics', requestId: request.id });
      return reply.code(refusal.status).type('application/problem+json').send(JSON.stringify(problem));
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/** JSON API requests: everything under /api/ except the human-readable docs page. */
function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') && !request.url.startsWith('/api/docs');
}

function localeFromCookie(cookieHeader: string | undefined): Locale {
  if (!cookieHeader) return 'da';
  const match = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookieHeader);
  return match && isLocale(match[1]) ? match[1] : 'da';
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_CSRF_INVALID_TOKEN: 'CSRF',
  FST_CSRF_MISSING_SECRET: 'CSRF',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'VALIDATION',
  // A parameter longer than any id this app hands out names nothing here.
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
  // A header value Node refuses to send (a CR or LF a handler took from the request): the request's fault.
  ERR_INVALID_CHAR: 'VALIDATION',
};

/** Maps anything thrown to an AppError; what it cannot place becomes INTERNAL, whose details are never shown. */
function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: IssueLike[] = error.validation.map((v) => ({
      ...v.params,
      code: v.keyword,
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message ?? '',
    }));
    return new AppError('VALIDATION', `The ${error.validationContext ?? 'request'} is not valid.`, fieldErrorsFromIssues(issues));
  }
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return new AppError(mapped, error.message);
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError('VALIDATION', error.message);
  return new AppError('INTERNAL', undefined, [], { cause: error });
}

/** Removes the headers Node would refuse to write (the cause of the error being answered), so the answer goes out. */
function dropUnsendableHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    try {
      for (const one of [value ?? ''].flat()) validateHeaderValue(name, String(one));
    } catch {
      reply.removeHeader(name);
    }
  }
}

/**
 * Answers a request Node's parser could not read (a broken request line, headers too large, too slow) as problem+json
 * with the security headers, instead of Fastify's bare JSON; there is no request to decide on a page or a language.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket, headers: Record<string, string>, logger: Logger): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  logger.info({ code: error.code, status }, 'unreadable request refused');
  if (socket.writable) {
    const problem = toProblem(new AppError('VALIDATION', `The request could not be read (${STATUS_CODES[status] ?? 'Bad Request'}).`), {
      locale: 'en',
      instance: '/',
      requestId: randomUUID(),
    });
    delete problem.instance;
    const body = JSON.stringify({ ...problem, status });
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      'content-type: application/problem+json',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      'cache-control: no-store',
    ];
    for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

function wantsHtml(request: FastifyRequest): boolean {
  if (isApiRequest(request)) return false;
  const accept = request.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (wantsHtml(request)) {
    // A page that needs a sign-in (or a higher level) sends the browser to sign in, and back here afterwards.
    if ((error.code === 'UNAUTHENTICATED' || error.code === 'STEP_UP_REQUIRED') && request.method === 'GET') {
      const access = request.routeOptions.config.access;
      const query = new URLSearchParams({ tilbage: request.url });
      if (access && 'level' in access) query.set('niveau', access.level);
      if (request.principal?.municipality && request.principal.audience === 'staff') query.set('kommune', request.principal.municipality.code);
      return reply.redirect(`/log-ind/${audienceSlugs[audienceOf(access)]}?${query.toString()}`, 303);
    }
    return sendPage(reply, renderErrorPage(pageContext(request, reply), error.status), error.status);
  }
  const problem = toProblem(error, { locale: request.locale, instance: request.url.split('?')[0] ?? '/', requestId: request.id });
  return reply.code(error.status).type('application/problem+json').send(JSON.stringify(problem));
}
