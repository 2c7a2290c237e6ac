// `npm run bench:jobs`: job search (issue 17) over 100,000 job ads, and 1,000,000 with BENCH_SIZES=100000,1000000.
// For each size a fresh app on its embedded PostgreSQL in a temporary data dir (jobs off, simulators on,
// SERVER_TIMING=true) ingests a feed simulator's snapshot through `ingestJobAds` over real HTTP, as the app role, in
// pages of 1,000 (the ingestion rate in ads/s is reported, and the simulator's own generation time apart: about 1 s
// per 100,000 ads and 300 MB at 1,000,000, so even the largest size is ingested over HTTP). Ads past their deadline
// (about a fifth of the simulator's) are removed by the ingestion; the table is then filled up to the size with copies
// of the ingested ads made inside PostgreSQL (new ids, positions moved around their town, dates spread), so it holds
// exactly that many live ads. With BENCH_HTTP_ADS=100000 only that many are ingested over HTTP and the rest are
// such copies (a quicker set-up; the copies cost PostgreSQL about what ingestion does).
//
// Then each search is asked at a fixed offered rate (open loop: a paced client sends a request every 1/rate s whatever
// the answers take, each latency counted from when its request was due; autocannon's overallRate starts every
// connection's timer together and fires bursts, see bench/events.ts), with the app's own time from Server-Timing;
// and at saturation (autocannon, 50 connections) as a share of the bare Fastify hello-world measured just before.
// Every request asks another combination (query word × town × facet), so nothing repeats back to back; the app keeps
// no job-search answers, so none is answered from memory. Finally `explain (analyze, buffers)` of the two queries a
// typical search runs (searchAds and countFacets, as the repository sends them) is printed.
//
//   BENCH_ADS=100000 | BENCH_SIZES=100000,1000000   sizes, each on a fresh database
//   BENCH_RATE=50 BENCH_SECONDS=20                  offered rate (req/s) and measured seconds per open-loop row
//   BENCH_SATURATION_SECONDS=10 BENCH_CONNECTIONS=50
//   BENCH_HTTP_ADS=n                                at most n ads ingested over HTTP per size (default: all)
//   BENCH_KEEP=1                                    keeps the data dirs (printed) instead of removing them
//
// Prints Markdown tables and the plans for docs/BENCHMARKS.md; writes nothing. Talks only to 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { createDatabase, APP_ROLE, type Db } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import {
  createJobFeedClient,
  createJobFeedSimulator,
  ingestJobAds,
  searchJobs,
  startJobFeedSimulatorServer,
  type JobFilter,
} from '../src/modules/jobs/index.ts';
import { townByName } from '../src/modules/jobs/jobs.places.ts';
import { freePort, startApp, type AppProcess } from '../test/support/server.ts';

const sizes = (process.env.BENCH_SIZES ?? process.env.BENCH_ADS ?? '100000').split(',').map((s) => Number(s.trim()));
const rate = Number(process.env.BENCH_RATE ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const saturationSeconds = Number(process.env.BENCH_SATURATION_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const httpAds = Number(process.env.BENCH_HTTP_ADS ?? Number.POSITIVE_INFINITY);
const keep = Boolean(process.env.BENCH_KEEP);
if (sizes.some((n) => !Number.isInteger(n) || n < 1000 || n > 8_000_000)) throw new Error('BENCH_ADS / BENCH_SIZES: whole numbers of ads, 1,000 to 8,000,000.');

/** Words that occur in the simulator's ads (titles, occupations, texts): what people type into a job search. */
const queryWords = [
  'lager',
  'lagermedarbejder',
  'truckfører',
  'chauffør',
  'lastbilchauffør',
  'buschauffør',
  'butiksassistent',
  'butik',
  'kassemedarbejder',
  'sundhedshjælper',
  'sundhedsassistent',
  'hjemmepleje',
  'pædagog',
  'pædagogmedhjælper',
  'børn',
  'rengøring',
  'rengøringsassistent',
  'kok',
  'køkken',
  'køkkenmedhjælper',
  'tjener',
  'restaurant',
  'tømrer',
  'elektriker',
  'vvs',
  'maler',
  'murer',
  'smed',
  'produktion',
  'produktionsmedarbejder',
  'slagteri',
  'bager',
  'sygeplejerske',
  'fysioterapeut',
  'tandklinikassistent',
  'supporter',
  'softwareudvikler',
  'udvikler',
  'bogholder',
  'kundeservice',
  'kontorassistent',
  'receptionist',
  'salgskonsulent',
  'landbrug',
  'anlægsgartner',
  'automekaniker',
  'frisør',
  'ejendomsservicetekniker',
  'vagt',
  'lærer',
  'socialrådgiver',
  'kørekort',
];

/** Towns across the country to search from, each with its municipality (the seat's). */
const townNames = [
  'Aalborg',
  'Aarhus',
  'Odense',
  'København',
  'Esbjerg',
  'Vejle',
  'Herning',
  'Randers',
  'Kolding',
  'Horsens',
  'Roskilde',
  'Næstved',
  'Silkeborg',
  'Viborg',
  'Fredericia',
  'Holstebro',
  'Slagelse',
  'Hillerød',
  'Helsingør',
  'Køge',
  'Svendborg',
  'Sønderborg',
  'Hjørring',
  'Holbæk',
  'Frederikshavn',
  'Haderslev',
  'Skive',
  'Thisted',
  'Aabenraa',
  'Rønne',
];
const towns = townNames.map((name) => {
  const town = townByName(name);
  if (!town) throw new Error(`bench/jobs.ts: ${name} is not a town of jobs.places.ts.`);
  return town;
});

const out = (line = '') => process.stdout.write(`${line}\n`);
const quantile = (sorted: number[], q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** mulberry32: the same shuffle every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function ownerUrl(dir: string): string {
  const port = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dir, 'postgres-password.txt'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/jobunivers`;
}

async function ownerClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // The app stops its database at the end; a connection still open then must not take the bench down with it.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const freeTmp = () => {
  const stats = statfsSync(os.tmpdir());
  return stats.bavail * stats.bsize;
};

// ---------------------------------------------------------------------------------------------------------------
// Set-up: ingestion over HTTP, then copies up to the size

type Setup = {
  size: number;
  ingested: number;
  ingestSeconds: number;
  generateSeconds: number;
  expired: number;
  copies: number;
  copySeconds: number;
  tableBytes: number;
  databaseBytes: number;
};

/**
 * The simulator's snapshot of `count` ads, ingested over HTTP by `ingestJobAds` as the app role in pages of 1,000.
 * The simulator is first read through once in this process (its generation time, apart; it also computes its log).
 */
async function ingest(appDb: Db, count: number): Promise<Pick<Setup, 'ingested' | 'ingestSeconds' | 'generateSeconds' | 'expired'>> {
  const simulator = createJobFeedSimulator({ seed: 'bench-jobs', initialAds: count, head: () => count });
  const generateStarted = performance.now();
  let page = simulator.snapshot({ limit: 1000 });
  while (page.naeste !== null) page = simulator.snapshot({ cursor: page.cursor, after: page.naeste, limit: 1000 });
  const generateSeconds = (performance.now() - generateStarted) / 1000;
  const server = await startJobFeedSimulatorServer(simulator);
  try {
    const feed = createJobFeedClient(server.url, 60_000);
    const started = performance.now();
    const run = await ingestJobAds(appDb, feed, { today: copenhagenDate(), pageSize: 1000 });
    const ingestSeconds = (performance.now() - started) / 1000;
    return { ingested: run.adsWritten, ingestSeconds, generateSeconds, expired: run.expired };
  } finally {
    await server.close();
  }
}

/**
 * Fills job_ad up to `size` live ads with copies of the ingested ones, made in PostgreSQL: ids sim-1000001… (beyond
 * the simulator's), the same text, employer, occupation, town and municipality, the position moved up to 1.9 km in a
 * deterministic direction (so within about 4 km of the town's point, as the simulator places ads within 1.9 km of
 * it), published at a deterministic moment of the last 30 days, the deadline today to 39 days on. In batches of
 * 100,000 rows with the migration's indexes in place, as a real table would grow.
 */
async function fillUp(client: pg.Client, size: number): Promise<{ copies: number; seconds: number }> {
  const { rows } = await client.query<{ n: string; base: string }>(
    `select count(*) as n, greatest(1000000, coalesce(max(substr(ad_id, 5)::int), 0)) as base from job_ad where ad_id ~ '^sim-[0-9]{7}$'`,
  );
  const live = Number(rows[0]?.n ?? 0);
  const base = Number(rows[0]?.base ?? 1_000_000);
  const copies = size - live;
  if (copies <= 0) return { copies: 0, seconds: 0 };
  if (base + copies > 9_999_999) throw new Error('bench/jobs.ts: too many copies for seven-digit ids.');
  const started = performance.now();
  await client.query("set maintenance_work_mem = '256MB'");
  // Every column the table has (the module's schema moves on; only these few are named), generated ones left to PostgreSQL.
  const { rows: columnRows } = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns
     where table_schema = current_schema() and table_name = 'job_ad' and is_generated = 'NEVER' and is_identity = 'NO'
     order by ordinal_position`,
  );
  const id = `'sim-' || lpad(($3::int + k)::text, 7, '0')`;
  const made: Record<string, string> = {
    ad_id: id,
    lat: 'p.lat',
    lon: 'p.lon',
    position: 'll_to_earth(p.lat, p.lon)',
    published_at: "date_trunc('second', now() - h.u3 * interval '30 days')",
    deadline: '$4::date + floor(h.u4 * 40)::int',
    url: `'https://job.example.dk/annonce/' || ${id}`,
    first_seen_at: 'now()',
    updated_at: 'now()',
  };
  const columns = columnRows.map((c) => c.name);
  for (const name of ['ad_id', 'lat', 'lon', 'position', 'published_at', 'deadline'])
    if (!columns.includes(name)) throw new Error(`bench/jobs.ts: job_ad has no column ${name} any more.`);
  const copied = columns.filter((c) => !(c in made) || c === 'lat' || c === 'lon');
  await client.query(
    `create temp table bench_source as
     select row_number() over (order by ad_id)::int as i, ${copied.map((c) => client.escapeIdentifier(c)).join(', ')} from job_ad`,
  );
  const batch = 100_000;
  for (let from = 1; from <= copies; from += batch) {
    const to = Math.min(copies, from + batch - 1);
    const batchStarted = performance.now();
    await client.query(
      `insert into job_ad (${columns.map((c) => client.escapeIdentifier(c)).join(', ')})
       select ${columns.map((c) => made[c] ?? `s.${client.escapeIdentifier(c)}`).join(', ')}
       from generate_series($1::int, $2::int) k
       cross join lateral (select (hashint8extended(k, 1) & 2147483647)::float8 / 2147483648 as u1,
                                  (hashint8extended(k, 2) & 2147483647)::float8 / 2147483648 as u2,
                                  (hashint8extended(k, 3) & 2147483647)::float8 / 2147483648 as u3,
                                  (hashint8extended(k, 4) & 2147483647)::float8 / 2147483648 as u4) h
       join bench_source s on s.i = 1 + (k - 1) % $5::int
       cross join lateral (select round((s.lat + 1.9 * sqrt(h.u1) * cos(2 * pi() * h.u2) / 111.32)::numeric, 5)::float8 as lat,
                                  round((s.lon + 1.9 * sqrt(h.u1) * sin(2 * pi() * h.u2) / (111.32 * cos(radians(s.lat))))::numeric, 5)::float8 as lon) p`,
      [from, to, base, copenhagenDate(), live],
    );
    out(`  copies ${from.toLocaleString('en')}–${to.toLocaleString('en')}: ${((performance.now() - batchStarted) / 1000).toFixed(1)} s (load ${load()})`);
  }
  await client.query('drop table bench_source');
  return { copies, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------------------------
// The searches

type Facet = { kind: 'municipality'; code: string } | { kind: 'occupation'; uri: string };
type Search = { q: string; town: string | undefined; facet: Facet | undefined; page?: number };

function apiPath(s: Search): string {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.town) {
    params.set('near', s.town);
    params.set('radiusKm', '50');
    params.set('hours', 'fuldtid');
  }
  if (s.facet?.kind === 'municipality') params.set('municipality', s.facet.code);
  if (s.facet?.kind === 'occupation') params.set('occupation', s.facet.uri);
  if (s.page && s.page > 1) params.set('page', String(s.page));
  return `/api/public/v1/jobs?${params.toString()}`;
}

function pagePath(s: Search): string {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.town) {
    params.set('sted', s.town);
    params.set('afstand', '50');
    params.set('arbejdstid', 'fuldtid');
  }
  if (s.facet?.kind === 'municipality') params.set('kommune', s.facet.code);
  if (s.facet?.kind === 'occupation') params.set('stilling', s.facet.uri);
  if (s.page && s.page > 1) params.set('side', String(s.page));
  return `/job?${params.toString()}`;
}

/**
 * The three mixes. Full: every query word × every town (50 km, full time) with a second facet — the town's own
 * municipality, or the occupation most of the word's ads name — alternately. No text: every town with its
 * municipality or any one occupation. Text only: every word, pages 1–3, the whole country. Each shuffled.
 */
function searches(occupationOf: Map<string, string>, occupations: string[]) {
  const words = queryWords.filter((w) => occupationOf.has(w));
  const full: Search[] = [];
  words.forEach((q, wi) =>
    towns.forEach((town, ti) => {
      const uri = occupationOf.get(q);
      const facet: Facet = (wi + ti) % 2 === 0 || uri === undefined ? { kind: 'municipality', code: town.municipalityCode } : { kind: 'occupation', uri };
      full.push({ q, town: town.name, facet });
    }),
  );
  const noText = towns.flatMap((town): Search[] => [
    { q: '', town: town.name, facet: { kind: 'municipality', code: town.municipalityCode } },
    ...occupations.map((uri): Search => ({ q: '', town: town.name, facet: { kind: 'occupation', uri } })),
  ]);
  const textOnly: Search[] = words.flatMap((q) => [1, 2, 3].map((page) => ({ q, town: undefined, facet: undefined, page })));
  return { full: shuffled(full, 17), noText: shuffled(noText, 18), textOnly: shuffled(textOnly, 19) };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

type Row = {
  name: string;
  combinations: number;
  offered: number;
  /** When more than two seconds' worth of requests were waiting and the row stopped offering (the rate is too high). */
  overloaded: string | undefined;
  answered: number;
  p50: number;
  p95: number;
  p99: number;
  serverP50: number;
  serverP95: number;
  errors: number;
  /** API rows: the median total of matching ads, and how many answers found none (those run the typo correction too). */
  medianTotal?: number;
  zero?: number;
  load: string;
};

/** `paths` in turn at `rate` requests/s for `seconds`, after a quarter as long of warm-up; client and server times. */
async function openLoop(name: string, baseUrl: string, paths: string[], json: boolean): Promise<Row> {
  const target = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  let next = 0;
  const get = (requestPath: string) =>
    new Promise<{ status: number; server: number; total: number | undefined }>((resolve, reject) => {
      const request = http.get({ host: target.hostname, port: target.port, path: requestPath, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => (json ? chunks.push(chunk) : undefined));
        response.on('end', () => {
          const match = /app;dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''));
          let total: number | undefined;
          if (json && response.statusCode === 200) total = (JSON.parse(Buffer.concat(chunks).toString()) as { total: number }).total;
          resolve({ status: response.statusCode ?? 0, server: Number(match?.[1] ?? Number.NaN), total });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  const phase = async (length: number) => {
    const client: number[] = [];
    const server: number[] = [];
    const totals: number[] = [];
    let errors = 0;
    let pending = 0;
    let stoppedAt: number | undefined;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < length * rate; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // More than two seconds' worth of requests unanswered: the app cannot take this rate; offering more only
      // lengthens the queue (and the run). Stop offering and say so.
      if (pending > 2 * rate) {
        stoppedAt = (performance.now() - started) / 1000;
        break;
      }
      pending++;
      inFlight.push(
        get(paths[next++ % paths.length] ?? '/').then(
          (answer) => {
            pending--;
            client.push(performance.now() - due);
            if (answer.status === 200) server.push(answer.server);
            else errors++;
            if (answer.total !== undefined) totals.push(answer.total);
          },
          () => {
            pending--;
            errors++;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    const sort = (values: number[]) => values.sort((a, b) => a - b);
    return { client: sort(client), server: sort(server), totals: sort(totals), errors, stoppedAt };
  };
  const warmup = await phase(Math.max(2, Math.round(seconds / 4)));
  const at = load();
  // After an overloaded warm-up the measured run would only say the same, later: it is skipped.
  const measured = warmup.stoppedAt === undefined ? await phase(seconds) : { ...warmup, stoppedAt: 0 };
  agent.destroy();
  return {
    name,
    combinations: paths.length,
    offered: rate,
    overloaded: measured.stoppedAt === undefined ? undefined : measured.stoppedAt === 0 ? 'in the warm-up' : `after ${measured.stoppedAt.toFixed(1)} s`,
    answered: measured.client.length - measured.errors,
    p50: quantile(measured.client, 0.5),
    p95: quantile(measured.client, 0.95),
    p99: quantile(measured.client, 0.99),
    serverP50: quantile(measured.server, 0.5),
    serverP95: quantile(measured.server, 0.95),
    errors: measured.errors,
    ...(json ? { medianTotal: measured.totals[Math.floor(measured.totals.length / 2)] ?? 0, zero: measured.totals.filter((t) => t === 0).length } : {}),
    load: at,
  };
}

type Saturation = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; load: string };

/** One autocannon run; every response's time goes into `latencies` (autocannon's own summary has no p95). */
function cannon(options: autocannon.Options, latencies: number[] = []): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** `connections` connections kept busy for `saturationSeconds` after 2 s of warm-up, each request the next path. */
async function saturate(name: string, url: string, paths?: string[]): Promise<Saturation> {
  let next = 0;
  const requests = paths ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[next++ % paths.length] ?? '/' }) }] : undefined;
  const options = { url, connections, ...(requests ? { requests } : {}) };
  await cannon({ ...options, duration: 2 });
  const at = load();
  const latencies: number[] = [];
  const result = await cannon({ ...options, duration: saturationSeconds }, latencies);
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95: quantile(latencies, 0.95),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    load: at,
  };
}

/** The bare Fastify hello-world (bench/hello.ts) at saturation: the ceiling the rows' share is of. */
async function hello(): Promise<Saturation> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bench/hello.ts', String(port)], { stdio: 'inherit' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {
        await sleep(100);
      }
    }
    return await saturate('Bare Fastify hello-world (baseline)', `http://127.0.0.1:${port}/`);
  } finally {
    child.kill('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plans

/**
 * The statements a search sends, as the repository compiles them: searchJobs run once through a Kysely that logs
 * every query (as the app role), so the plans are of exactly what the app asks.
 */
async function statementsOf(url: string, filter: JobFilter): Promise<CompiledQuery[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('connect', (client) => void client.query(`set role ${APP_ROLE}`));
  const queries: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  try {
    const now = new Date();
    await searchJobs(db, filter, { now, today: copenhagenDate(now) });
  } finally {
    await db.destroy();
  }
  return queries;
}

async function explain(client: pg.Client, title: string, url: string, filter: JobFilter): Promise<void> {
  const queries = await statementsOf(url, filter);
  const shown = queries.filter((q) => /from job_ad a/.test(q.sql));
  await client.query(`set role ${APP_ROLE}`);
  try {
    for (const query of shown) {
      const which = query.sql.includes('with f as materialized') ? 'countFacets' : 'searchAds';
      // Once to have the pages in memory as under load, then the plan.
      await client.query(query.sql, [...query.parameters]);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]);
      out(`\n#### ${title}: ${which}\n`);
      out('```');
      for (const row of rows) out(row['QUERY PLAN']);
      out('```');
    }
  } finally {
    await client.query('reset role');
  }
}

const filterOf = (s: Search): JobFilter => ({
  query: s.q,
  occupations: s.facet?.kind === 'occupation' ? [s.facet.uri] : [],
  occupationText: '',
  municipalities: s.facet?.kind === 'municipality' ? [s.facet.code] : [],
  place: s.town ?? '',
  radiusKm: s.town ? 50 : undefined,
  hours: s.town ? ['fuldtid'] : [],
  publishedWithinDays: undefined,
  deadlineFrom: undefined,
  sort: 'relevance',
  page: s.page ?? 1,
});

// ---------------------------------------------------------------------------------------------------------------
// A size: set up, measure, explain, clean up

let current: { app: AppProcess; dataDir: string } | undefined;
async function cleanUp(): Promise<void> {
  const running = current;
  current = undefined;
  if (!running) return;
  await running.app.stop();
  if (keep) out(`Kept ${running.dataDir} (BENCH_KEEP).`);
  else rmSync(running.dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    out(`\n${signal}: stopping the app and removing its data dir…`);
    void cleanUp().finally(() => process.exit(130));
  });

async function measureSize(size: number): Promise<{ setup: Setup; rows: Row[]; saturation: Saturation[] }> {
  out(`\n## ${size.toLocaleString('en')} ads — load ${load()}, ${gib(freeTmp())} free in ${os.tmpdir()}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jobunivers-bench-jobs-'));
  const app = await startApp(
    {
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      SIMULATORS_ENABLED: 'true',
      SERVER_TIMING: 'true',
      RATE_LIMIT_API_PER_MINUTE: '100000000',
      RATE_LIMIT_FORMS_PER_MINUTE: '100000000',
    },
    120_000,
  );
  current = { app, dataDir };
  const url = ownerUrl(dataDir);
  const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
  const client = await ownerClient(url);
  try {
    const fromFeed = await ingest(appDb, Math.min(size, httpAds));
    out(
      `Ingested ${fromFeed.ingested.toLocaleString('en')} ads over HTTP in ${fromFeed.ingestSeconds.toFixed(1)} s: ` +
        `${Math.round(fromFeed.ingested / fromFeed.ingestSeconds).toLocaleString('en')} ads/s (the simulator alone generates them at ` +
        `${Math.round(fromFeed.ingested / fromFeed.generateSeconds).toLocaleString('en')} ads/s, ${fromFeed.generateSeconds.toFixed(1)} s); ` +
        `${fromFeed.expired.toLocaleString('en')} past their deadline removed. Load ${load()}.`,
    );
    const filled = await fillUp(client, size);
    if (filled.copies > 0)
      out(
        `Filled up with ${filled.copies.toLocaleString('en')} copies in PostgreSQL in ${filled.seconds.toFixed(1)} s (${Math.round(filled.copies / filled.seconds).toLocaleString('en')} rows/s).`,
      );
    await client.query('vacuum analyze job_ad');
    await client.query('checkpoint');
    const { rows: sizeRows } = await client.query<{ ads: string; table: string; database: string }>(
      `select (select count(*) from job_ad) as ads, pg_total_relation_size('job_ad') as table, pg_database_size(current_database()) as database`,
    );
    const setup: Setup = {
      size,
      ...fromFeed,
      copies: filled.copies,
      copySeconds: filled.seconds,
      tableBytes: Number(sizeRows[0]?.table ?? 0),
      databaseBytes: Number(sizeRows[0]?.database ?? 0),
    };
    out(
      `job_ad holds ${Number(sizeRows[0]?.ads ?? 0).toLocaleString('en')} ads, ${gib(setup.tableBytes)} with its indexes; the database ${gib(setup.databaseBytes)}; ` +
        `${gib(freeTmp())} free in ${os.tmpdir()}.`,
    );

    // Each word's commonest occupation (the second facet of half the searches) and how many ads it matches.
    const { rows: wordRows } = await client.query<{ word: string; ads: string; esco_uri: string | null }>(
      `select w.word, m.ads, m.esco_uri
       from unnest($1::text[]) w(word)
       cross join lateral (select count(*) as ads, mode() within group (order by esco_uri) as esco_uri
                           from job_ad a where a.search @@ websearch_to_tsquery('danish', w.word)) m`,
      [queryWords],
    );
    const missing = wordRows.filter((r) => r.esco_uri === null).map((r) => r.word);
    if (missing.length > 0) out(`Words no ad has (left out): ${missing.join(', ')}.`);
    out(`Ads per query word: ${wordRows.map((r) => `${r.word} ${Number(r.ads).toLocaleString('en')}`).join(', ')}.`);
    const occupationOf = new Map(wordRows.filter((r) => r.esco_uri !== null).map((r) => [r.word, r.esco_uri ?? '']));
    const { rows: occupationRows } = await client.query<{ esco_uri: string }>('select esco_uri from job_occupation order by esco_uri');
    const mixes = searches(
      occupationOf,
      occupationRows.map((r) => r.esco_uri),
    );

    const label = `${size.toLocaleString('en')} ads`;
    const rows: Row[] = [];
    rows.push(await openLoop(`API, text + 50 km + full time + municipality or occupation (${label})`, app.baseUrl, mixes.full.map(apiPath), true));
    rows.push(await openLoop(`Page \`/job\`, text + 50 km + full time + municipality or occupation (${label})`, app.baseUrl, mixes.full.map(pagePath), false));
    rows.push(await openLoop(`API, no text: 50 km + full time + municipality or occupation (${label})`, app.baseUrl, mixes.noText.map(apiPath), true));
    rows.push(await openLoop(`API, text only, the whole country, pages 1–3 (${label})`, app.baseUrl, mixes.textOnly.map(apiPath), true));
    const saturation: Saturation[] = [await hello()];
    saturation.push(await saturate(`API, text + 50 km + two facets (${label})`, app.baseUrl, mixes.full.map(apiPath)));
    saturation.push(await saturate(`Page \`/job\`, text + 50 km + two facets (${label})`, app.baseUrl, mixes.full.map(pagePath)));

    // A typical search of the full mix, and one each without text and with text only.
    const typical = mixes.full.find((s) => s.q === 'lager' && s.town === 'Aarhus') ?? mixes.full[0];
    const typicalNoText = mixes.noText.find((s) => s.town === 'Aarhus' && s.facet?.kind === 'municipality') ?? mixes.noText[0];
    const typicalText = mixes.textOnly.find((s) => s.q === 'lager' && s.page === 1) ?? mixes.textOnly[0];
    out(`\n### Plans at ${label}`);
    if (typical) await explain(client, `${apiPath(typical)}`, url, filterOf(typical));
    if (typicalNoText) await explain(client, `${apiPath(typicalNoText)}`, url, filterOf(typicalNoText));
    if (typicalText) await explain(client, `${apiPath(typicalText)}`, url, filterOf(typicalText));
    return { setup, rows, saturation };
  } finally {
    await client.end().catch(() => undefined);
    await appDb.destroy();
    await cleanUp();
  }
}

// ---------------------------------------------------------------------------------------------------------------

out(
  `Job search bench: sizes ${sizes.map((s) => s.toLocaleString('en')).join(', ')}; ${rate} req/s offered for ${seconds} s per open-loop row; saturation ${connections} connections for ${saturationSeconds} s.`,
);
out(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}.`,
);
const results = [];
for (const size of sizes.sort((a, b) => a - b)) results.push(await measureSize(size));

const fmt = (n: number) => n.toLocaleString('en');
out('\n### Tables\n');
out('| Size | ingested over HTTP | ingestion ads/s | simulator alone ads/s | past deadline removed | copies made in PostgreSQL | job_ad with indexes |');
out('|---|---:|---:|---:|---:|---:|---:|');
for (const { setup: s } of results)
  out(
    `| ${fmt(s.size)} | ${fmt(s.ingested)} in ${s.ingestSeconds.toFixed(1)} s | ${fmt(Math.round(s.ingested / s.ingestSeconds))} | ${fmt(Math.round(s.ingested / s.generateSeconds))} | ` +
      `${fmt(s.expired)} | ${fmt(s.copies)}${s.copies > 0 ? ` in ${s.copySeconds.toFixed(0)} s` : ''} | ${gib(s.tableBytes)} |`,
  );
out();
out(
  '| Search (offered rate, open loop) | combinations | req/s offered | answered | p50 ms | p95 ms | p99 ms | server p50 ms | server p95 ms | median matches | none found | errors | load | overloaded |',
);
out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
for (const { rows } of results)
  for (const r of rows)
    out(
      `| ${r.name} | ${fmt(r.combinations)} | ${r.offered} | ${fmt(r.answered)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.serverP50} | ${r.serverP95} | ` +
        `${r.medianTotal === undefined ? '–' : fmt(r.medianTotal)} | ${r.zero === undefined ? '–' : fmt(r.zero)} | ${r.errors} | ${r.load} | ${r.overloaded ?? 'no'} |`,
    );
out();
out(`| At saturation (${connections} connections) | req/s | p50 ms | p95 ms | p99 ms | of hello-world | errors | load |`);
out('|---|---:|---:|---:|---:|---:|---:|---|');
for (const { saturation } of results) {
  const baseline = saturation[0]?.rps ?? 1;
  for (const r of saturation)
    out(
      `| ${r.name} | ${fmt(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${((r.rps / baseline) * 100).toFixed(r.rps / baseline < 0.1 ? 2 : 1)} % | ${r.errors} | ${r.load} |`,
    );
}
process.exit(0);
