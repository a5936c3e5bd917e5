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

/** Trims, and turns an empty string into null: what a cleared form field means. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value === undefined || value === null || value === '' ? null : value));
