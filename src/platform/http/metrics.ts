import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Something that can tell how many jobs wait in each queue (the job runner). */
export type QueueDepthSource = { queueDepths(): Promise<Record<string, number>> };

/**
 * Registers Prometheus metrics for this app instance (its own registry, so tests can build many apps):
 * requests and latency per route, the database pool, and the depth of each job queue.
 */
export function registerMetrics(app: FastifyInstance, options: { pool: pg.Pool; queues?: QueueDepthSource | undefined }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client sums each of these per-type gauges into a gauge named like a counter (`_total`), which Prometheus
  // (promtool) rejects; the sum over the per-type gauge (`sum(nodejs_active_handles)`) is the same number.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);

  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route and status.', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route and status.',
    labelNames,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Connections in the PostgreSQL pool, by state.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, options.pool.totalCount);
      this.set({ state: 'idle' }, options.pool.idleCount);
      this.set({ state: 'waiting' }, options.pool.waitingCount);
    },
  });
  const queues = options.queues;
  if (queues) {
    new Gauge({
      name: 'job_queue_depth',
      help: 'Jobs waiting to run, by queue.',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        for (const [queue, depth] of Object.entries(await queues.queueDepths())) this.set({ queue }, depth);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  return registry;
}

/** Whether an Authorization header carries `Bearer <token>`; compared in constant time (as digests, of equal length). */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
