import { z } from 'zod';
import { normalizeFrenchPhone } from '../domain/phone';
import {
  caseStatusSchema,
  certificationSchema,
  channelSchema,
  idSchema,
  isoDateSchema,
  optionalText,
  prioritySchema,
  textSchema,
} from './common';
import { consentsSchema, postalAddressSchema } from './entities';

export const caseActionSchema = z.enum([
  'qualify',
  'assign',
  'take',
  'start',
  'wait_citizen',
  'resume',
  'resolve',
  'close',
  'reopen',
  'reject',
  'cancel',
]);
export type CaseAction = z.infer<typeof caseActionSchema>;

const phoneInput = textSchema({ max: 40 })
  .nullish()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === '') return null;
    const normalised = normalizeFrenchPhone(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', params: { code: 'phone' }, input: value });
      return z.NEVER;
    }
    return normalised;
  });

const emailInput = textSchema({ max: 254 })
  .toLowerCase()
  .nullish()
  .transform((value) => (value === undefined || value === null || value === '' ? null : value))
  .pipe(z.email().max(254).nullable());

const nameInput = textSchema({ min: 1, max: 80 });

const birthDateInput = isoDateSchema
  .nullish()
  .transform((value) => value ?? null)
  .refine((value) => value === null || (value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10)), {
    params: { code: 'birth_date' },
  });

export const citizenInputSchema = z.object({
  firstName: nameInput,
  lastName: nameInput,
  birthDate: birthDateInput,
  email: emailInput,
  phone: phoneInput,
  address: postalAddressSchema.nullish().transform((value) => value ?? null),
  preferredChannel: channelSchema.default('email'),
  consents: consentsSchema.default({ email: false, sms: false, surveys: false }),
  certification: certificationSchema.default('declared'),
});
export type CitizenInput = z.input<typeof citizenInputSchema>;
export type CitizenValues = z.output<typeof citizenInputSchema>;

export const citizenUpdateInputSchema = z.object({
  id: idSchema,
  expectedVersion: z.number().int().min(0),
  values: citizenInputSchema,
});

export const citizenSimilarInputSchema = z.object({
  excludeId: idSchema.nullish(),
  firstName: textSchema({ max: 80 }).default(''),
  lastName: textSchema({ max: 80 }).default(''),
  birthDate: textSchema({ max: 40 }).nullish(),
  email: textSchema({ max: 254 }).nullish(),
  phone: textSchema({ max: 40 }).nullish(),
});

export const caseOpenInputSchema = z.object({
  citizenId: idSchema.nullish().transform((value) => value ?? null),
  categoryId: idSchema,
  channel: channelSchema,
  subject: textSchema({ min: 3, max: 200 }),
  description: textSchema({ max: 5000 }).default(''),
  address: optionalText(300),
  priority: prioritySchema.nullish().transform((value) => value ?? null),
});
export type CaseOpenInput = z.input<typeof caseOpenInputSchema>;

export const caseTransitionInputSchema = z.object({
  caseId: idSchema,
  action: caseActionSchema,
  /** The status the agent saw: a compare-and-set, so two agents cannot both move a case. */
  expectedStatus: caseStatusSchema,
  assigneeId: idSchema.nullish().transform((value) => value ?? null),
  comment: optionalText(5000),
});
export type CaseTransitionInput = z.input<typeof caseTransitionInputSchema>;

export const caseTransferInputSchema = z.object({
  caseId: idSchema,
  /** The department the agent saw the case in: a compare-and-set, like a status change. */
  expectedDepartmentId: idSchema,
  /** A category of the department the case goes to. */
  categoryId: idSchema,
  comment: optionalText(5000),
});
export type CaseTransferInput = z.input<typeof caseTransferInputSchema>;

/**
 * An edit of the case's own fields, on the version the agent saw. Scalars are compare-and-set; a long
 * description written on a stale version is kept as an internal note rather than lost or overwritten.
 */
export const caseUpdateInputSchema = z.object({
  caseId: idSchema,
  expectedVersion: z.number().int().min(1),
  subject: textSchema({ min: 3, max: 200 }).optional(),
  description: textSchema({ max: 5000 }).optional(),
  address: optionalText(300).optional(),
  priority: prioritySchema.optional(),
});
export type CaseUpdateInput = z.input<typeof caseUpdateInputSchema>;

/** A supervisor's re-assignment: a privileged, logged overwrite of whoever holds the case. */
export const caseReassignInputSchema = z.object({
  caseId: idSchema,
  assigneeId: idSchema,
  comment: optionalText(5000),
});
export type CaseReassignInput = z.input<typeof caseReassignInputSchema>;

export const caseCommentInputSchema = z.object({
  caseId: idSchema,
  visibility: z.enum(['internal', 'public']),
  body: textSchema({ min: 1, max: 5000 }),
});
export type CaseCommentInput = z.input<typeof caseCommentInputSchema>;

export const caseSortFieldSchema = z.enum(['deadline', 'createdAt', 'updatedAt', 'priority', 'trackingCode', 'status']);
export type CaseSortField = z.infer<typeof caseSortFieldSchema>;

export const caseListFiltersSchema = z.object({
  departmentIds: z.array(idSchema).max(50).default([]),
  statuses: z.array(caseStatusSchema).max(10).default([]),
  categoryIds: z.array(idSchema).max(200).default([]),
  channels: z.array(channelSchema).max(10).default([]),
  /** `me`, `none` (unassigned) or an agent id. */
  assignee: z
    .union([z.literal('me'), z.literal('none'), idSchema])
    .nullish()
    .transform((value) => value ?? null),
  overdue: z.boolean().default(false),
  citizenId: idSchema.nullish().transform((value) => value ?? null),
});
export type CaseListFilters = z.input<typeof caseListFiltersSchema>;

export const caseListInputSchema = z.object({
  filters: caseListFiltersSchema.default({
    departmentIds: [],
    statuses: [],
    categoryIds: [],
    channels: [],
    assignee: null,
    overdue: false,
    citizenId: null,
  }),
  sort: z.object({ field: caseSortFieldSchema, direction: z.enum(['asc', 'desc']) }).default({ field: 'deadline', direction: 'asc' }),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type CaseListInput = z.input<typeof caseListInputSchema>;

export const searchInputSchema = z.object({
  q: textSchema({ max: 200 }),
  limit: z.number().int().min(1).max(50).default(8),
});

export const idInputSchema = z.object({ id: idSchema });
export const trackingCodeInputSchema = z.object({ code: textSchema({ min: 1, max: 40 }) });
export const chooseAgentInputSchema = z.object({ agentId: idSchema });
