import { z } from 'zod';

export const idSchema = z.uuid();
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** A calendar date, `YYYY-MM-DD`, read in the city's time zone (Europe/Paris). */
export const isoDateSchema = z.iso.date();

export const roleSchema = z.enum(['counter', 'field', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const channelSchema = z.enum(['counter', 'phone', 'email', 'mail', 'web', 'app', 'kiosk', 'open311', 'field']);
export type Channel = z.infer<typeof channelSchema>;

export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;

export const caseKindSchema = z.enum(['request', 'report', 'feedback', 'complaint']);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const caseStatusSchema = z.enum([
  'new',
  'qualified',
  'assigned',
  'in_progress',
  'waiting_citizen',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
  'merged',
]);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const deadlineKindSchema = z.enum(['working', 'calendar']);
export type DeadlineKind = z.infer<typeof deadlineKindSchema>;

export const certificationSchema = z.enum(['declared', 'checked', 'counter_id', 'franceconnect']);
export type Certification = z.infer<typeof certificationSchema>;

/**
 * Text a database can store as the agent typed it: no NUL nor other C0 control (tabs and line breaks
 * stay), no lone UTF-16 surrogate. PostgreSQL refuses NUL in text and jsonb, and a lone surrogate cannot
 * be encoded in UTF-8: such text is refused with a coded issue rather than altered (docs/security/hostile-text.md).
 * Everything else (BOM, right-to-left marks, emoji) goes through unchanged.
 */
export function isStorableText(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** The issue a field shows for text it cannot store (translated under `fieldErrors.invalid_text`). */
export const invalidTextIssue = { params: { code: 'invalid_text' } } as const;

/**
 * The one builder of every free text the agent types: trimmed, bounded, and storable (see isStorableText).
 * Every text field of every mutation goes through it, so no field can let such text reach a database.
 */
export const textSchema = ({ min = 0, max }: { min?: number; max: number }) => {
  const bounded = min > 0 ? z.string().trim().min(min).max(max) : z.string().trim().max(max);
  return bounded.refine(isStorableText, invalidTextIssue);
};

/** Trims, and turns an empty string into null: what a cleared form field means. */
export const optionalText = (max: number) =>
  textSchema({ max })
    .nullish()
    .transform((value) => (value === undefined || value === null || value === '' ? null : value));
