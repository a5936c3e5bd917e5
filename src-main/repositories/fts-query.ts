/**
 * Turns what an agent types into an FTS5 query: every word must match as a prefix ("dup rue" finds
 * "Dupont, 3 rue …"). A phone number typed with spaces is one token, as it is stored.
 * Returns null when nothing searchable remains.
 */
export function toFtsQuery(input: string): string | null {
  const text = input.trim();
  if (/^[+\d\s.()-]+$/.test(text) && text.replace(/\D/g, '').length >= 4) {
    return `"${text.replace(/\D/g, '')}"*`;
  }
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => word.trim())
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
