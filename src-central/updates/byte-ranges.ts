/** An inclusive byte range, as HTTP writes them. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeRequest = { kind: 'full' } | { kind: 'partial'; ranges: ByteRange[] } | { kind: 'unsatisfiable' };

/**
 * electron-updater's differential download asks up to 1,000 ranges per request. More, overlapping or
 * unordered ranges are ignored (the whole file is sent, which RFC 9110 allows), so a request cannot make
 * the server send one file many times over.
 */
export const maxRanges = 1_000;

const specPattern = /^(\d*)-(\d*)$/;

/**
 * Reads a `Range` header against a file of `size` bytes (RFC 9110 §14.2). Syntax errors mean "no range":
 * the whole file. Ranges that start past the end are dropped; if none is left, the answer is 416.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (match?.[1] === undefined) return { kind: 'full' };
  const specs = match[1].split(',').map((spec) => spec.trim());
  if (specs.length > maxRanges) return { kind: 'full' };
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const parsed = parseSpec(spec, size);
    if (parsed === 'invalid') return { kind: 'full' };
    if (parsed !== 'unsatisfiable') ranges.push(parsed);
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  const ordered = ranges.every((range, index) => index === 0 || range.start > (ranges[index - 1] as ByteRange).end);
  return ordered ? { kind: 'partial', ranges } : { kind: 'full' };
}

function parseSpec(spec: string, size: number): ByteRange | 'invalid' | 'unsatisfiable' {
  const match = specPattern.exec(spec);
  if (match === null) return 'invalid';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'invalid';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return 'invalid';
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
