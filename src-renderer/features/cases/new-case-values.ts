import type { TFunction } from 'i18next';
import { toFieldIssues } from '../../../src-shared/errors';
import type { Channel, Priority } from '../../../src-shared/schemas/common';
import { caseOpenInputSchema, type CaseOpenInput } from '../../../src-shared/schemas/procedures';
import { fieldErrorsFromIssues } from '../../shared/errors';

export interface NewCaseValues {
  channel: Channel;
  categoryId: string;
  subject: string;
  description: string;
  address: string;
  /** Empty: the category's default priority applies (and follows a change of category). */
  priority: Priority | '';
  citizen: { id: string; label: string } | null;
}

export function emptyNewCaseValues(citizen: NewCaseValues['citizen']): NewCaseValues {
  return { channel: 'counter', categoryId: '', subject: '', description: '', address: '', priority: '', citizen };
}

export function toCaseOpenInput(values: NewCaseValues): CaseOpenInput {
  return {
    citizenId: values.citizen?.id ?? null,
    categoryId: values.categoryId,
    channel: values.channel,
    subject: values.subject,
    description: values.description,
    address: values.address,
    priority: values.priority === '' ? null : values.priority,
  };
}

export function validateNewCase(values: NewCaseValues, t: TFunction): Record<string, string> {
  const result = caseOpenInputSchema.safeParse(toCaseOpenInput(values));
  const errors = result.success ? {} : fieldErrorsFromIssues(toFieldIssues(result.error), t);
  // An unchosen category is "required", not an invalid identifier.
  if (values.categoryId === '') errors.categoryId = t('fieldErrors.required');
  return errors;
}
