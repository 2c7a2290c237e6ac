import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort, spawnApp, startApp } from './support/server.ts';
import { temporaryFolder } from './support/temporary.ts';

async function failedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const started = spawnApp({ DATA_DIR: temporaryFolder('jobunivers-bad-'), ...env });
  const code = await started.exited;
  return { code, output: started.output() };
}

for (const [name, env, expected] of [
  ['a port that is not a number', { PORT: 'abc' }, 'Jobunivers cannot start: PORT="abc" must be a port number between 0 and 65535.'],
  [
    'an unreachable DATABASE_URL',
    { DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/jobunivers' },
    'Jobunivers cannot start: Cannot reach the database at DATABASE_URL=postgres://app:***@127.0.0.1:1/jobunivers: nothing is listening there (connection refused).',
  ],
] as const) {
  test(`start-up with ${name} stops with one plain sentence`, async () => {
    const { code, output } = await failedStart(env);
    assert.equal(code, 1);
    assert.equal(output.trim(), expected);
  });
}

test('start-up with a DATA_DIR that cannot be written stops with one plain sentence', async () => {
  const file = path.join(temporaryFolder('jobunivers-bad-'), 'plain-file');
  writeFileSync(file, '');
  const { code, output } = await failedStart({ DATA_DIR: path.join(file, 'data') });
  assert.equal(code, 1);
  assert.equal(output.trim(), `Jobunivers cannot start: DATA_DIR=${path.join(file, 'data')} is not a writable folder; choose a folder this user may write to.`);
});

/** Runs a query on the embedded server of a DATA_DIR (port and password read from the folder). */
async function queryEmbedded<T>(dataDir: string, text: string, values: unknown[]): Promise<T[]> {
  const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3];
  const password = readFileSync(path.join(dataDir, 'postgres-password.txt'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: Number(port), user: 'postgres', password, database: 'jobunivers' });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function countStoredReports(dataDir: string, reference: string): Promise<number> {
  const [row] = await queryEmbedded<{ n: number }>(dataDir, 'select count(*)::int as n from accessibility_feedback where reference = $1', [reference]);
  return row?.n ?? 0;
}

async function submitReport(baseUrl: string): Promise<string> {
  const form = await fetch(`${baseUrl}/tilgaengelighed`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const sent = await fetch(`${baseUrl}/tilgaengelighed`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, description: 'Fokus forsvinder i menuen på mobil' }),
  });
  assert.equal(sent.status, 303);
  return /TG-[A-Z0-9-]+/.exec(sent.headers.get('location') ?? '')?.[0] ?? '';
}

test('the embedded database keeps data across a clean stop and recovers by itself after kill -9', async () => {
  const dataDir = temporaryFolder('jobunivers-life-');
  const env = { DATA_DIR: dataDir };

  const first = await startApp(env);
  const reference = await submitReport(first.baseUrl);
  assert.equal(await first.stop('SIGTERM'), 0, 'SIGTERM ends the app cleanly');
  assert.equal(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), false, 'the embedded database was stopped too');

  const second = await startApp(env);
  assert.equal(await countStoredReports(dataDir, reference), 1, 'data survived the restart');
  const stops = await queryEmbedded<{ message: string }>(dataDir, "select message from ops_log where kind = 'app.stopped'", []);
  assert.deepEqual(
    stops.map((s) => s.message),
    ['Stopped (SIGTERM).'],
    'the database outlived the HTTP server during shutdown',
  );
  await second.stop('SIGKILL');
  assert.equal(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), true, 'kill -9 leaves the database running');

  const third = await startApp(env);
  assert.equal(await countStoredReports(dataDir, reference), 1, 'data survived kill -9');
  const landing = await fetch(`${third.baseUrl}/`);
  assert.equal(landing.status, 200);
  assert.equal(await third.stop('SIGTERM'), 0);
});

test('Ctrl-C in a terminal (SIGINT to the whole process group) stops the app cleanly, with no warning or error logged', async () => {
  const dataDir = temporaryFolder('jobunivers-ctrlc-');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // As a shell runs `npm start` in the foreground: the app leads a process group that Ctrl-C signals as a whole.
  const child = spawn(process.execPath, ['src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      REFERENCE_VENDOR_PORT: 'off',
      DEMO_HISTORY: 'false',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let ready = false, tries = 0; !ready && tries < 600; tries++) {
    ready = await fetch(`${baseUrl}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (!ready) await sleep(100);
  }
  process.kill(-(child.pid ?? 0), 'SIGINT');
  await exited;
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
  assert.ok(
    lines.some((line) => line.msg === 'stopped'),
    output.slice(-2000),
  );
  const loud = output.split('\n').filter((line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= 40);
  assert.deepEqual(
    lines.filter((line) => line.level >= 40).map((line) => line.msg),
    [],
    `no warning or error at a clean stop; logged:\n${loud.join('\n')}`,
  );
  const stops = await startApp({ DATA_DIR: dataDir }).then(async (again) => {
    const rows = await queryEmbedded<{ message: string }>(dataDir, "select message from ops_log where kind = 'app.stopped'", []);
    await again.stop('SIGTERM');
    return rows;
  });
  assert.deepEqual(
    stops.map((s) => s.message),
    ['Stopped (SIGINT).'],
    'the database outlived the app’s own shutdown',
  );
});
