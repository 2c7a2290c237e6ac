// The open statistics' suppression, proved on the tables themselves: for hand-made adversarial tables and many random
// ones, everything published (shown cells as known values; every row, column and grand total as an equation over the
// cells) is written as a linear system, and for each hidden figure the test checks that no linear combination of the
// equations isolates it — its unit vector is not in the row space of the system restricted to the hidden figures
// (Gaussian elimination over exact rationals). No published figure stands for 1–4 citizens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SUPPRESSION_THRESHOLD, suppressSmallCells, suppressTable, type SuppressedTable } from '../src/modules/statistics/statistics.suppression.ts';

type Rational = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const make = (n: bigint, d: bigint): Rational => {
  if (n === 0n) return { n: 0n, d: 1n };
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return { n: n / g, d: d / g };
};
const sub = (a: Rational, b: Rational) => make(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Rational, b: Rational) => make(a.n * b.n, a.d * b.d);
const div = (a: Rational, b: Rational) => make(a.n * b.d, a.d * b.n);
const isZero = (a: Rational) => a.n === 0n;

/** The reduced row echelon form of a matrix (rows of rationals), with its pivot column per row. */
function reduce(matrix: Rational[][], width: number): { rows: Rational[][]; pivots: number[] } {
  const rows = matrix.map((row) => [...row]);
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    const p = rows.findIndex((row, index) => index >= r && !isZero(row[c] as Rational));
    if (p === -1) continue;
    [rows[r], rows[p]] = [rows[p] as Rational[], rows[r] as Rational[]];
    const pivotRow = rows[r] as Rational[];
    const pivot = pivotRow[c] as Rational;
    for (let k = 0; k < width; k++) pivotRow[k] = div(pivotRow[k] as Rational, pivot);
    for (let other = 0; other < rows.length; other++) {
      const row = rows[other] as Rational[];
      if (other === r || isZero(row[c] as Rational)) continue;
      const factor = row[c] as Rational;
      for (let k = 0; k < width; k++) row[k] = sub(row[k] as Rational, mul(factor, pivotRow[k] as Rational));
    }
    pivots.push(c);
    r++;
  }
  return { rows: rows.slice(0, r), pivots };
}

type Figure = { kind: 'cell' | 'row' | 'column' | 'total'; i: number; j: number; value: number | null };

/** Every figure of a published table; the hidden ones (value null) are the unknowns. */
function figuresOf(table: SuppressedTable): Figure[] {
  return [
    ...table.cells.flatMap((row, i) => row.map((value, j) => ({ kind: 'cell' as const, i, j, value }))),
    ...table.rowTotals.map((value, i) => ({ kind: 'row' as const, i, j: -1, value })),
    ...table.columnTotals.map((value, j) => ({ kind: 'column' as const, i: -1, j, value })),
    { kind: 'total' as const, i: -1, j: -1, value: table.total },
  ];
}

/**
 * The published linear relations as rows over all figures (coefficient per figure): cells of a row minus its total,
 * cells of a column minus its total, row totals minus the grand total, column totals minus the grand total.
 */
function relationsOf(figures: Figure[], rows: number, columns: number): number[][] {
  const index = (kind: Figure['kind'], i: number, j: number) => figures.findIndex((f) => f.kind === kind && f.i === i && f.j === j);
  const relation = (terms: [number, number][]) => {
    const row = new Array<number>(figures.length).fill(0);
    for (const [at, coefficient] of terms) row[at] = coefficient;
    return row;
  };
  const relations: number[][] = [];
  for (let i = 0; i < rows; i++)
    relations.push(relation([...Array.from({ length: columns }, (_, j) => [index('cell', i, j), 1] as [number, number]), [index('row', i, -1), -1]]));
  for (let j = 0; j < columns; j++)
    relations.push(relation([...Array.from({ length: rows }, (_, i) => [index('cell', i, j), 1] as [number, number]), [index('column', -1, j), -1]]));
  relations.push(relation([...Array.from({ length: rows }, (_, i) => [index('row', i, -1), 1] as [number, number]), [index('total', -1, -1), -1]]));
  relations.push(relation([...Array.from({ length: columns }, (_, j) => [index('column', -1, j), 1] as [number, number]), [index('total', -1, -1), -1]]));
  return relations;
}

/** The hidden figures that the published ones determine exactly: an empty list is the proof of protection. */
function determinedHiddenFigures(figures: Figure[], relations: number[][]): Figure[] {
  const unknowns = figures.map((f, at) => ({ f, at })).filter(({ f }) => f.value === null);
  if (unknowns.length === 0) return [];
  const restricted = relations.map((relation) => unknowns.map(({ at }) => make(BigInt(relation[at] ?? 0), 1n)));
  const { rows, pivots } = reduce(restricted, unknowns.length);
  // Unknown k is determined exactly when the reduced system has the row e_k: a pivot with nothing else in its row.
  return unknowns
    .filter((_, k) => {
      const r = pivots.indexOf(k);
      return r !== -1 && (rows[r] as Rational[]).every((value, c) => c === k || isZero(value));
    })
    .map(({ f }) => f);
}

function check(cells: number[][], table = suppressTable(cells)): Figure[] {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const figures = figuresOf(table);
  for (const figure of figures)
    assert.ok(figure.value === null || figure.value === 0 || figure.value >= SUPPRESSION_THRESHOLD, `published ${figure.value} for ${JSON.stringify(cells)}`);
  // What is shown is true: cells as they are, totals computed from the true cells.
  cells.forEach((row, i) => row.forEach((value, j) => assert.ok([null, value].includes(table.cells[i]?.[j] ?? null))));
  cells.forEach((row, i) => assert.ok([null, row.reduce((s, v) => s + v, 0)].includes(table.rowTotals[i] ?? null)));
  return determinedHiddenFigures(figures, relationsOf(figures, rows, columns));
}

/** A small deterministic generator (mulberry32), so a failing table can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const adversarial: Record<string, number[][]> = {
  'a row with one small cell': [
    [3, 10, 12],
    [8, 9, 20],
    [11, 7, 6],
  ],
  'a 2×2 with one small cell': [
    [2, 7],
    [9, 11],
  ],
  'a small cell beside zeros': [
    [4, 0, 0],
    [0, 9, 12],
  ],
  'one row': [[1, 6, 8, 30]],
  'one column': [[2], [40], [7]],
  'a total below five': [
    [1, 2],
    [0, 1],
  ],
  'two small cells in one row': [
    [1, 2, 40],
    [30, 25, 19],
  ],
  'small cells on the diagonal': [
    [1, 20, 20, 20],
    [20, 2, 20, 20],
    [20, 20, 3, 20],
    [20, 20, 20, 4],
  ],
  // The discretion rule alone (no row or column with exactly one hidden figure) leaves a hidden cell determined here:
  // two groups of hidden cells joined by one cell, which the cycle step then protects.
  'where the line rule alone leaves a bridge': [
    [1, 39, 43, 13, 2, 0, 8],
    [42, 16, 44, 0, 1, 4, 1],
    [1, 0, 15, 2, 0, 12, 0],
    [16, 38, 0, 37, 34, 3, 4],
    [4, 15, 35, 24, 22, 9, 34],
    [0, 0, 0, 37, 35, 19, 5],
    [30, 32, 2, 1, 37, 10, 15],
  ],
  'nothing small': [
    [5, 6],
    [7, 8],
  ],
};

describe('suppression leaves no hidden figure determined by what is published', () => {
  for (const [name, cells] of Object.entries(adversarial)) {
    test(name, () => assert.deepEqual(check(cells), []));
  }

  test('500 random tables up to 7 × 7, many small cells and zeros', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const rows = 1 + Math.floor(next() * 7);
      const columns = 1 + Math.floor(next() * 7);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const draw = next();
          if (draw < 0.2) return 0;
          if (draw < 0.55) return 1 + Math.floor(next() * 4);
          return 5 + Math.floor(next() * 40);
        }),
      );
      assert.deepEqual(check(cells), [], `seed ${seed}: ${JSON.stringify(cells)}`);
    }
  });

  test('the same table always gets the same pattern', () => {
    const cells = adversarial['small cells on the diagonal'] ?? [];
    assert.deepEqual(suppressTable(cells), suppressTable(cells.map((row) => [...row])));
  });
});

test('the check is not blind: primary suppression alone lets it recover the hidden cells', () => {
  const determined = check(adversarial['a 2×2 with one small cell'] ?? [], suppressTable(adversarial['a 2×2 with one small cell'] ?? [], { secondary: false }));
  assert.deepEqual(
    determined.map((f) => [f.kind, f.i, f.j]),
    [['cell', 0, 0]],
  );
  const oneRow = adversarial['a row with one small cell'] ?? [];
  assert.ok(check(oneRow, suppressTable(oneRow, { secondary: false })).length > 0);
});

test('the vendor table, published without totals, adds no relation: its hidden cells stay free beside the municipality table', () => {
  const municipalities = adversarial['a row with one small cell'] ?? [];
  const table = suppressTable(municipalities);
  const vendors = suppressSmallCells([3, 12, 0, 7, 1]);
  assert.deepEqual(vendors, [null, 12, 0, 7, null]);
  // The two tables share no margin, so the joint system is the municipality table's relations with the vendor
  // figures as further unknowns that no relation mentions.
  const figures = [...figuresOf(table), ...vendors.map((value, j) => ({ kind: 'cell' as const, i: 1000, j, value }))];
  const relations = relationsOf(figuresOf(table), municipalities.length, municipalities[0]?.length ?? 0).map((row) => [...row, ...vendors.map(() => 0)]);
  assert.deepEqual(determinedHiddenFigures(figures, relations), []);
});
