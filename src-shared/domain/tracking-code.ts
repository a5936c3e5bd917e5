/**
 * Tracking codes (numéros de suivi) a citizen reads over the phone: `XXXX-XXXX` from an alphabet without
 * look-alikes (no 0/O, 1/I/L, and no U, which is heard like V or mistaken for it in handwriting).
 *
 * The 8th character is a check: the weighted sum of all eight values is 0 modulo 31. A prime modulus is
 * what makes the guarantee hold: with 30 (the alphabet size) every usable weight is odd, the difference of
 * two weights is even, and swapping two characters 15 apart would go unnoticed. With 31 and distinct
 * weights 8…1, any single substitution and any transposition of two characters changes the sum. The price
 * is that a body whose check value would be 30 (no character) is nudged, losing 1/31 of the code space.
 */
export const trackingCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const MODULUS = 31;
const BODY_LENGTH = 7;
const weights = [8, 7, 6, 5, 4, 3, 2, 1] as const;
const alphabetSize = trackingCodeAlphabet.length;

function valueOf(char: string): number {
  return trackingCodeAlphabet.indexOf(char);
}

function mod(value: number): number {
  return ((value % MODULUS) + MODULUS) % MODULUS;
}

/** The check value (0…30) that makes the weighted sum of body + check vanish. */
function checkValue(body: readonly number[]): number {
  const sum = body.reduce((acc, value, index) => acc + value * (weights[index] ?? 0), 0);
  return mod(-sum);
}

function format(values: readonly number[]): string {
  const chars = values.map((value) => trackingCodeAlphabet.charAt(value)).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function generateTrackingCode(random: () => number = Math.random): string {
  const body = Array.from({ length: BODY_LENGTH }, () => Math.max(0, Math.min(alphabetSize - 1, Math.floor(random() * alphabetSize))));
  let check = checkValue(body);
  if (check === alphabetSize) {
    // Bumping the last body character moves the check by 2 or 4, never back onto 30; no retry loop, so
    // a degenerate `random` cannot spin forever.
    body[BODY_LENGTH - 1] = ((body[BODY_LENGTH - 1] ?? 0) + 1) % alphabetSize;
    check = checkValue(body);
  }
  return format([...body, check]);
}

function isValidChecksum(values: readonly number[]): boolean {
  return values.length === weights.length && checkValue(values.slice(0, BODY_LENGTH)) === values[BODY_LENGTH];
}

/** Separators agents type or paste from emails: spaces (including no-break), dashes of every kind, dots. */
const separators = /[\s.\-‐‑‒–—−_]/g;

/**
 * The canonical `XXXX-XXXX` form of what an agent typed ("abcd efgh", "ABCD.EFGH"), or null when the
 * length, a character or the check is wrong. Look-alikes (O, I, L, U, 0, 1) are rejected rather than
 * guessed: none of them is in the alphabet, so any guess could point at another citizen's case.
 */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(separators, '');
  if (compact.length !== weights.length) return null;
  const values = [...compact].map(valueOf);
  if (values.some((value) => value < 0) || !isValidChecksum(values)) return null;
  return format(values);
}

const shape = new RegExp(`^[${trackingCodeAlphabet}]{4}-?[${trackingCodeAlphabet}]{4}$`);

/** A cheap test for a search box: exactly a code (optional dash, any case) with a valid check. */
export function looksLikeTrackingCode(input: string): boolean {
  const candidate = input.trim().toUpperCase();
  if (!shape.test(candidate)) return false;
  return isValidChecksum([...candidate.replace('-', '')].map(valueOf));
}
