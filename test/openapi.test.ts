import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { createTestApp } from './support/app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const { app } = await createTestApp({ seed: false });

type Operation = { operationId?: string; security?: unknown; tags?: string[] };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };

const response = await app.inject({ url: '/api/openapi.json' });
const document = response.json<Document>();
const operations = Object.entries(document.paths).flatMap(([url, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
    .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${url}`, operation })),
);

test('the document is served and describes operations', () => {
  assert.equal(response.statusCode, 200);
  assert.ok(operations.length >= 20, `only ${operations.length} operations`);
});

test('every $ref in the OpenAPI document resolves inside it', () => {
  const refs = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') refs.add(child);
      else collect(child);
    }
  };
  collect(document);
  assert.ok(refs.has('#/components/schemas/Problem'), 'error answers refer to the shared Problem schema');
  const unresolved = [...refs].filter((ref) => {
    if (!ref.startsWith('#/')) return true;
    let node: unknown = document;
    for (const part of ref.slice(2).split('/')) {
      const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    return node === undefined;
  });
  assert.deepEqual(unresolved, []);
});

test('every operation has a unique operationId, a tag, and says how it is authorised (an empty list when public)', () => {
  const missing = operations.filter(({ operation }) => !operation.operationId || !Array.isArray(operation.security) || !operation.tags?.length);
  assert.deepEqual(
    missing.map((o) => o.name),
    [],
  );
  const ids = operations.map(({ operation }) => operation.operationId);
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  const publicOnes = operations.filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0).map((o) => o.name);
  assert.deepEqual(publicOnes.sort(), [
    'GET /api/municipalities',
    'GET /api/municipalities/{code}',
    'GET /api/public/v1/catalogue/feed',
    'GET /api/public/v1/event-types',
    'GET /api/public/v1/event-types/{type}',
    'GET /api/public/v1/jobs',
    'GET /api/public/v1/jobs/occupations',
    'GET /api/public/v1/jobs/{adId}',
    'GET /api/public/v1/statistics',
    'POST /api/municipality/v1/token',
    'POST /api/public/v1/job-agents/unsubscribe/{token}',
    'POST /api/public/v1/notifications/unsubscribe/{token}',
    'POST /api/vendor/v1/token',
  ]);
});

test('Redocly CLI lints the document with the recommended rules (redocly.yaml): no errors, no warnings', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jobunivers-openapi-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, response.body);
  const cli = path.join(root, 'node_modules', '.bin', 'redocly');
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  // It exits non-zero when it finds errors; the JSON report says which either way.
  const { stdout } = await run(cli, ['lint', file, '--config', path.join(root, 'redocly.yaml'), '--format=json'], { env, cwd: dir }).catch(
    (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
  const report = JSON.parse(stdout) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
  };
  const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
  assert.equal(report.totals.errors, 0, problems.join('\n'));
  assert.equal(report.totals.warnings, 0, problems.join('\n'));
});
