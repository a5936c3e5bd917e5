/** Dates as French (or English) agents read them, always in the city's time zone. */
const TIME_ZONE = 'Europe/Paris';

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

/** A calendar date `YYYY-MM-DD` (deadline, birth date): formatted at UTC noon so no zone can shift the day. */
export function formatDate(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  const instant = new Date(Date.UTC(year, month - 1, day, 12));
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(instant);
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** "14:02", in the city's time zone. */
export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso));
}

/** Whether two instants fall on the same calendar day in the city's time zone. */
export function sameCityDay(a: Date, b: Date): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone: TIME_ZONE });
  return day.format(a) === day.format(b);
}
