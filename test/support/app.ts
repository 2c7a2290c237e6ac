import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { routeModules, seedParts } from '../../src/modules.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { buildApp, type RouteModule } from '../../src/platform/http/app.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { runSeed } from '../../src/platform/seed.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export type TestApp = { app: FastifyInstance; config: Config } & TestDatabase;

/**
 * The real app over a fresh test database (migrated template, demo world seeded unless `seed: false`).
 * `env` overrides configuration; `extraRoutes` adds routes only a test needs (e.g. one that fails).
 */
export async function createTestApp(options: { env?: Record<string, string>; seed?: boolean; extraRoutes?: RouteModule[] } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'jobunivers-test-')),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel });
  if (options.seed !== false) await runSeed(database.db, seedParts, logger);
  const app = await buildApp({ config, db: database.db, pool: database.pool, logger }, [...routeModules, ...(options.extraRoutes ?? [])]);
  await app.ready();
  after(() => app.close());
  return { app, config, ...database };
}

/** Cookies a response set, as a Cookie header value to send back (a browser's cookie jar, for one exchange). */
export function cookiesFrom(response: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((pair) => pair.split('=', 2) as [string, string]));
  for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The CSRF token of the first form on an HTML page. */
export function csrfTokenIn(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}
