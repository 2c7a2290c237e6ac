import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { COPENHAGEN } from '../time.ts';

/** What a job handler may use. */
export type JobDeps = { db: Db; config: Config; logger: Logger };

/**
 * A background job: a name, a payload version (the queue is `<name>.v<version>`, so a new payload
 * shape never meets a handler written for the old one), a zod schema for the payload, an optional
 * cron schedule in Copenhagen time, and the handler.
 */
export type JobDefinition<P = unknown> = {
  name: string;
  version: number;
  payload: z.ZodType<P>;
  /** Cron expression (Europe/Copenhagen) for a recurring job. */
  schedule?: string;
  handle(payload: P, deps: JobDeps): Promise<void>;
};

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/**
 * What a route module may do with the job runner: queue a job (after its transaction committed, so a job never
 * runs for a change that was rolled back). Work that must not be lost keeps a row of its own as well (an outbox)
 * that a scheduled job sweeps, since a send can fail after the commit.
 */
export type JobSender = { send<P>(job: JobDefinition<P>, payload: P): Promise<string> };

function queueName(job: JobDefinition<never>): string {
  return `${job.name}.v${job.version}`;
}

export type JobRunnerOptions = {
  databaseUrl: string;
  deps: JobDeps;
  jobs: JobDefinition<never>[];
  work: boolean;
  /** How often an idle worker asks for new jobs; 2 s unless said otherwise (tests ask every half second, pg-boss's least). */
  pollingIntervalSeconds?: number;
};

/** Runs background jobs on PostgreSQL through pg-boss, in the app's own database (schema `pgboss`). */
export class JobRunner implements JobSender {
  private readonly boss: PgBoss;
  private readonly queues: string[] = [];

  private readonly options: JobRunnerOptions;
  private stopping = false;

  constructor(options: JobRunnerOptions) {
    this.options = options;
    this.boss = new PgBoss({ connectionString: options.databaseUrl, max: 3, application_name: 'jobunivers-jobs' });
    this.boss.on('error', (error) => {
      // While stopping, a connection pg-boss is closing may be ended by the database's own shutdown, which follows at
      // once (57P01, "terminating connection due to administrator command"): not a failure of any job.
      if (this.stopping && (error as { code?: unknown }).code === '57P01') options.deps.logger.debug({ err: error }, 'job runner connection ended at shutdown');
      else options.deps.logger.error({ err: error }, 'job runner error');
    });
  }

  /** Creates the queues and schedules, and (when `work` is set) starts the workers. */
  async start(): Promise<void> {
    await this.boss.start();
    for (const job of this.options.jobs) {
      const name = queueName(job);
      this.queues.push(name);
      await this.boss.createQueue(name, { retryLimit: 3, retryBackoff: true, expireInSeconds: 15 * 60 });
      if (job.schedule) await this.boss.schedule(name, job.schedule, {}, { tz: COPENHAGEN });
      if (this.options.work) await this.boss.work(name, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 }, (jobs) => this.run(job, jobs));
    }
  }

  private async run(job: JobDefinition<never>, jobs: { id: string; data: unknown }[]): Promise<void> {
    const logger = this.options.deps.logger.child({ job: queueName(job) });
    for (const { id, data } of jobs) {
      const payload = job.payload.parse(data);
      const started = performance.now();
      await job.handle(payload, { ...this.options.deps, logger });
      logger.info({ jobId: id, ms: Math.round(performance.now() - started) }, 'job done');
    }
  }

  /** Queues a job now; returns its id. */
  async send<P>(job: JobDefinition<P>, payload: P): Promise<string> {
    const id = await this.boss.send(queueName(job as JobDefinition<never>), job.payload.parse(payload) as object);
    if (!id) throw new Error(`pg-boss did not accept a ${job.name} job`);
    return id;
  }

  /** The state of a job (created, active, completed, failed, …), or null when unknown. */
  async jobState(job: JobDefinition<never>, id: string): Promise<string | null> {
    const [found] = await this.boss.findJobs(queueName(job), { id });
    return found?.state ?? null;
  }

  /** Jobs waiting to run, per queue; read by /metrics. */
  async queueDepths(): Promise<Record<string, number>> {
    const depths: Record<string, number> = {};
    for (const name of this.queues) depths[name] = (await this.boss.getQueue(name))?.queuedCount ?? 0;
    return depths;
  }

  /** Stops taking new jobs and waits for running ones to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
