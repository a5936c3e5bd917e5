import { describe, expect, it } from 'vitest';
import { textIn } from '../../src-shared/surveys/localized-text';
import {
  cellKey,
  crosstabTable,
  hiddenByRelations,
  hiddenCells,
  hiddenMargins,
  hiddenSegments,
  remainderKey,
  type TableCell,
} from '../../src-shared/surveys/synthesis';

/**
 * What an agent reads of a channel × collector table: the total, each channel's sum and each collector's sum
 * ('' responses without one), hidden ones as null. The cells themselves are never shown.
 */
function shownMargins(cells: readonly TableCell[], hidden: ReturnType<typeof hiddenMargins>) {
  const sum = (pick: (cell: TableCell) => boolean) => cells.filter(pick).reduce((acc, cell) => acc + cell.n, 0);
  return {
    total: sum(() => true),
    rows: Object.fromEntries([...hidden.rows].map(([key, isHidden]) => [key, isHidden ? null : sum((cell) => cell.row === key)])),
    columns: Object.fromEntries([...hidden.columns].map(([key, isHidden]) => [key, isHidden ? null : sum((cell) => cell.column === key)])),
  };
}

describe('the small-segment rule across channels and collectors', () => {
  // Two kiosks in the kiosk channel (20 and 3), a meeting (6), the public link without a collector (30).
  const cells: TableCell[] = [
    { row: 'kiosk', column: 'hall', n: 20 },
    { row: 'kiosk', column: 'library', n: 3 },
    { row: 'meeting', column: 'north', n: 6 },
    { row: 'link', column: '', n: 30 },
  ];

  it('hides a kiosk’s sibling, not a collector of another channel: channel − shown siblings gives nothing back', () => {
    // Each list on its own hid the library's 3 and the smallest other collector (the meeting's 6), and the
    // kiosk channel's 23 less the hall's 20 gave the 3 back.
    const separate = hiddenSegments([20, 3, 6, 30]);
    expect(separate).toEqual([false, true, true, false]);

    const hidden = hiddenMargins(cells, ['kiosk', 'meeting', 'link'], ['hall', 'library', 'north', '']);
    const shown = shownMargins(cells, hidden);
    expect(shown).toEqual({
      total: 59,
      rows: { kiosk: 23, meeting: 6, link: 30 },
      columns: { hall: null, library: null, north: 6, '': 30 },
    });
    // Another table with the same shown counts and a different library: the shown counts cannot tell them apart.
    const other = cells.map((cell) => (cell.column === 'hall' ? { ...cell, n: 19 } : cell.column === 'library' ? { ...cell, n: 4 } : cell));
    expect(shownMargins(other, hidden)).toEqual(shown);
  });

  it('hides a channel that the responses without a collector would give back', () => {
    // Phone entries (3) and the public link (30) have no collector: '' (33) less the link gave the phone back.
    const noCollector: TableCell[] = [
      { row: 'link', column: '', n: 30 },
      { row: 'phone', column: '', n: 3 },
      { row: 'email', column: 'campaign', n: 12 },
      { row: 'kiosk', column: 'hall', n: 9 },
    ];
    const hidden = hiddenMargins(noCollector, ['link', 'phone', 'email', 'kiosk'], ['campaign', 'hall', '']);
    const shown = shownMargins(noCollector, hidden);
    expect(shown.rows.phone).toBeNull();
    // The link and the '' column both shown would give the phone's 3 back: one of them is hidden.
    expect(shown.rows.link === null || shown.columns[''] === null).toBe(true);
    const other = noCollector.map((cell) => (cell.row === 'link' ? { ...cell, n: 29 } : cell.row === 'phone' ? { ...cell, n: 4 } : cell));
    expect(shownMargins(other, hidden)).toEqual(shown);
  });

  it('hides the collectors that would give a hidden channel back, even across channels (a meeting on the public link)', () => {
    // The meeting's collector has answers in two channels: by its QR code (link) and typed in (meeting).
    const spanning: TableCell[] = [
      { row: 'link', column: '', n: 40 },
      { row: 'link', column: 'north', n: 2 },
      { row: 'meeting', column: 'north', n: 3 },
      { row: 'email', column: 'campaign', n: 15 },
    ];
    const hidden = hiddenMargins(spanning, ['link', 'meeting', 'email'], ['north', 'campaign', '']);
    const shown = shownMargins(spanning, hidden);
    expect(shown.rows.meeting).toBeNull();
    expect(shown).toMatchObject({ total: 60, rows: { link: null, meeting: null, email: 15 } });
    // One typed in more and one by QR code less: the same shown counts.
    const other = spanning.map((cell) =>
      cell.row === 'meeting' ? { ...cell, n: 4 } : cell.row === 'link' && cell.column === 'north' ? { ...cell, n: 1 } : cell,
    );
    expect(shownMargins(other, hidden)).toEqual(shown);
  });

  it('keeps the one-list rule: a lone hidden segment takes the smallest shown one with it', () => {
    expect(hiddenSegments([3, 12, 40])).toEqual([true, true, false]);
    expect(hiddenSegments([3, 4, 40])).toEqual([true, true, false]);
  });
});

describe('the cells a filtered view shows beside the unfiltered margins', () => {
  /** The margins and the cells shown: a filter on a channel shows its row's cells, on a collector its column's. */
  function shownWithCells(cells: readonly TableCell[], hidden: ReturnType<typeof hiddenCells>) {
    const key = (cell: TableCell) => cellKey(cell.row, cell.column);
    return {
      ...shownMargins(cells, hidden),
      cells: Object.fromEntries(cells.map((cell) => [key(cell), hidden.cells.get(key(cell)) === true ? null : cell.n])),
    };
  }

  it('hides a collector’s cell on a shown channel when the collector also counts in a hidden one (a meeting’s QR code)', () => {
    // The link 30 without a collector; the meeting's M 17 by QR code (link) and 3 typed in; phone 2.
    const cells: TableCell[] = [
      { row: 'link', column: '', n: 30 },
      { row: 'link', column: 'M', n: 17 },
      { row: 'meeting', column: 'M', n: 3 },
      { row: 'phone', column: '', n: 2 },
    ];
    const hidden = hiddenCells(cells, ['link', 'meeting', 'phone'], ['M', '']);
    const shown = shownWithCells(cells, hidden);
    // Unfiltered: meeting and phone hidden, M = 20 and no collector = 32 shown, as `hiddenMargins` decides.
    expect(shown).toMatchObject({ rows: { link: 47, meeting: null, phone: null }, columns: { M: 20, '': 32 } });
    // Filtered on the link, M = 17 gave the meeting's 3 back (20 − 17), and no collector = 30 the phone's 2.
    expect(shown.cells[cellKey('link', 'M')]).toBeNull();
    expect(shown.cells[cellKey('link', '')]).toBeNull();
    // Another table with the same shown counts and a different meeting and phone: they cannot be told apart.
    const other = cells.map((cell) => ({ ...cell, n: { link: cell.column === 'M' ? 16 : 31, meeting: 4, phone: 1 }[cell.row] ?? 0 }));
    expect(shownWithCells(other, hidden)).toEqual(shown);
  });

  it('shows the cells that give nothing back', () => {
    const cells: TableCell[] = [
      { row: 'kiosk', column: 'hall', n: 20 },
      { row: 'kiosk', column: 'library', n: 12 },
      { row: 'link', column: '', n: 30 },
    ];
    const hidden = hiddenCells(cells, ['kiosk', 'link'], ['hall', 'library', '']);
    expect([...hidden.cells.values()]).toEqual([false, false, false]);
  });
});

describe('the rule’s linear algebra', () => {
  it('hides every count rather than decide on rounded integers past 2^53', () => {
    // Consecutive Fibonacci numbers: the two relations are independent (determinant ±1), so with count 2 shown
    // they give counts 0 and 1 back; in floating point 102334155 × 267914296 − 165580141² rounds to 0, and the
    // rank said that neither could be derived.
    const [a, b, c] = [267_914_296, 165_580_141, 102_334_155];
    const relations = [
      new Map([
        [0, a],
        [1, b],
        [2, 1],
      ]),
      new Map([
        [0, b],
        [1, c],
        [2, 1],
      ]),
    ];
    expect(hiddenByRelations([3, 3, 10], relations)).toEqual([true, true, true]);
    // The fixed counts stay shown.
    expect(hiddenByRelations([3, 3, 10, 40], relations, new Set([3]))).toEqual([true, true, true, false]);
  });
});

describe('a cross-tab’s remainder', () => {
  const rows = [
    { value: 'a', label: null, count: 14 },
    { value: 'b', label: null, count: 9 },
  ];
  const segment = (key: string, a: number, b: number) => ({
    key,
    label: null,
    size: a + b,
    cells: new Map([
      ['a', a],
      ['b', b],
    ]),
  });

  it('is a segment of its own, hidden with a neighbour when under five (respondents with no area)', () => {
    // 23 answered; 20 have an area; the 3 without one were total − 20.
    const table = crosstabTable(rows, [segment('75011', 12, 8)], 23);
    expect(table.total).toBe(23);
    expect(table.segments.map((s) => [s.key, s.size])).toEqual([
      ['75011', null],
      [remainderKey, null],
    ]);
    expect(table.segments.every((s) => s.cells === null)).toBe(true);
  });

  it('is shown with its cells when it is five or more', () => {
    const table = crosstabTable(rows, [segment('75011', 6, 2), segment('75012', 4, 4)], 23);
    const rest = table.segments.find((s) => s.key === remainderKey);
    expect(rest?.size).toBe(7);
    expect([textIn(rest?.label ?? {}, 'fr'), textIn(rest?.label ?? {}, 'en')]).toEqual(['Autres / sans réponse', 'Others / no answer']);
    expect(rest?.cells?.map((cell) => cell.count)).toEqual([4, 3]);
  });

  it('is left out when everybody is in a segment', () => {
    const table = crosstabTable(rows, [segment('x', 8, 4), segment('y', 6, 5)], 23);
    expect(table.segments.map((s) => s.key)).toEqual(['x', 'y']);
  });

  it('hides every choice of an overlapping segmentation when the remainder is hidden (one choice is the union)', () => {
    // A multiple choice: 20 answered it, all chose "swim", 9 also "lessons"; 3 skipped it.
    const union = {
      size: 20,
      cells: new Map([
        ['a', 12],
        ['b', 8],
      ]),
    };
    const table = crosstabTable(rows, [segment('swim', 12, 8), segment('lessons', 5, 4)], 23, { union });
    expect(table.segments.map((s) => [s.key, s.size])).toEqual([
      ['swim', null],
      ['lessons', null],
      [remainderKey, null],
    ]);
    // With 7 who skipped it, the choices are shown, each under 5 hidden on its own (no partition among them).
    const wider = crosstabTable(
      [
        { value: 'a', label: null, count: 16 },
        { value: 'b', label: null, count: 11 },
      ],
      [segment('swim', 12, 8), segment('lessons', 5, 4), segment('sauna', 1, 1)],
      27,
      { union },
    );
    expect(wider.segments.map((s) => [s.key, s.size])).toEqual([
      ['swim', 20],
      ['lessons', 9],
      ['sauna', null],
      [remainderKey, 7],
    ]);
  });
});
