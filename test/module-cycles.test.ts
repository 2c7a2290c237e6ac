// Modules may depend on each other only one way (docs/ARCHITECTURE.md): a cycle between modules means neither can
// be understood, tested or moved without the other. The graph is built from the source itself — every import,
// `export … from` and dynamic import between different src/modules/<module>/ folders, type-only ones included — so
// the check cannot drift from the code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const modulesDir = path.resolve(import.meta.dirname, '../src/modules');

type Graph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** The module a file belongs to, or undefined outside src/modules. */
function moduleOf(file: string): string | undefined {
  const relative = path.relative(modulesDir, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length > 0 ? first : undefined;
}

const specifierPatterns = [/\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

/** Module → module it imports → the files (relative to src/modules) that make the edge. */
function moduleGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(modulesDir)) {
    const from = moduleOf(file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const text = readFileSync(file, 'utf8');
    for (const pattern of specifierPatterns) {
      for (const match of text.matchAll(pattern)) {
        const specifier = match[1] ?? '';
        if (!specifier.startsWith('.')) continue;
        const to = moduleOf(path.resolve(path.dirname(file), specifier));
        if (!to || to === from) continue;
        const edges = graph.get(from) ?? new Map<string, string[]>();
        graph.set(from, edges);
        edges.set(to, [...(edges.get(to) ?? []), path.relative(modulesDir, file)]);
      }
    }
  }
  return graph;
}

/** Every elementary cycle's smallest representative, as a path that ends where it starts (a → b → a). */
function cyclesIn(edges: ReadonlyMap<string, Iterable<string>>): string[][] {
  const found = new Map<string, string[]>();
  const nodes = [...edges.keys()].sort();
  // Cycles are searched from each node through nodes sorted after it only, so each cycle is found once, from its least node.
  for (const start of nodes) {
    const walk = (node: string, trail: string[]) => {
      for (const next of [...(edges.get(node) ?? [])].sort()) {
        if (next === start) {
          const cycle = [...trail, start];
          found.set(cycle.join(' → '), cycle);
        } else if (next > start && !trail.includes(next)) {
          walk(next, [...trail, next]);
        }
      }
    };
    walk(start, [start]);
  }
  return [...found.values()];
}

test('the cycle finder finds direct and longer cycles and nothing in a one-way graph', () => {
  assert.deepEqual(
    cyclesIn(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', []],
      ]),
    ),
    [],
  );
  assert.deepEqual(
    cyclesIn(
      new Map([
        ['a', ['b']],
        ['b', ['a']],
      ]),
    ),
    [['a', 'b', 'a']],
  );
  assert.deepEqual(
    cyclesIn(
      new Map([
        ['b', ['c']],
        ['c', ['a']],
        ['a', ['b']],
        ['d', ['a']],
      ]),
    ),
    [['a', 'b', 'c', 'a']],
  );
});

test('the import graph between modules is read from the source', () => {
  const graph = moduleGraph();
  // Known one-way edges: if these are not seen, the graph is not being read and the next test proves nothing.
  assert.ok(graph.get('listings')?.has('vendors'), 'listings imports vendors');
  assert.ok(graph.get('marketplace')?.has('curation'), 'marketplace imports curation');
  assert.ok(graph.get('sso')?.has('consent'), 'sso imports consent (the consent screen)');
});

test('no two modules depend on each other, directly or round a longer cycle', () => {
  const graph = moduleGraph();
  const cycles = cyclesIn(new Map([...graph].map(([from, edges]) => [from, [...edges.keys()]])));
  const described = cycles.map((cycle) => {
    const via = cycle.slice(0, -1).map((from, i) => `  ${from} → ${cycle[i + 1]}: ${(graph.get(from)?.get(cycle[i + 1] ?? '') ?? []).join(', ')}`);
    return [cycle.join(' → '), ...via].join('\n');
  });
  assert.deepEqual(described, [], `module cycles:\n${described.join('\n')}`);
});
