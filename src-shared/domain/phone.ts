/**
 * French phone numbers as agents type them ("06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678",
 * "+33 (0)6…") normalised to the ten-digit national form. Overseas numbers (+262, +590, +594, +596,
 * +269, +508, +681, +687, +689) are kept in international form.
 */
// Overseas departments use nine-digit subscriber numbers; collectivities (+508, +681, +687, +689)
// use six to eight.
const overseasDigits: Record<string, readonly number[]> = {
  '262': [9],
  '269': [9],
  '590': [9],
  '594': [9],
  '596': [9],
  '508': [6],
  '681': [6],
  '687': [6],
  '689': [8],
};

export function normalizeFrenchPhone(input: string): string | null {
  let raw = input
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s.\-/()]/g, '');
  if (raw.startsWith('00')) raw = `+${raw.slice(2)}`;
  if (!/^\+?\d+$/.test(raw)) return null;
  if (raw.startsWith('+33')) raw = `0${raw.slice(3)}`;
  if (raw.startsWith('+')) {
    const prefix = raw.slice(1, 4);
    const lengths = overseasDigits[prefix];
    return lengths !== undefined && lengths.includes(raw.length - 4) ? raw : null;
  }
  return /^0[1-9]\d{8}$/.test(raw) ? raw : null;
}

export function formatFrenchPhone(phone: string): string {
  if (/^0\d{9}$/.test(phone)) return phone.replace(/(\d{2})(?=\d)/g, '$1 ');
  return phone;
}
