import { normalizeFrenchPhone } from './phone';

/**
 * Duplicate-citizen warnings: before creating a citizen, the desk is told which existing accounts look
 * like the same person, and why. Only exact matches after normalisation: a warning the agent learns to
 * ignore because it fires on every "Martin" is worse than none.
 */

/** Characters that separate name parts: hyphens, dashes and apostrophes of every kind. */
const nameSeparators = /[-‐‑‒–—'’‘ʼ`´]/g;

/** "Jean-François  d'Œillet" → "jean francois d oeillet". */
export function normalizeName(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(nameSeparators, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface CitizenIdentity {
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
}

export type SimilarityReason = 'email' | 'phone' | 'name_birthdate';

function emailKey(email: string | null): string {
  return (email ?? '').trim().toLowerCase();
}

/** National form when French, else bare digits, so "+44 20 7946 0000" still matches itself. */
function phoneKey(phone: string | null): string {
  if (phone === null) return '';
  return normalizeFrenchPhone(phone) ?? phone.replace(/\D/g, '');
}

/**
 * Same names, in either order: counter agents often swap first and last name when a citizen spells them
 * out, and French names such as "Martin Thomas" read both ways.
 */
function sameNames(a: CitizenIdentity, b: CitizenIdentity): boolean {
  const [aFirst, aLast] = [normalizeName(a.firstName), normalizeName(a.lastName)];
  const [bFirst, bLast] = [normalizeName(b.firstName), normalizeName(b.lastName)];
  if (aFirst === '' || aLast === '') return false;
  return (aFirst === bFirst && aLast === bLast) || (aFirst === bLast && aLast === bFirst);
}

function sameBirthDate(a: CitizenIdentity, b: CitizenIdentity): boolean {
  const aDate = a.birthDate?.trim() ?? '';
  return aDate !== '' && aDate === (b.birthDate?.trim() ?? '');
}

/** Why two identities may be the same person, in a stable order; empty when they look distinct. */
export function similarityReasons(a: CitizenIdentity, b: CitizenIdentity): SimilarityReason[] {
  const reasons: SimilarityReason[] = [];
  const email = emailKey(a.email);
  if (email !== '' && email === emailKey(b.email)) reasons.push('email');
  const phone = phoneKey(a.phone);
  if (phone !== '' && phone === phoneKey(b.phone)) reasons.push('phone');
  if (sameBirthDate(a, b) && sameNames(a, b)) reasons.push('name_birthdate');
  return reasons;
}
