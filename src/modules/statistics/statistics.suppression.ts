// Small-cell suppression for the open statistics, in the manner of Statistics Denmark's discretion rules: no figure
// from fewer than SUPPRESSION_THRESHOLD citizens is published (primary suppression), and in a table published with
// its row, column and grand totals enough other cells are hidden that no hidden cell can be worked out from what is
// published (secondary suppression). Pure functions: the same table always gets the same pattern, so asking twice
// never shows two different patterns of one table (two patterns together could give a cell away).

/** The smallest number of citizens a published figure may stand for; 1 to THRESHOLD − 1 is hidden, 0 is shown. */
export const SUPPRESSION_THRESHOLD = 5;

/** A published figure: the number, or null where it is hidden. */
export type Published = number | null;

/** A table as published: its cells, row totals, column totals and grand total, each a number or null (hidden). */
export type SuppressedTable = {
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  total: Published;
};

const isSmall = (value: number) => value > 0 && value < SUPPRESSION_THRESHOLD;

/** Primary suppression of figures published without totals (nothing to difference them against). */
export function suppressSmallCells(values: readonly number[]): Published[] {
  return values.map((value) => (isSmall(value) ? null : value));
}

/**
 * The table with its totals (computed from the true cells) and its hidden figures: primary suppression, then — unless
 * `secondary` is false, which only the proof test asks for to show its check catches the difference — secondary.
 * Throws on a ragged table or a negative or fractional count.
 */
export function suppressTable(cells: readonly (readonly number[])[], options: { secondary?: boolean } = {}): SuppressedTable {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  for (const row of cells) {
    if (row.length !== columns) throw new Error('suppressTable: every row needs the same number of cells');
    for (const value of row) if (!Number.isInteger(value) || value < 0) throw new Error('suppressTable: counts are whole numbers ≥ 0');
  }
  // The table with its margins as one (rows + 1) × (columns + 1) grid: the last row and column are the totals.
  const grid = cells.map((row) => [...row, row.reduce((sum, value) => sum + value, 0)]);
  const totalsRow = Array.from({ length: columns + 1 }, (_, j) => grid.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  grid.push(totalsRow);
  const hidden = grid.map((row) => row.map(isSmall));
  if (options.secondary !== false && rows > 0 && columns > 0) suppressSecondary(grid, hidden);
  const shown = grid.map((row, i) => row.map((value, j) => (hidden[i]?.[j] ? null : value)));
  return {
    cells: shown.slice(0, rows).map((row) => row.slice(0, columns)),
    rowTotals: shown.slice(0, rows).map((row) => row[columns] ?? null),
    columnTotals: (shown[rows] ?? []).slice(0, columns),
    total: shown[rows]?.[columns] ?? null,
  };
}

type Cell = { i: number; j: number };

/**
 * Hides further cells until no hidden cell is determined by the table's linear relations (each row and each column of
 * the grid sums to its total). Seen as a bipartite graph — grid rows and columns as nodes, hidden cells as edges — a
 * hidden cell is determined exactly when its edge lies on no cycle (a bridge). First the discretion rule: a row or
 * column with exactly one hidden figure gets its smallest other figure hidden, until there is none. That rule alone
 * can leave a bridge between two such groups, so each bridge left gets a cell hidden that closes a cycle through it.
 */
function suppressSecondary(grid: number[][], hidden: boolean[][]): void {
  for (;;) {
    applyLineRule(grid, hidden);
    const bridge = firstBridge(hidden);
    if (!bridge) return;
    hide(hidden, closeCycle(grid, hidden, bridge));
  }
}

function hide(hidden: boolean[][], cell: Cell): void {
  const row = hidden[cell.i];
  if (row) row[cell.j] = true;
}

/**
 * Which figure to hide next, of the candidates: an inner cell before a total, one with citizens before a zero (a
 * hidden zero protects little), the smallest, then the first in the grid (so the pattern is always the same).
 */
function pickComplement(grid: number[][], candidates: Cell[]): Cell {
  const lastRow = grid.length - 1;
  const lastColumn = (grid[0]?.length ?? 1) - 1;
  const key = (c: Cell) => {
    const value = grid[c.i]?.[c.j] ?? 0;
    return [c.i === lastRow || c.j === lastColumn ? 1 : 0, value === 0 ? 1 : 0, value, c.i, c.j];
  };
  const best = candidates
    .map((cell) => ({ cell, key: key(cell) }))
    .reduce((a, b) => {
      for (let k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return (a.key[k] ?? 0) < (b.key[k] ?? 0) ? a : b;
      return a;
    });
  return best.cell;
}

function applyLineRule(grid: number[][], hidden: boolean[][]): void {
  const height = grid.length;
  const width = grid[0]?.length ?? 0;
  // Every row and every column, each as its cells.
  const lines = [
    ...Array.from({ length: height }, (_, i) => Array.from({ length: width }, (_, j) => ({ i, j }))),
    ...Array.from({ length: width }, (_, j) => Array.from({ length: height }, (_, i) => ({ i, j }))),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((c) => hidden[c.i]?.[c.j]).length !== 1) continue;
      hide(
        hidden,
        pickComplement(
          grid,
          line.filter((c) => !hidden[c.i]?.[c.j]),
        ),
      );
      changed = true;
    }
  }
}

/** Nodes 0..height-1 are the grid's rows, height..height+width-1 its columns; edges are the hidden cells. */
function graphOf(hidden: boolean[][]) {
  const height = hidden.length;
  const width = hidden[0]?.length ?? 0;
  const edges: Cell[] = [];
  const adjacent: { node: number; edge: number }[][] = Array.from({ length: height + width }, () => []);
  for (let i = 0; i < height; i++)
    for (let j = 0; j < width; j++)
      if (hidden[i]?.[j]) {
        const edge = edges.push({ i, j }) - 1;
        adjacent[i]?.push({ node: height + j, edge });
        adjacent[height + j]?.push({ node: i, edge });
      }
  return { height, edges, adjacent };
}

/** The first hidden cell (in grid order) that lies on no cycle of hidden cells, by Tarjan's bridge search. */
function firstBridge(hidden: boolean[][]): Cell | undefined {
  const { edges, adjacent } = graphOf(hidden);
  const order = new Array<number>(adjacent.length).fill(-1);
  const low = new Array<number>(adjacent.length).fill(0);
  const bridges = new Set<number>();
  let counter = 0;
  const visit = (node: number, viaEdge: number) => {
    order[node] = low[node] = counter++;
    for (const next of adjacent[node] ?? []) {
      if (next.edge === viaEdge) continue;
      if (order[next.node] === -1) {
        visit(next.node, next.edge);
        low[node] = Math.min(low[node] ?? 0, low[next.node] ?? 0);
        if ((low[next.node] ?? 0) > (order[node] ?? 0)) bridges.add(next.edge);
      } else low[node] = Math.min(low[node] ?? 0, order[next.node] ?? 0);
    }
  };
  for (let node = 0; node < adjacent.length; node++) if (order[node] === -1) visit(node, -1);
  const first = [...bridges].sort((a, b) => a - b)[0];
  return first === undefined ? undefined : edges[first];
}

/**
 * A shown cell whose hiding puts the bridge on a cycle: without the bridge, its row's side A and its column's side B
 * fall apart, so any cell joining a row of B to a column of A does. The line rule left both ends with another hidden
 * cell, so such a cell exists and none of them is hidden (else the bridge would be on a cycle already).
 */
function closeCycle(grid: number[][], hidden: boolean[][], bridge: Cell): Cell {
  const { height, adjacent, edges } = graphOf(hidden);
  const bridgeEdge = edges.findIndex((e) => e.i === bridge.i && e.j === bridge.j);
  const side = (start: number) => {
    const seen = new Set([start]);
    const queue = [start];
    for (let node = queue.shift(); node !== undefined; node = queue.shift())
      for (const next of adjacent[node] ?? [])
        if (next.edge !== bridgeEdge && !seen.has(next.node)) {
          seen.add(next.node);
          queue.push(next.node);
        }
    return seen;
  };
  const a = side(bridge.i);
  const b = side(height + bridge.j);
  const candidates: Cell[] = [];
  for (const rowNode of b) if (rowNode < height) for (const columnNode of a) if (columnNode >= height) candidates.push({ i: rowNode, j: columnNode - height });
  const shown = candidates.filter((c) => !hidden[c.i]?.[c.j]);
  if (shown.length === 0) throw new Error('suppressTable: no cell closes a cycle through a determined hidden cell');
  return pickComplement(grid, shown);
}
