// `npm run bench:caseworker`: the caseworker's pages (issue 18) on a generated world. A fresh app on its embedded
// PostgreSQL (demo world, SERVER_TIMING=true) gets BENCH_THREADS citizens of København (default 20,000) — each with a
// profile (target group and stage), half with a plan, one in 50 with an escalation waiting, one in 10 assigned to the
// bench's caseworker — and one thread each to its jobcenter with BENCH_MESSAGES messages (default 4, alternating citizen
// and staff, every tenth thread with a 200 kB PDF attachment), written in SQL as the database owner. Then each page is
// requested at a fixed offered rate (open loop: a request is due every 1/rate s whatever the answers take; latency
// counted from when it was due), the app's own time read from Server-Timing:
// - the caseload (/medarbejder/borgere): the caseworker's own, the whole team's, the team's filtered by target group
//   and unread messages, the team's sorted by the longest-waiting escalation, and a page far into the team's list;
// - the caseworker's thread page, every request another thread (each read writes the citizen's Min Log and the team's
//   read mark, as it does in use);
// - the citizen's own thread page (marks it read);
// - the team inbox (all threads; the unread-only filter).
//
//   BENCH_THREADS=20000 BENCH_MESSAGES=4 BENCH_RATE=50 BENCH_SECONDS=20 BENCH_KEEP=1 BENCH_ONLY=caseload|messages
//
// Prints a Markdown table for docs/BENCHMARKS.md; talks only to 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { createSession, principalFor } from '../test/support/factories.ts';
import { startApp } from '../test/support/server.ts';

const threads = Number(process.env.BENCH_THREADS ?? 20_000);
const messagesPerThread = Number(process.env.BENCH_MESSAGES ?? 4);
const rate = Number(process.env.BENCH_RATE ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
if (!Number.isInteger(threads) || threads < 100 || threads > 1_000_000) throw new Error('BENCH_THREADS: 100 to 1,000,000.');

function ownerUrl(dir: string): string {
  const port = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dir, 'postgres-password.txt'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/jobunivers`;
}

const quantile = (sorted: number[], q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;

type Row = { name: string; offered: number; answered: number; p50: number; p95: number; p99: number; serverP50: number; serverP95: number; errors: number };

/** A page at `rate` requests/s for `seconds`, after a quarter as long of warm-up; `pathOf(i)` names the i-th request's page. */
async function paced(name: string, baseUrl: string, pathOf: (i: number) => string, cookie: string): Promise<Row> {
  const target = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const get = (requestPath: string) =>
    new Promise<{ status: number; server: number }>((resolve, reject) => {
      const request = http.get({ host: target.hostname, port: target.port, path: requestPath, agent, headers: { cookie, accept: 'text/html' } }, (response) => {
        response.resume();
        response.on('end', () => {
          const match = /app;dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''));
          resolve({ status: response.statusCode ?? 0, server: Number(match?.[1] ?? Number.NaN) });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  const first = await get(pathOf(0));
  if (first.status !== 200) throw new Error(`${name}: ${pathOf(0)} answered ${first.status}`);
  let next = 1;
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
        get(pathOf(next++)).then(
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
    serverP50: quantile(measured.server, 0.5),
    serverP95: quantile(measured.server, 0.95),
    errors: measured.errors,
  };
}

const only = process.env.BENCH_ONLY;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jobunivers-bench-caseworker-'));
const app = await startApp(
  { DATA_DIR: dataDir, NODE_ENV: 'development', SEED_DEMO: 'true', DEMO_HISTORY: 'false', LOG_LEVEL: 'warn', SERVER_TIMING: 'true' },
  120_000,
);
const { db } = createDatabase({ url: ownerUrl(dataDir), poolMax: 2 });
const caseworkerPrincipal = { ...principalFor('caseworker', { municipalityCode: '101' }), name: 'Bench Sagsbehandler' };
try {
  const started = performance.now();
  // Citizens of København, each with one thread to its jobcenter and its messages; every tenth with an attachment.
  await sql`select record_citizen_sign_in(gen_random_uuid()::text, lpad((3000000000 + i)::text, 10, '0'), 'Bench Borger ' || i, '101')
              from generate_series(1, ${threads}) i`.execute(db);
  await sql`insert into message_thread (citizen_id, municipality_code, organisation_id, subject, created_at, last_message_at, expected_answer_by)
            select c.id, '101', 'kommune-101', 'Spørgsmål nr. ' || row_number() over (), now() - interval '3 days', now() - interval '3 days', now() - interval '1 day'
              from citizen c where c.full_name like 'Bench Borger %'`.execute(db);
  await sql`insert into message (thread_id, citizen_id, organisation_id, author, author_subject, author_name, body, created_at)
            select t.id, t.citizen_id, t.organisation_id, case when m % 2 = 1 then 'citizen' else 'staff' end, 'bench-subject',
                   case when m % 2 = 1 then 'Bench Borger' else 'Bench Sagsbehandler' end,
                   repeat('Dette er en besked om jobsøgning og aftaler. ', 12), t.created_at + m * interval '1 hour'
              from message_thread t cross join generate_series(1, ${messagesPerThread}) m`.execute(db);
  await sql`update message_thread t set last_message_at = t.created_at + ${messagesPerThread} * interval '1 hour',
              last_citizen_message_at = t.created_at + ${messagesPerThread - (messagesPerThread % 2 === 0 ? 1 : 0)} * interval '1 hour',
              last_staff_message_at = case when ${messagesPerThread} >= 2 then t.created_at + ${messagesPerThread - (messagesPerThread % 2)} * interval '1 hour' end,
              status = case when ${messagesPerThread % 2} = 0 then 'answered' else 'open' end`.execute(db);
  await sql`insert into message_attachment (message_id, thread_id, citizen_id, organisation_id, file_name, content_type, size_bytes, content)
            select m.id, m.thread_id, m.citizen_id, m.organisation_id, 'bilag.pdf', 'application/pdf', 204800,
                   convert_to('%PDF-1.4 ', 'UTF8') || decode(repeat('00', 204791), 'hex')
              from (select distinct on (thread_id) id, thread_id, citizen_id, organisation_id from message order by thread_id, created_at) m
             where abs(hashtext(m.thread_id::text)) % 10 = 0`.execute(db);
  // The caseload's facts: a profile for everyone, a plan for half (a quarter of those quiet for 40 days), an escalation
  // waiting for one in 50, and one in 10 assigned to the bench's caseworker.
  await sql`insert into citizen_profile (citizen_id, municipality_code, journey_stage, target_group, screened_at)
            select c.id, '101', (array['clarify', 'search', 'upskill'])[1 + abs(hashtext(c.id::text)) % 3],
                   (select code from taxonomy_term where taxonomy = 'target_group' order by code offset abs(hashtext(c.id::text || 'g')) % 3 limit 1), now()
              from citizen c where c.full_name like 'Bench Borger %'`.execute(db);
  await sql`insert into plan_activity (citizen_id, municipality_code, source, title, created_by, created_by_name, created_at, updated_at)
            select c.id, '101', 'assigned', 'Jobsamtale', 'bench', 'Bench',
                   now() - case when abs(hashtext(c.id::text || 'q')) % 4 = 0 then interval '40 days' else interval '2 days' end,
                   now() - case when abs(hashtext(c.id::text || 'q')) % 4 = 0 then interval '40 days' else interval '2 days' end
              from citizen c where c.full_name like 'Bench Borger %' and abs(hashtext(c.id::text || 'p')) % 2 = 0`.execute(db);
  await sql`insert into escalation (citizen_id, municipality_code, reasons, contact_by, created_at)
            select c.id, '101', array['wants_contact'], current_date + 2, now() - (abs(hashtext(c.id::text)) % 20) * interval '1 day'
              from citizen c where c.full_name like 'Bench Borger %' and abs(hashtext(c.id::text || 'e')) % 50 = 0`.execute(db);
  await sql`insert into citizen_caseworker (organisation_id, citizen_id, caseworker_subject, caseworker_name)
            select 'kommune-101', c.id, ${caseworkerPrincipal.subject}, 'Bench Sagsbehandler'
              from citizen c where c.full_name like 'Bench Borger %' and abs(hashtext(c.id::text || 'a')) % 10 = 0`.execute(db);
  await sql`vacuum analyze message_thread, message, message_attachment, citizen, citizen_profile, plan_activity, escalation, citizen_caseworker`.execute(db);
  const setup = (performance.now() - started) / 1000;

  const ids = (
    await sql<{ id: string; citizen_id: string }>`select id, citizen_id from message_thread where organisation_id = 'kommune-101' order by id`.execute(db)
  ).rows;
  const caseworker = await createSession(db, caseworkerPrincipal);
  const one = ids[Math.floor(ids.length / 2)];
  if (!one) throw new Error('no threads');
  const citizen = await createSession(db, { ...principalFor('citizen', { municipalityCode: '101', citizenId: one.citizen_id }), name: 'Bench Borger' });
  const cookie = (token: string) => `jobunivers-session=${token}`;
  // Threads in a shuffled order, so that the requests do not walk the index.
  const order = ids.map((row) => row.id).sort(() => Math.random() - 0.5);

  const rows: Row[] = [];
  const targetGroup =
    (await sql<{ code: string }>`select code from taxonomy_term where taxonomy = 'target_group' order by code limit 1`.execute(db)).rows[0]?.code ?? '';
  if (only !== 'messages') {
    const caseload = (query: string) => () => `/medarbejder/borgere${query}`;
    rows.push(await paced('Caseload: the caseworker’s own (2,000), first page', app.baseUrl, caseload(''), cookie(caseworker)));
    rows.push(await paced('Caseload: the whole team (20,000), first page', app.baseUrl, caseload('?vis=team'), cookie(caseworker)));
    rows.push(
      await paced(
        'Caseload: the team, one target group, unread messages',
        app.baseUrl,
        caseload(`?vis=team&maalgruppe=${targetGroup}&ulaest=1`),
        cookie(caseworker),
      ),
    );
    rows.push(await paced('Caseload: the team, longest-waiting escalation first', app.baseUrl, caseload('?vis=team&sort=henvendelse'), cookie(caseworker)));
    rows.push(await paced('Caseload: the team, no activity for 30 days', app.baseUrl, caseload('?vis=team&inaktiv=1'), cookie(caseworker)));
    rows.push(await paced('Caseload: the team, page 400', app.baseUrl, caseload('?vis=team&side=400'), cookie(caseworker)));
  }
  if (only !== 'caseload') {
    rows.push(
      await paced(
        'Caseworker’s thread page (another thread each request)',
        app.baseUrl,
        (i) => `/medarbejder/beskeder/${order[i % order.length]}`,
        cookie(caseworker),
      ),
    );
    rows.push(await paced('Citizen’s own thread page', app.baseUrl, () => `/borger/beskeder/${one.id}`, cookie(citizen)));
    rows.push(await paced('Team inbox, all threads, first page', app.baseUrl, () => '/medarbejder/beskeder?vis=all', cookie(caseworker)));
    rows.push(await paced('Team inbox, unread only', app.baseUrl, () => '/medarbejder/beskeder?vis=all&ulaest=1', cookie(caseworker)));
  }

  const out = (line = '') => process.stdout.write(`${line}\n`);
  out();
  out(`${threads.toLocaleString('en')} citizens of København, each with a thread of ${messagesPerThread} messages (set up in ${setup.toFixed(0)} s).`);
  out();
  out('| Page (offered rate, open loop) | req/s offered | answered | p50 ms | p95 ms | p99 ms | server p50 ms | server p95 ms | errors |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) out(`| ${r.name} | ${r.offered} | ${r.answered} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.serverP50} | ${r.serverP95} | ${r.errors} |`);
} finally {
  await db.destroy();
  await app.stop();
  if (!process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
}
