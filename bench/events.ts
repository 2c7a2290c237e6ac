// Bench scenarios of issue 15: activity events from a vendor's service and the citizen's timeline.
//
// - Ingest at saturation: batches of 100 CloudEvents (application/cloudevents-batch+json) from one vendor API client
//   about 1,000 citizens who launched its listing, every event a fresh id, as fast as the app answers. What counts is
//   events accepted durably: a 200 whose every item says `accepted` (the app answers only after its commit).
//   Target ≥ 10,000 events/s on two cores.
//   Measured against one app process, and against two on the one database with the connections split between them
//   (the platform runs as several processes behind a load balancer; one Node process uses one core at most).
// - Ingest at a fixed offered rate (open loop, a paced client: a batch every 20 ms): 5,000 events/s = 50 batches of
//   100 a second. Target p99 < 100 ms.
// - A signed-in citizen's timeline /borger/tidslinje with 5,000 events from the vendor, at a fixed 500 req/s.
//   Target p95 < 30 ms.
//
// Fixtures are made as the tests make them, in the bench app's embedded database as its owner: the listing and its
// vendor (test/support/factories.ts), the API client through the vendors module's own service, the citizens through
// the database function a sign-in uses, the launches as the marketplace writes them; the events themselves arrive
// through the API.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDatabase, type Db } from '../src/platform/db/database.ts';
import { createApiClient } from '../src/modules/vendors/vendors.credentials.ts';
import { createApprovedListing, principalFor } from '../test/support/factories.ts';

export type EventFigures = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

/** What the ingest scenarios report beyond the table's row. */
export type IngestFigures = EventFigures & { batchesPerSecond: number; eventsPerSecond: number; partial: number; connections: number; offered?: number };

export type EventsSetup = {
  baseUrl: string;
  listingId: string;
  vendorId: string;
  /** The launchers' pairwise subs, in turn. */
  subjects: string[];
  /** A fresh bearer token (they live ten minutes). */
  token: () => Promise<string>;
  db: Db;
  dataDir: string;
  close: () => Promise<void>;
};

const BATCH = 'application/cloudevents-batch+json';
const EVENTS_PATH = '/api/vendor/v1/events';
export const BATCH_SIZE = 100;

function ownerDb(dataDir: string): Db {
  const port = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dataDir, 'postgres-password.txt'), 'utf8').trim();
  return createDatabase({ url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/jobunivers`, poolMax: 2 }).db;
}

/**
 * A vendor with a live listing enabled in København, an API client of the vendor (its id and secret exchanged at the
 * token endpoint as a vendor's service does), and `citizens` citizens of København who launched the listing.
 */
export async function prepareEvents(dataDir: string, baseUrl: string, citizens = 1000): Promise<EventsSetup> {
  const db = ownerDb(dataDir);
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const listing = await createApprovedListing(db, {
    name: 'Benchmark-forløbet',
    redirectUris: ['https://bench.example/callback'],
    enabledIn: ['101'],
  });
  const vendor = await db.selectFrom('vendor').select(['cvr', 'name']).where('id', '=', listing.vendorId).executeTakeFirstOrThrow();
  const admin = { ...principalFor('vendor_admin'), vendor: { cvr: vendor.cvr, name: vendor.name } };
  const client = await createApiClient(db, admin, { name: 'Benchmark' });
  if (!client.created) throw new Error('the bench API client was not created');
  const { clientId, clientSecret } = client.created;
  // Synthetic CPR numbers with day 61+ (no real person's), as the test persons have.
  const { rows } = await sql<{ id: string }>`
    select record_citizen_sign_in(gen_random_uuid()::text, '6' || lpad((n % 10)::text, 1, '0') || lpad(n::text, 8, '0'),
                                  'Bench Borger ' || n, '101') as id
      from generate_series(1, ${citizens}::int) n`.execute(db);
  const ids = rows.map((r) => r.id);
  await sql`insert into listing_launch (citizen_id, municipality_code, listing_id, version, outcome)
            select id, '101', ${listing.listingId}::uuid, 1, 'launched' from unnest(${ids}::uuid[]) id`.execute(db);
  await sql`analyze`.execute(db);
  const token = async () => {
    const response = await fetch(`${baseUrl}/api/vendor/v1/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (!response.ok) throw new Error(`no bench token: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  return {
    baseUrl,
    listingId: listing.listingId,
    vendorId: listing.vendorId,
    subjects: ids.map((id) => pairwiseSubject(config, listing.vendorId, id)),
    token,
    db,
    dataDir,
    close: () => db.destroy(),
  };
}

/**
 * The type and data of the n-th event: in each hundred one start, one certificate, one application, one meeting and
 * one completion, the rest progress — as a course reports (many progress steps, each activity started and completed
 * once). A completion also records an outbound `activity.completed` for the municipality in the same transaction.
 */
function eventOf(n: number): [string, string] {
  switch (n % 100) {
    case 0:
      return ['started', '{}'];
    case 25:
      return ['certificate-issued', '{"title":"Truckcertifikat B","issuer":"Benchmark-forløbet"}'];
    case 50:
      return ['application-sent', `{"jobTitle":"Lagermedarbejder ${n}","employer":"Dansk Lager A/S","appliedOn":"2027-03-01"}`];
    case 75:
      return ['meeting-held', '{"employer":"Dansk Lager A/S","heldOn":"2027-03-02","kind":"job-interview"}'];
    case 99:
      return ['completed', `{"score":${n % 97}}`];
    default:
      return ['progress', `{"percent":${n % 101}}`];
  }
}

/**
 * Batches of CloudEvents, each event with a fresh id: `subject()` names the citizen and `time()` when it happened.
 * Written as text (not JSON.stringify of objects) so the load generator spends its CPU sending.
 */
function batchMaker(listingId: string, subject: () => string, time: () => string) {
  const source = `/listings/${listingId}`;
  let n = 0;
  return (size = BATCH_SIZE): string => {
    const parts: string[] = [];
    for (let i = 0; i < size; i++, n++) {
      const [type, data] = eventOf(n);
      parts.push(
        `{"specversion":"1.0","id":"${randomUUID()}","source":"${source}","type":"dk.jobunivers.activity.${type}","subject":"${subject()}",` +
          `"time":"${time()}","datacontenttype":"application/json","data":${data}}`,
      );
    }
    return `[${parts.join(',')}]`;
  };
}

const accepted = (body: string) => body.split('"status":"accepted"').length - 1;

/** Posts one batch and throws unless every item was accepted (the bench refuses to measure a misconfigured app). */
async function postBatch(baseUrl: string, token: string, body: string, size: number): Promise<void> {
  const response = await fetch(`${baseUrl}${EVENTS_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': BATCH },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || accepted(text) !== size) throw new Error(`a bench batch was not accepted: ${response.status} ${text.slice(0, 600)}`);
}

function run(options: autocannon.Options, latencies: number[] = []): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

const quantile = (sorted: number[], q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;

/**
 * A fresh token and a maker of batches about the setup's citizens in turn, after one batch sent first: the listing's
 * launchers are mapped to their subs on the first miss, and a refusal stops the bench here.
 */
async function startIngest(setup: EventsSetup): Promise<{ token: string; makeBatch: (size?: number) => string }> {
  const token = await setup.token();
  let turn = 0;
  const makeBatch = batchMaker(
    setup.listingId,
    () => setup.subjects[turn++ % setup.subjects.length] ?? '',
    () => new Date().toISOString(),
  );
  await postBatch(setup.baseUrl, token, makeBatch(), BATCH_SIZE);
  return { token, makeBatch };
}

/**
 * Ingest of batches of 100 at `connections` (closed loop: saturation), against one app process or several (`baseUrls`).
 * The events/s counted are those of answers 200 with every item accepted, over the measured seconds.
 */
export async function benchIngest(
  setup: EventsSetup,
  options: { name: string; connections: number; durationSeconds: number; warmupSeconds?: number; baseUrls?: readonly string[] },
): Promise<IngestFigures> {
  const { token, makeBatch } = await startIngest(setup);
  let acceptedEvents = 0;
  let partial = 0;
  const base: autocannon.Options = {
    url: `${setup.baseUrl}${EVENTS_PATH}`,
    connections: options.connections,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': BATCH },
        setupRequest: (request: autocannon.Request) => ({ ...request, body: makeBatch() }),
        onResponse: (status: number, body: string) => {
          const n = status === 200 ? accepted(body) : 0;
          if (n === BATCH_SIZE) acceptedEvents += n;
          else partial++;
        },
      },
    ],
  };
  // Several app processes (`baseUrls`): the connections split evenly between them, as a load balancer in front would.
  const urls = options.baseUrls ?? [setup.baseUrl];
  const each = Math.max(1, Math.round(options.connections / urls.length));
  const all = (duration: number, latencies?: number[]) =>
    Promise.all(urls.map((u) => run({ ...base, url: `${u}${EVENTS_PATH}`, connections: each, duration }, latencies)));
  await all(options.warmupSeconds ?? 2);
  acceptedEvents = 0;
  partial = 0;
  const latencies: number[] = [];
  const results = await all(options.durationSeconds, latencies);
  latencies.sort((a, b) => a - b);
  const eventsPerSecond = Math.round(acceptedEvents / options.durationSeconds);
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    name: options.name,
    rps: eventsPerSecond,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    batchesPerSecond: Math.round(sum((r) => r.requests.average)),
    eventsPerSecond,
    partial,
    connections: each * urls.length,
  };
}

/**
 * Ingest at a fixed offered rate, paced: one batch every 1/`batchesPerSecond` s on a keep-alive agent, sent on time
 * whatever the answers take (open loop), each latency counted from when its batch was due (so a late send counts
 * against the app too). autocannon's overallRate gives every connection its own timer, all started together: its
 * connections fire in bursts (50 batches at once, once a second), which measures the burst, not the rate.
 */
export async function benchIngestPaced(
  setup: EventsSetup,
  options: { name: string; batchesPerSecond: number; durationSeconds: number; warmupSeconds?: number },
): Promise<IngestFigures> {
  const { token, makeBatch } = await startIngest(setup);
  const url = new URL(`${setup.baseUrl}${EVENTS_PATH}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const send = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': BATCH } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const phase = async (seconds: number) => {
    const latencies: number[] = [];
    let acceptedEvents = 0;
    let partial = 0;
    let errors = 0;
    const interval = 1000 / options.batchesPerSecond;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < seconds * options.batchesPerSecond; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(
        send(makeBatch()).then(
          ({ status, text }) => {
            latencies.push(performance.now() - due);
            if (status === 200 && accepted(text) === BATCH_SIZE) acceptedEvents += BATCH_SIZE;
            else partial++;
          },
          () => void errors++,
        ),
      );
    }
    await Promise.all(inFlight);
    return { latencies: latencies.sort((a, b) => a - b), acceptedEvents, partial, errors, seconds: (performance.now() - started) / 1000 };
  };
  try {
    await phase(options.warmupSeconds ?? 2);
    const measured = await phase(options.durationSeconds);
    const eventsPerSecond = Math.round(measured.acceptedEvents / measured.seconds);
    return {
      name: options.name,
      rps: eventsPerSecond,
      p50: quantile(measured.latencies, 0.5),
      p95: quantile(measured.latencies, 0.95),
      p99: quantile(measured.latencies, 0.99),
      errors: measured.errors,
      non2xx: 0,
      batchesPerSecond: Math.round(measured.latencies.length / measured.seconds),
      eventsPerSecond,
      partial: measured.partial,
      connections: 0,
      offered: options.batchesPerSecond * BATCH_SIZE,
    };
  } finally {
    agent.destroy();
  }
}

/**
 * The signed-in citizen (`personUuid`, as the test IdP signs them in) launches the bench listing and the vendor reports
 * `count` events about them through the API, in batches of 100, one a minute back in time.
 */
export async function prepareTimeline(setup: EventsSetup, personUuid: string, count = 5000): Promise<void> {
  const citizen = await setup.db.selectFrom('citizen').select(['id', 'municipality_code']).where('person_uuid', '=', personUuid).executeTakeFirstOrThrow();
  await sql`insert into listing_launch (citizen_id, municipality_code, listing_id, version, outcome)
            values (${citizen.id}::uuid, ${citizen.municipality_code}, ${setup.listingId}::uuid, 1, 'launched')`.execute(setup.db);
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: setup.dataDir, LOG_LEVEL: 'warn' });
  const subject = pairwiseSubject(config, setup.vendorId, citizen.id);
  const token = await setup.token();
  const start = Date.now() - count * 60_000;
  let i = 0;
  const makeBatch = batchMaker(
    setup.listingId,
    () => subject,
    () => new Date(start + i++ * 60_000).toISOString(),
  );
  for (let sent = 0; sent < count; sent += BATCH_SIZE) {
    const size = Math.min(BATCH_SIZE, count - sent);
    await postBatch(setup.baseUrl, token, makeBatch(size), size);
  }
  await sql`vacuum analyze activity_event`.execute(setup.db);
}

/**
 * Every page of the citizen's timeline, followed through its "more" links from the first (unfiltered and each type
 * filter), as paths: with 5,000 events some 400 different pages, far more than the 16 the app keeps rendered per
 * citizen, so a request for each in turn is never answered from the app's cache.
 */
export async function timelinePages(baseUrl: string, cookie: string, filters: readonly string[] = ['', 'service', 'job-search']): Promise<string[]> {
  const paths: string[] = [];
  for (const type of filters) {
    let path: string | undefined = `/borger/tidslinje${type ? `?type=${type}` : ''}`;
    while (path) {
      paths.push(path);
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`a timeline page answered ${response.status}: ${path}`);
      path = /<a class="button button-secondary" href="(\/borger\/tidslinje[^"]*cursor=[^"]+)">/.exec(body)?.[1]?.replaceAll('&amp;', '&');
    }
  }
  return paths;
}

/**
 * The timeline at a fixed offered rate (open loop) with the citizen's session cookie: the first page again and again
 * (what the app keeps rendered answers), or with `paths` each request the next of them in turn (uncached).
 */
export async function benchTimeline(
  baseUrl: string,
  cookie: string,
  options: { name: string; rate: number; connections: number; durationSeconds: number; warmupSeconds?: number; paths?: readonly string[] },
): Promise<EventFigures> {
  const url = `${baseUrl}/borger/tidslinje`;
  const check = await fetch(url, { headers: { cookie } });
  const page = await check.text();
  if (check.status !== 200 || !page.includes('cursor=')) throw new Error(`the timeline is not a full first page before the bench: ${check.status}`);
  const paths = options.paths;
  let turn = 0;
  const requests = paths
    ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[turn++ % paths.length] ?? '/borger/tidslinje' }) }]
    : undefined;
  const base: autocannon.Options = { url, connections: options.connections, overallRate: options.rate, headers: { cookie }, ...(requests ? { requests } : {}) };
  await run({ ...base, duration: options.warmupSeconds ?? 2 });
  const latencies: number[] = [];
  const result = await run({ ...base, duration: options.durationSeconds }, latencies);
  latencies.sort((a, b) => a - b);
  return {
    name: options.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95: quantile(latencies, 0.95),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
