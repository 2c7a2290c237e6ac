// `npm run bench:dashboard`: the municipal dashboard and governance's oversight on a generated world (issue 16).
// A fresh embedded database gets the demo world and BENCH_EVENTS generated events (default 10 million, through
// `npm run cli -- generate`, whose throughput it prints), the rollups are computed, and then each page is requested at
// a fixed offered rate (open loop: a request is due every 1/rate seconds whether or not the last one answered), the
// server's own time read from Server-Timing. Beside them, the naive alternative: the same figures by GROUP BY over the
// raw events. Prints a Markdown table for docs/BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import { createSession, principalFor } from '../test/support/factories.ts';
import { startApp } from '../test/support/server.ts';

const events = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const rate = Number(process.env.BENCH_RATE ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);

function ownerUrl(dir: string): string {
  const port = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dir, 'postgres-password.txt'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/jobunivers`;
}

const quantile = (sorted: number[], q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;

/** Runs a command, its output on this terminal; resolves with its wall time in seconds. */
function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

type Row = { name: string; offered: number; answered: number; p50: number; p95: number; p99: number; serverP95: number; first: number; errors: number };

/** One page at `rate` requests/s for `seconds`, after as long again of warm-up; client and server (Server-Timing) times. */
async function paced(name: string, url: string, cookie: string): Promise<Row> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const get = () =>
    new Promise<{ status: number; server: number }>((resolve, reject) => {
      const request = http.get(
        { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, agent, headers: { cookie } },
        (response) => {
          response.resume();
          response.on('end', () => {
            const match = /app;dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''));
            resolve({ status: response.statusCode ?? 0, server: Number(match?.[1] ?? Number.NaN) });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
  // The first request of a period computes its national figures (kept until the rollups change): reported apart.
  const firstStarted = performance.now();
  const first = await get();
  const firstMs = Math.round((performance.now() - firstStarted) * 10) / 10;
  if (first.status !== 200) throw new Error(`${name}: ${url} answered ${first.status}`);
  const phase = async (length: number) => {
    const client: number[] = [];
    const server: number[] = [];
    let errors = 0;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < length * rate; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(
        get().then(
          (answer) => {
            client.push(performance.now() - due);
            if (answer.status === 200) server.push(answer.server);
            else errors++;
          },
          () => void errors++,
        ),
      );
    }
    await Promise.all(inFlight);
    return { client: client.sort((a, b) => a - b), server: server.sort((a, b) => a - b), errors };
  };
  await phase(Math.max(2, Math.round(seconds / 4)));
  const measured = await phase(seconds);
  agent.destroy();
  return {
    name,
    offered: rate,
    answered: measured.client.length,
    p50: quantile(measured.client, 0.5),
    p95: quantile(measured.client, 0.95),
    p99: quantile(measured.client, 0.99),
    serverP95: quantile(measured.server, 0.95),
    first: firstMs,
    errors: measured.errors,
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jobunivers-bench-dashboard-'));
const app = await startApp(
  { DATA_DIR: dataDir, NODE_ENV: 'development', SEED_DEMO: 'true', DEMO_HISTORY: 'false', LOG_LEVEL: 'warn', SERVER_TIMING: 'true' },
  120_000,
);
const url = ownerUrl(dataDir);
const { db } = createDatabase({ url, poolMax: 2 });
try {
  process.stdout.write(`Generating ${events.toLocaleString('en')} events…\n`);
  const generateSeconds = await run(process.execPath, ['src/cli.ts', 'generate', '--events', String(events), '--seed', '16'], {
    DATABASE_URL: url,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  });
  const { rows: counted } = await sql<{ n: string }>`select count(*) as n from activity_event`.execute(db);
  const total = Number(counted[0]?.n ?? 0);
  await sql`vacuum analyze`.execute(db);

  const today = copenhagenDate();
  const yearAgo = copenhagenDate(new Date(Date.now() - 364 * 86_400_000));
  const monthAgo = copenhagenDate(new Date(Date.now() - 29 * 86_400_000));
  const owner = await createSession(db, { ...principalFor('content_owner', { municipalityCode: '101' }), name: 'Bench Indhold' });
  const governance = await createSession(db, { ...principalFor('governance_reviewer'), name: 'Bench Styring' });
  const cookie = (token: string) => `jobunivers-session=${token}`;
  const { rows: groups } = await sql<{
    target_group: string;
  }>`select target_group from statistics_listing_day where municipality_code = '101' group by 1 order by sum(launches) desc limit 1`.execute(db);

  const rows: Row[] = [];
  rows.push(await paced('Municipal dashboard, København, last 30 days', `${app.baseUrl}/kommune/overblik`, cookie(owner)));
  rows.push(await paced('Municipal dashboard, København, one year', `${app.baseUrl}/kommune/overblik?fra=${yearAgo}&til=${today}`, cookie(owner)));
  rows.push(
    await paced(
      'Municipal dashboard, København, one year, one target group',
      `${app.baseUrl}/kommune/overblik?fra=${yearAgo}&til=${today}&maalgruppe=${groups[0]?.target_group ?? ''}`,
      cookie(owner),
    ),
  );
  rows.push(await paced('Governance oversight, last 30 days', `${app.baseUrl}/faellesskab/overblik`, cookie(governance)));
  rows.push(await paced('Governance oversight, one year', `${app.baseUrl}/faellesskab/overblik?fra=${yearAgo}&til=${today}`, cookie(governance)));

  // The naive alternative, for the same 30 days: København's funnel per listing and its reach, straight from the raw rows.
  const naive: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await sql`select listing_id, count(*) filter (where type = 'dk.jobunivers.activity.started') as starts,
                     count(*) filter (where type = 'dk.jobunivers.activity.completed') as completions, count(distinct citizen_id) as citizens
                from activity_event where municipality_code = '101'
                 and (occurred_at at time zone 'Europe/Copenhagen')::date between ${monthAgo}::date and ${today}::date
               group by listing_id`.execute(db);
    await sql`select municipality_code, count(*) filter (where type = 'dk.jobunivers.activity.completed') as completions, count(distinct citizen_id) as citizens
                from activity_event where (occurred_at at time zone 'Europe/Copenhagen')::date between ${monthAgo}::date and ${today}::date
               group by municipality_code`.execute(db);
    naive.push(performance.now() - started);
  }
  naive.sort((a, b) => a - b);
  const refreshStarted = performance.now();
  await db.transaction().execute(async (trx) => {
    await sql`select statistics_refresh_days(true)`.execute(trx);
    await sql`select statistics_refresh_months(true, null)`.execute(trx);
    await sql`select statistics_refresh_totals(true, null)`.execute(trx);
  });
  const refreshAll = (performance.now() - refreshStarted) / 1000;

  const out = (line = '') => process.stdout.write(`${line}\n`);
  out();
  out(
    `Generated ${total.toLocaleString('en')} events in ${generateSeconds.toFixed(0)} s (${Math.round(total / generateSeconds).toLocaleString('en')} events/s, rollups included).`,
  );
  out(`Recomputing every day's rollups from the raw rows: ${refreshAll.toFixed(1)} s.`);
  out();
  out('| Page (offered rate, open loop) | req/s offered | answered | p50 ms | p95 ms | p99 ms | server p95 ms | first request ms | errors |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) out(`| ${r.name} | ${r.offered} | ${r.answered} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.serverP95} | ${r.first} | ${r.errors} |`);
  out(
    `| Naive GROUP BY over the raw events (København's funnel and reach, and every municipality's, last 30 days), median of 5 | – | – | ${Math.round(naive[2] ?? 0)} | – | – | – | – | – |`,
  );
} finally {
  await db.destroy();
  await app.stop();
  // The generated world is 15 GB at 10 million events: removed with the app's data folder (BENCH_KEEP=1 keeps it).
  if (!process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
}
