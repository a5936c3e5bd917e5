/** Shares, days and months as the agent reads them, in the city's time zone. */

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

/** `0.6667` → "67 %" (French) or "67%". */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

/** `2026-02` → "février 2026". */
export function formatMonth(month: string, language: string): string {
  const [year, index] = month.split('-').map(Number);
  if (year === undefined || index === undefined || Number.isNaN(year) || Number.isNaN(index)) return month;
  return new Intl.DateTimeFormat(locale(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, index - 1, 15)),
  );
}

/** A French text, or the English one when the agent reads English and it was written. */
export function localized(text: { fr: string; en: string }, language: string): string {
  return language === 'en' && text.en.trim() !== '' ? text.en : text.fr;
}
