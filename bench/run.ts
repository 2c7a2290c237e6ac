// `npm run bench`: measures, in one run on this machine, the bare Fastify baseline and the platform's
// scenarios, and writes the figures with their ratio to the baseline to docs/BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { freePort, startApp } from '../test/support/server.ts';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

type Scenario = { name: string; url: string; headers?: Record<string, string> };
type Figures = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function measure(scenario: Scenario): Promise<Figures> {
  // A short warm-up so the JIT and the pool are settled before the measured run.
  await autocannon({ url: scenario.url, connections, duration: 2, headers: scenario.headers });
  const result = await autocannon({ url: scenario.url, connections, duration, headers: scenario.headers });
  return {
    name: scenario.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function startHello(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/hello.ts', String(port)], { stdio: 'inherit' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      await sleep(100);
    }
  }
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

const results: Figures[] = [];
const hello = await startHello();
results.push(await measure({ name: 'Bare Fastify hello-world (baseline)', url: hello.url }));
hello.stop();

const app = await startApp({
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'jobunivers-bench-')),
  NODE_ENV: 'production',
  COOKIE_SECRET: 'bench-only-secret-bench-only-secret-000',
  SEED_DEMO: 'true',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_API_PER_MINUTE: '100000000',
});
try {
  results.push(await measure({ name: 'Landing page `/` (server-rendered, DKFDS shell)', url: `${app.baseUrl}/` }));
  results.push(await measure({ name: 'Municipality page `/kommuner/101` (database read per request)', url: `${app.baseUrl}/kommuner/101` }));
  results.push(await measure({ name: 'API `GET /api/municipalities?limit=25`', url: `${app.baseUrl}/api/municipalities?limit=25` }));
} finally {
  await app.stop();
}

const baseline = results[0]!.rps;
const rows = results.map(
  (r) => `| ${r.name} | ${r.rps.toLocaleString('en')} | ${r.p50} | ${r.p99} | ${((r.rps / baseline) * 100).toFixed(0)} % | ${r.errors + r.non2xx} |`,
);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const report = `# Benchmarks

Measured by \`npm run bench\` (bench/run.ts): autocannon, ${connections} connections, ${duration} s per scenario after a
2 s warm-up, every scenario in the same run on the same machine, so the ratio to the bare Fastify baseline is what
to compare between runs and machines. The app runs as in production (\`NODE_ENV=production\`, log level warn) on
its embedded PostgreSQL; autocannon runs on the same machine and takes CPU from it.

- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}
- Node.js ${process.version}

| Scenario | req/s | p50 ms | p99 ms | of baseline | errors |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

Targets (PRODUCT.md §5) apply to later scenarios: the citizen marketplace page at ≥ 30 % of the baseline with p99
under 50 ms. The landing page is the first page measured against that bar.
`;
writeFileSync('docs/BENCHMARKS.md', report);
process.stdout.write(`${report}\n`);
process.exit(0);
