import { publicAccess } from './access.ts';
import { z } from 'zod';
import { pingDatabase } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import type { RouteModule } from './app.ts';

const readinessSchema = z.object({
  status: z.enum(['ready', 'not ready']),
  database: z.enum(['reachable', 'unreachable']),
  pendingMigrations: z.array(z.string()),
});

/** Liveness (/healthz: the process answers) and readiness (/readyz: database reachable, migrations applied). */
export const healthRoutes: RouteModule = (app, { db }) => {
  app.get('/healthz', { config: publicAccess, schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } }, () => ({
    status: 'ok' as const,
  }));

  app.get('/readyz', { config: publicAccess, schema: { hide: true, response: { 200: readinessSchema, 503: readinessSchema } } }, async (_request, reply) => {
    const reachable = await pingDatabase(db);
    const pending = reachable ? await pendingMigrations(db).catch(() => ['(unknown)']) : [];
    const ready = reachable && pending.length === 0;
    reply.header('cache-control', 'no-store').code(ready ? 200 : 503);
    return {
      status: ready ? ('ready' as const) : ('not ready' as const),
      database: reachable ? ('reachable' as const) : ('unreachable' as const),
      pendingMigrations: pending,
    };
  });
};
