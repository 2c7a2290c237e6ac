// Bench scenario: the vendor Data API's profile read (GET /api/vendor/v1/citizen/profile) at 50 connections, each
// request with its own DPoP proof (RFC 9449: a proof is good for one request — the app refuses a jti seen before).
// Target: p99 < 20 ms on two cores with PostgreSQL on the same machine.
//
// Proofs are signed before the run (ES256 with node:crypto, a distinct jti each, iat = when signed, well inside the
// app's five-minute window), so autocannon spends its CPU sending requests, not signing; should the pool run dry the
// remaining proofs are signed as the requests are sent. The lead wires `benchVendorData` into bench/run.ts, e.g.
//
//   const credentials = () => vendorDataCredentials(dataDir);
//   measured.push(await benchVendorData({ baseUrl: app.baseUrl, credentials }));
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/platform/config.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { loadConsentRequest, recordConsent } from '../src/modules/consent/index.ts';
import { insertVendorAccessToken } from '../test/support/dpop.ts';
import { createApprovedListing, createCitizen } from '../test/support/factories.ts';

/** A DPoP key as the bench signs with it: node:crypto keys (synchronous signing) and the public JWK's thumbprint. */
export type BenchDpopKey = { privateKey: KeyObject; publicJwk: Record<string, string>; jkt: string };

export type VendorDataCredentials = { token: string; key: BenchDpopKey };

export type VendorDataFigures = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

const PROFILE_PATH = '/api/vendor/v1/citizen/profile';

/** A new ES256 DPoP key. */
export function createBenchDpopKey(): BenchDpopKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const publicJwk = { kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) };
  // RFC 7638: the required members in lexicographic order, no spaces.
  const jkt = createHash('sha256')
    .update(JSON.stringify({ crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y }))
    .digest('base64url');
  return { privateKey, publicJwk, jkt };
}

/** One DPoP proof (typ dpop+jwt, ES256, the key in the header), signed synchronously. */
export function signProof(key: BenchDpopKey, claims: { htm: string; htu: string; ath: string }): string {
  const header = Buffer.from(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ ...claims, jti: randomUUID(), iat: Math.floor(Date.now() / 1000) })).toString('base64url');
  const input = `${header}.${payload}`;
  const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${input}.${signature}`;
}

/**
 * Fixtures as the tests make them, in the bench app's embedded database (DATA_DIR `dataDir`), as its owner: a live
 * listing asking for the profile, a citizen of København who accepted it through the consent module, and an access
 * token bound to a new DPoP key stored as the OpenID Provider stores one.
 */
export async function vendorDataCredentials(dataDir: string): Promise<VendorDataCredentials> {
  const port = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = readFileSync(path.join(dataDir, 'postgres-password.txt'), 'utf8').trim();
  const { db } = createDatabase({ url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/jobunivers`, poolMax: 2 });
  try {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const listing = await createApprovedListing(db, {
      name: 'Benchmark-tjenesten',
      redirectUris: ['https://bench.example/callback'],
      dataCategories: [{ category: 'profile', purpose: 'At tiltale dig med dit navn' }],
      enabledIn: ['101'],
    });
    const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Bente Bench Jørgensen' });
    await recordConsent({ db, config }, await loadConsentRequest(db, { citizenId: citizen.id, municipalityCode: '101', listingId: listing.listingId }), {
      decision: 'accepted',
      locale: 'da',
    });
    const key = createBenchDpopKey();
    const token = await insertVendorAccessToken(db, {
      citizenId: citizen.id,
      listingId: listing.listingId,
      categories: ['profile'],
      jkt: key.jkt,
      municipality: { code: '101', name: 'København' },
      expiresIn: 3600,
    });
    return { token, key };
  } finally {
    await db.destroy();
  }
}

/**
 * Runs autocannon against the profile read with a fresh DPoP proof per request: a short warm-up, then the measured
 * run. Returns req/s and latency p50, p95 (from every response's time; autocannon's summary has none) and p99, in ms.
 */
export async function benchVendorData(options: {
  baseUrl: string;
  credentials: () => Promise<VendorDataCredentials>;
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  /** How many proofs to sign before the run; the default allows 8,000 req/s throughout. */
  pooledProofs?: number;
}): Promise<VendorDataFigures> {
  const connections = options.connections ?? 50;
  const duration = options.durationSeconds ?? 10;
  const warmup = options.warmupSeconds ?? 2;
  const { token, key } = await options.credentials();
  const url = `${options.baseUrl.replace(/\/$/, '')}${PROFILE_PATH}`;
  const claims = { htm: 'GET', htu: url, ath: createHash('sha256').update(token).digest('base64url') };

  const check = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: signProof(key, claims) } });
  if (!check.ok) throw new Error(`the profile read is refused before the bench starts: ${check.status} ${await check.text()}`);

  const pool = Array.from({ length: options.pooledProofs ?? (duration + warmup) * 8000 }, () => signProof(key, claims));
  let next = 0;
  const proof = () => (next < pool.length ? (pool[next++] as string) : signProof(key, claims));
  const base: autocannon.Options = {
    url,
    connections,
    headers: { authorization: `DPoP ${token}` },
    requests: [{ method: 'GET', setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, dpop: proof() } }) }],
  };
  await run({ ...base, duration: warmup });
  const latencies: number[] = [];
  const result = await run({ ...base, duration }, latencies);
  latencies.sort((a, b) => a - b);
  const p95 = Math.round((latencies[Math.min(latencies.length - 1, Math.floor(0.95 * latencies.length))] ?? 0) * 10) / 10;
  return {
    name: `Data API \`GET ${PROFILE_PATH}\` (DPoP-bound token, a fresh proof per request; consent checked and Min Log written per read)`,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function run(options: autocannon.Options, latencies: number[] = []): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
