// The one cache (cache.ts): values loaded once and shared, and — after markStale — the stale value answered at once
// while its newer one loads, once, in the background (the statistics' dashboards between two rollup runs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { LoadingCache } from './cache.ts';

function counter() {
  let loads = 0;
  let fail = false;
  return {
    load: () => {
      loads++;
      return fail ? Promise.reject(new Error('down')) : Promise.resolve(`value ${loads}`);
    },
    get loads() {
      return loads;
    },
    failing(on: boolean) {
      fail = on;
    },
  };
}

test('a value is loaded once and shared; off, every call loads', async () => {
  const cache = new LoadingCache({ ttlMs: 60_000, maxEntries: 10 });
  const source = counter();
  assert.equal(await cache.remember('k', source.load), 'value 1');
  assert.equal(await cache.remember('k', source.load), 'value 2', 'off until switched on');
  cache.setEnabled(true);
  const [a, b] = await Promise.all([cache.remember('k', source.load), cache.remember('k', source.load)]);
  assert.deepEqual([a, b, source.loads], ['value 3', 'value 3', 3]);
});

test('after markStale the stale value is answered at once and its newer one is loaded once, in the background', async () => {
  const cache = new LoadingCache({ ttlMs: 60_000, maxEntries: 10 });
  cache.setEnabled(true);
  const source = counter();
  assert.equal(await cache.remember('k', source.load), 'value 1');
  cache.markStale();
  const [first, second] = await Promise.all([cache.remember('k', source.load), cache.remember('k', source.load)]);
  assert.deepEqual([first, second], ['value 1', 'value 1'], 'both get the stale value without waiting');
  await tick();
  assert.equal(source.loads, 2, 'one reload for both');
  assert.equal(await cache.remember('k', source.load), 'value 2', 'then the new value');
  assert.equal(source.loads, 2);
});

test('a failed reload keeps the stale value and is tried again by the next caller; clear still forgets', async () => {
  const cache = new LoadingCache({ ttlMs: 60_000, maxEntries: 10 });
  cache.setEnabled(true);
  const source = counter();
  await cache.remember('k', source.load);
  cache.markStale();
  source.failing(true);
  assert.equal(await cache.remember('k', source.load), 'value 1');
  await tick();
  source.failing(false);
  assert.equal(await cache.remember('k', source.load), 'value 1', 'still the stale one while the second reload runs');
  await tick();
  assert.equal(await cache.remember('k', source.load), 'value 3');
  cache.clear();
  assert.equal(await cache.remember('k', source.load), 'value 4', 'forgotten values load again, waiting');
});
