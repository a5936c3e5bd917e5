/**
 * No segment of fewer than `minimumSegment` respondents is ever shown: not its cells, not its size, and not
 * in a way that lets one subtract it back from what is shown (docs/surveys.md, "Small segments"). Every
 * aggregate the synthesis, the cross-tabs and the exports show goes through `hiddenByRelations`: one partition
 * through `hiddenSegments`, channels against collectors through `hiddenMargins`, an indicator's series per
 * survey, month and channel through `hiddenTableMargins`.
 */
export const minimumSegment = 5;

/** A count as shown: the number, or hidden (shown as "< 5"). */
export type ShownCount = number | null;

export function shownCount(count: number): ShownCount {
  return count < minimumSegment ? null : count;
}

/**
 * Which segments of a partition to hide, given each one's size (respondents). Those under the minimum are
 * hidden; when exactly one is, the total and the others would give it back by subtraction, so the smallest
 * shown one is hidden too. `totalShown: false` (no total anywhere) keeps the others. Hiding two leaves only
 * their sum to be derived, which may itself be small: that sum is still of two segments, as in any statistics
 * office's secondary suppression. The partition as one relation of `hiddenByRelations`.
 */
export function hiddenSegments(sizes: readonly number[], options: { totalShown: boolean } = { totalShown: true }): boolean[] {
  if (!options.totalShown) return sizes.map((size) => size < minimumSegment);
  // Index 0 the total (shown: the caller hides everything under a small one), then the segments.
  const partition: Relation = new Map([[0, 1], ...sizes.map((_, index) => [index + 1, -1] as const)]);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return hiddenByRelations([total, ...sizes], [partition], new Set([0])).slice(1);
}

/*
 * The same rule over several tables that share their counts. Every shown count is a sum of respondents; the
 * counts an agent reads together are tied by relations (a total is the sum of its channels, and of its
 * collectors; the channels and collectors that share respondents have the same sum). A hidden count must not
 * be an exact combination of shown ones through any chain of these relations, not only through one
 * partition: `hiddenByRelations` checks that with linear algebra.
 */

/** Σ coefficient × count = 0, the coefficients by the count's index. */
export type Relation = ReadonlyMap<number, number>;

function gcd(a: number, b: number): number {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** x − y when both products and the difference are exact integers, else null (a product past 2^53 is rounded). */
function exactDifference(x: number, y: number): number | null {
  const difference = x - y;
  return Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isSafeInteger(difference) ? difference : null;
}

/**
 * The rank of the relations restricted to these counts (integer elimination, exact for the small integers
 * here); null should the integers leave the safe range, where the rank would be decided on rounded numbers.
 */
function rank(relations: readonly Relation[], columns: readonly number[]): number | null {
  const matrix = relations.map((relation) => columns.map((column) => relation.get(column) ?? 0));
  if (!matrix.every((row) => row.every((value) => Number.isSafeInteger(value)))) return null;
  let found = 0;
  for (let column = 0; column < columns.length && found < matrix.length; column++) {
    const pivot = matrix.findIndex((row, index) => index >= found && row[column] !== 0);
    if (pivot === -1) continue;
    const pivotRow = matrix[pivot] as number[];
    matrix[pivot] = matrix[found] as number[];
    matrix[found] = pivotRow;
    const p = pivotRow[column] ?? 0;
    for (let index = found + 1; index < matrix.length; index++) {
      const row = matrix[index] as number[];
      const q = row[column] ?? 0;
      if (q === 0) continue;
      const next = row.map((value, at) => exactDifference(value * p, (pivotRow[at] ?? 0) * q));
      if (next.includes(null)) return null;
      const exact = next as number[];
      const divisor = exact.reduce((acc, value) => gcd(acc, value), 0);
      matrix[index] = divisor > 1 ? exact.map((value) => value / divisor) : exact;
    }
    found++;
  }
  return found;
}

/**
 * Whether count `target` is an exact combination of the counts not in `hidden`: true when some combination of
 * the relations has a coefficient on it and none on any other hidden count, that is when it is not a linear
 * combination of the other hidden ones' columns.
 */
function derivable(relations: readonly Relation[], hidden: readonly number[], target: number): boolean {
  const others = hidden.filter((index) => index !== target);
  const [all, rest] = [rank(relations, hidden), rank(relations, others)];
  if (all === null || rest === null) throw new InexactRank();
  return all > rest;
}

/** The elimination left the safe integers: nothing can be decided exactly. */
class InexactRank extends Error {}

/**
 * Which counts to hide: those under the minimum and those in `alreadyHidden` (except `fixed` ones, shown
 * whatever: a total the caller checks itself), then, while a hidden count can be computed back from the shown
 * ones, one more: the smallest shown count whose hiding protects it (ties: the first in the given order), else
 * the smallest one. Each turn hides one more count, so it ends. Should the elimination's integers ever leave
 * the safe range, every count but the fixed ones is hidden.
 */
export function hiddenByRelations(
  sizes: readonly number[],
  relations: readonly Relation[],
  fixed: ReadonlySet<number> = new Set(),
  alreadyHidden: ReadonlySet<number> = new Set(),
): boolean[] {
  try {
    return hideUntilSafe(sizes, relations, fixed, alreadyHidden);
  } catch (error) {
    if (error instanceof InexactRank) return sizes.map((_, index) => !fixed.has(index));
    throw error;
  }
}

function hideUntilSafe(
  sizes: readonly number[],
  relations: readonly Relation[],
  fixed: ReadonlySet<number>,
  alreadyHidden: ReadonlySet<number>,
): boolean[] {
  const hidden = sizes.map((size, index) => !fixed.has(index) && (size < minimumSegment || alreadyHidden.has(index)));
  const inRelations = new Set(relations.flatMap((relation) => [...relation].filter(([, c]) => c !== 0).map(([index]) => index)));
  for (;;) {
    const hiddenIndexes = hidden.flatMap((isHidden, index) => (isHidden ? [index] : []));
    const exposed = hiddenIndexes.find((index) => derivable(relations, hiddenIndexes, index));
    if (exposed === undefined) return hidden;
    const candidates = sizes
      .map((size, index) => ({ size, index }))
      .filter(({ index }) => !hidden[index] && !fixed.has(index) && inRelations.has(index))
      .sort((a, b) => a.size - b.size || a.index - b.index);
    const first = candidates[0];
    // Nothing left to hide: the fixed counts alone give it back (a caller hides everything under a small total).
    if (first === undefined) return hidden;
    const protecting = candidates.find(
      ({ index }) =>
        !derivable(
          relations,
          [...hiddenIndexes, index].sort((a, b) => a - b),
          exposed,
        ),
    );
    hidden[(protecting ?? first).index] = true;
  }
}

/** One count of a two-way table: respondents of `row` (a channel) and `column` (a collector, '' for none). */
export interface TableCell {
  row: string;
  column: string;
  n: number;
}

/**
 * Which row sums and column sums of a two-way table to hide when they are shown with the total, its cells
 * never: the rows and the columns are each a partition of the total, and every group of rows and columns
 * that share respondents (a connected part of the table) has its rows' sum equal to its columns' (a channel
 * is the sum of its collectors and of its responses without one; a meeting's collector spans two channels).
 * Rows and columns with no respondent are left out (they are not shown as counts). The caller hides
 * everything when the total itself is under the minimum.
 */
export function hiddenMargins(
  cells: readonly TableCell[],
  rowOrder: readonly string[],
  columnOrder: readonly string[],
): { rows: Map<string, boolean>; columns: Map<string, boolean> } {
  const rowSizes = new Map<string, number>();
  const columnSizes = new Map<string, number>();
  for (const cell of cells) {
    if (cell.n <= 0) continue;
    rowSizes.set(cell.row, (rowSizes.get(cell.row) ?? 0) + cell.n);
    columnSizes.set(cell.column, (columnSizes.get(cell.column) ?? 0) + cell.n);
  }
  const rows = [...new Set([...rowOrder, ...rowSizes.keys()])].filter((key) => rowSizes.has(key));
  const columns = [...new Set([...columnOrder, ...columnSizes.keys()])].filter((key) => columnSizes.has(key));
  // Index 0 is the total; then the rows, then the columns.
  const rowIndex = new Map(rows.map((key, index) => [key, 1 + index]));
  const columnIndex = new Map(columns.map((key, index) => [key, 1 + rows.length + index]));
  const total = [...rowSizes.values()].reduce((sum, n) => sum + n, 0);
  const sizes = [total, ...rows.map((key) => rowSizes.get(key) ?? 0), ...columns.map((key) => columnSizes.get(key) ?? 0)];

  // Connected parts: rows and columns joined by a cell with respondents (union-find over the indexes).
  const parent = sizes.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  for (const cell of cells) {
    const a = rowIndex.get(cell.row);
    const b = columnIndex.get(cell.column);
    if (cell.n > 0 && a !== undefined && b !== undefined) parent[find(a)] = find(b);
  }
  const parts = new Map<number, Map<number, number>>();
  for (const [index, sign] of [
    ...[...rowIndex.values()].map((i) => [i, 1] as const),
    ...[...columnIndex.values()].map((i) => [i, -1] as const),
  ]) {
    const root = find(index);
    const part = parts.get(root) ?? new Map<number, number>();
    part.set(index, sign);
    parts.set(root, part);
  }
  const relations: Relation[] = [
    new Map([[0, 1], ...[...rowIndex.values()].map((index) => [index, -1] as const)]),
    new Map([[0, 1], ...[...columnIndex.values()].map((index) => [index, -1] as const)]),
    ...parts.values(),
  ];
  const hidden = hiddenByRelations(sizes, relations, new Set([0]));
  return {
    rows: new Map(rows.map((key) => [key, hidden[rowIndex.get(key) ?? 0] === true])),
    columns: new Map(columns.map((key) => [key, hidden[columnIndex.get(key) ?? 0] === true])),
  };
}

/** The key of a two-way table's cell in `hiddenCells`' answer. */
export const cellKey = (row: string, column: string) => `${row}\u0000${column}`;

/**
 * `hiddenMargins`, and which cells a view filtered on one row or one column may show beside them: filtered on
 * a channel, its collectors' counts are that row's cells; on a collector, its channels' are that column's; on
 * both, the total is one cell. The cells are decided together with the margins shown unfiltered (the same
 * relations, and each row and column the sum of its cells), those margins kept as they are: so a collector
 * that also has responses in a hidden channel is not shown under a filter on another channel (its count there
 * less its unfiltered count would give the hidden channel's part back), nor is a cell under the minimum. Hiding
 * every cell always suffices, the margins being safe on their own.
 */
export function hiddenCells(
  cells: readonly TableCell[],
  rowOrder: readonly string[],
  columnOrder: readonly string[],
): { rows: Map<string, boolean>; columns: Map<string, boolean>; cells: Map<string, boolean> } {
  const margins = hiddenMargins(cells, rowOrder, columnOrder);
  const rows = [...margins.rows.keys()];
  const columns = [...margins.columns.keys()];
  const cellSizes = new Map<string, { row: string; column: string; n: number }>();
  for (const row of rows)
    for (const column of columns) {
      const n = cells.filter((cell) => cell.row === row && cell.column === column && cell.n > 0).reduce((sum, cell) => sum + cell.n, 0);
      if (n > 0) cellSizes.set(cellKey(row, column), { row, column, n });
    }
  // Index 0 is the total; then the rows, the columns and the cells.
  const rowIndex = new Map(rows.map((key, index) => [key, 1 + index]));
  const columnIndex = new Map(columns.map((key, index) => [key, 1 + rows.length + index]));
  const all = [...cellSizes.values()];
  const sumOf = (pick: (cell: { row: string; column: string }) => boolean) => all.filter(pick).reduce((sum, cell) => sum + cell.n, 0);
  // A cell alone in its column (a kiosk's) is that column's count, alone in its row that row's: the same count,
  // shown or hidden with it, and no count of its own in the relations (which stay small: mostly a meeting's
  // collector across two channels and the responses without a collector).
  const countIn = (pick: (cell: { row: string; column: string }) => boolean) => all.filter(pick).length;
  const cellIndex = new Map<string, number>();
  const shared: number[] = [];
  for (const cell of all) {
    const index =
      countIn((other) => other.column === cell.column) === 1
        ? columnIndex.get(cell.column)
        : countIn((other) => other.row === cell.row) === 1
          ? rowIndex.get(cell.row)
          : undefined;
    if (index !== undefined) cellIndex.set(cellKey(cell.row, cell.column), index);
    else {
      cellIndex.set(cellKey(cell.row, cell.column), 1 + rows.length + columns.length + shared.length);
      shared.push(cell.n);
    }
  }
  const sizes = [
    sumOf(() => true),
    ...rows.map((row) => sumOf((cell) => cell.row === row)),
    ...columns.map((column) => sumOf((cell) => cell.column === column)),
    ...shared,
  ];
  const partOf = (whole: number, parts: readonly number[]): Relation => {
    const relation = new Map<number, number>([[whole, 1]]);
    for (const part of parts) relation.set(part, (relation.get(part) ?? 0) - 1);
    return new Map([...relation].filter(([, coefficient]) => coefficient !== 0));
  };
  const cellsWhere = (pick: (cell: { row: string; column: string }) => boolean) =>
    all.filter(pick).map((cell) => cellIndex.get(cellKey(cell.row, cell.column)) ?? 0);
  const relations: Relation[] = [
    partOf(0, [...rowIndex.values()]),
    partOf(0, [...columnIndex.values()]),
    ...rows.map((row) =>
      partOf(
        rowIndex.get(row) ?? 0,
        cellsWhere((cell) => cell.row === row),
      ),
    ),
    ...columns.map((column) =>
      partOf(
        columnIndex.get(column) ?? 0,
        cellsWhere((cell) => cell.column === column),
      ),
    ),
  ].filter((relation) => relation.size > 0);
  const marginIndexes = [
    ...rows.map((row) => [rowIndex.get(row) ?? 0, margins.rows.get(row) === true] as const),
    ...columns.map((column) => [columnIndex.get(column) ?? 0, margins.columns.get(column) === true] as const),
  ];
  const fixed = new Set([0, ...marginIndexes.filter(([, isHidden]) => !isHidden).map(([index]) => index)]);
  const alreadyHidden = new Set(marginIndexes.filter(([, isHidden]) => isHidden).map(([index]) => index));
  const hidden = hiddenByRelations(sizes, relations, fixed, alreadyHidden);
  return { ...margins, cells: new Map([...cellIndex].map(([key, index]) => [key, hidden[index] === true])) };
}

/** One count of a table of several dimensions (an indicator's survey, month and channel): its key in each. */
export interface MarginCell {
  keys: readonly string[];
  n: number;
}

/**
 * Every linear relation among a table's total and one-way margins that its cells imply: the relations `r` with
 * Σ r[margin] = 0 over the margins each cell counts in, for every cell with respondents (the null space of the
 * cell × margin incidence, by integer Gauss–Jordan elimination). With two dimensions these are the partitions
 * and the connected parts of `hiddenMargins`; with three, a survey can equal a month less a channel, which no
 * pair of dimensions shows. Null if the integers would no longer be exact.
 */
function marginRelations(incidence: readonly (readonly number[])[], width: number): Relation[] | null {
  const rows = incidence.map((row) => [...row]);
  const pivots: number[] = [];
  for (let column = 0; column < width && pivots.length < rows.length; column++) {
    const at = rows.findIndex((row, index) => index >= pivots.length && row[column] !== 0);
    if (at === -1) continue;
    const pivotRow = rows[at] as number[];
    rows[at] = rows[pivots.length] as number[];
    rows[pivots.length] = pivotRow;
    const p = pivotRow[column] ?? 0;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index] as number[];
      const q = row[column] ?? 0;
      if (index === pivots.length || q === 0) continue;
      const next = row.map((value, c) => exactDifference(value * p, (pivotRow[c] ?? 0) * q));
      if (next.includes(null)) return null;
      const exact = next as number[];
      const divisor = exact.reduce((acc, value) => gcd(acc, value), 0);
      rows[index] = divisor > 1 ? exact.map((value) => value / divisor) : exact;
    }
    pivots.push(column);
  }
  const relations: Relation[] = [];
  for (let free = 0; free < width; free++) {
    if (pivots.includes(free)) continue;
    // r[free] = 1 and, for each pivot row, r[pivot] = -row[free] / row[pivot]: scaled to integers.
    const scale = pivots.reduce((acc, column, index) => {
      const d = Math.abs((rows[index] as number[])[column] ?? 1);
      return (acc * d) / gcd(acc, d);
    }, 1);
    const relation = new Map<number, number>([[free, scale]]);
    pivots.forEach((column, index) => {
      const row = rows[index] as number[];
      const value = row[free] ?? 0;
      if (value !== 0) relation.set(column, (-value * scale) / (row[column] ?? 1));
    });
    relations.push(relation);
  }
  return relations;
}

/**
 * Which one-way margins of a table to hide when they are shown with the total, its cells never: an indicator's
 * answers per survey, per month and per channel. The relations are all those the cells imply
 * (`marginRelations`), so no hidden margin comes back through another dimension's. `orders[d]` gives the keys of
 * dimension `d` in the order ties go by; margins with no respondent are left out. The caller hides everything
 * when the total itself is under the minimum.
 */
export function hiddenTableMargins(cells: readonly MarginCell[], orders: readonly (readonly string[])[]): Map<string, boolean>[] {
  const counted = cells.filter((cell) => cell.n > 0);
  const index = new Map<string, number>();
  const sizes = [counted.reduce((sum, cell) => sum + cell.n, 0)];
  const keysOf: string[][] = orders.map(() => []);
  orders.forEach((order, dimension) => {
    const present = new Set(counted.map((cell) => cell.keys[dimension] ?? ''));
    for (const key of [...new Set([...order, ...present])].filter((key) => present.has(key))) {
      index.set(`${dimension}\u0000${key}`, sizes.length);
      keysOf[dimension]?.push(key);
      sizes.push(counted.reduce((sum, cell) => sum + (cell.keys[dimension] === key ? cell.n : 0), 0));
    }
  });
  const distinct = new Map<string, number[]>();
  for (const cell of counted) {
    const row = sizes.map(() => 0);
    row[0] = 1;
    orders.forEach((_, dimension) => {
      row[index.get(`${dimension}\u0000${cell.keys[dimension] ?? ''}`) ?? 0] = 1;
    });
    distinct.set(row.join(','), row);
  }
  const relations = marginRelations([...distinct.values()], sizes.length);
  // The coefficients stay ±1 on such tables; should elimination ever leave the safe integers, hide every margin.
  const exact = relations?.every((relation) => [...relation.values()].every((value) => Number.isSafeInteger(value))) === true;
  const hidden = relations !== null && exact ? hiddenByRelations(sizes, relations, new Set([0])) : sizes.map((_, at) => at !== 0);
  return keysOf.map((keys, dimension) => new Map(keys.map((key) => [key, hidden[index.get(`${dimension}\u0000${key}`) ?? 0] === true])));
}
