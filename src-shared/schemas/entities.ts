import { z } from 'zod';
import {
  caseKindSchema,
  caseStatusSchema,
  certificationSchema,
  channelSchema,
  deadlineKindSchema,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  prioritySchema,
  roleSchema,
  textSchema,
} from './common';

export const departmentSchema = z.object({
  id: idSchema,
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(120),
});
export type Department = z.infer<typeof departmentSchema>;

export const agentRoleSchema = z.object({ departmentId: idSchema, role: roleSchema });
export type AgentRole = z.infer<typeof agentRoleSchema>;

export const agentSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(120),
  email: z.email(),
  roles: z.array(agentRoleSchema),
});
export type Agent = z.infer<typeof agentSchema>;

export const postalAddressSchema = z.object({
  line1: textSchema({ min: 1, max: 200 }),
  line2: textSchema({ max: 200 }).nullable(),
  postalCode: textSchema({ max: 200 }).refine((value) => /^\d{5}$/.test(value), { params: { code: 'postal_code' } }),
  city: textSchema({ min: 1, max: 120 }),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

export const consentsSchema = z.object({
  email: z.boolean(),
  sms: z.boolean(),
  surveys: z.boolean(),
});
export type Consents = z.infer<typeof consentsSchema>;

export const citizenSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: isoDateSchema.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: postalAddressSchema.nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  preferredChannel: channelSchema,
  consents: consentsSchema,
  certification: certificationSchema,
  mergedInto: idSchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
});
export type Citizen = z.infer<typeof citizenSchema>;

export const categorySchema = z.object({
  id: idSchema,
  departmentId: idSchema,
  serviceCode: z.string().min(1).max(64),
  label: z.string().min(1).max(160),
  kind: caseKindSchema,
  deadlineDays: z.number().int().min(0).max(3650),
  deadlineKind: deadlineKindSchema,
  defaultPriority: prioritySchema,
  duplicateRadiusM: z.number().int().min(0),
  retentionMonths: z.number().int().min(1),
});
export type Category = z.infer<typeof categorySchema>;

export const caseSchema = z.object({
  id: idSchema,
  trackingCode: z.string(),
  kind: caseKindSchema,
  citizenId: idSchema.nullable(),
  categoryId: idSchema,
  departmentId: idSchema,
  channel: channelSchema,
  subject: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  status: caseStatusSchema,
  priority: prioritySchema,
  assigneeId: idSchema.nullable(),
  parentId: idSchema.nullable(),
  duplicateOfId: idSchema.nullable(),
  /** Last day (inclusive, Europe/Paris) on which the case is on time. */
  deadline: isoDateSchema.nullable(),
  deadlinePausedAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  closedAt: isoDateTimeSchema.nullable(),
  version: z.number().int(),
});
export type Case = z.infer<typeof caseSchema>;

export const caseEventTypeSchema = z.enum([
  'created',
  'updated',
  'status_changed',
  'assigned',
  'transferred',
  'internal_note',
  'public_reply',
  'attachment',
  'merged',
  'deadline_paused',
  'deadline_resumed',
  'notification_sent',
]);
export type CaseEventType = z.infer<typeof caseEventTypeSchema>;

export const caseEventSchema = z.object({
  id: idSchema,
  caseId: idSchema,
  type: caseEventTypeSchema,
  at: isoDateTimeSchema,
  agentId: idSchema.nullable(),
  /** Type-specific details: `{ from, to, action }`, `{ body }`, `{ assigneeId }`… */
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;
