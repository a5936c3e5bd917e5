import type { TFunction } from 'i18next';
import { toFieldIssues } from '../../../src-shared/errors';
import type { Certification, Channel } from '../../../src-shared/schemas/common';
import type { Citizen } from '../../../src-shared/schemas/entities';
import { citizenInputSchema, type CitizenInput } from '../../../src-shared/schemas/procedures';
import { fieldErrorsFromIssues } from '../../shared/errors';

/** What the citizen form edits: plain strings, as typed; `toCitizenInput` turns them into the procedure input. */
export interface CitizenFormValues {
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: string;
  address: { line1: string; line2: string; postalCode: string; city: string };
  preferredChannel: Channel;
  consents: { email: boolean; sms: boolean; surveys: boolean };
  certification: Certification;
}

export const contactChannels: readonly Channel[] = ['email', 'phone', 'mail', 'counter', 'app'];

export function emptyCitizenValues(): CitizenFormValues {
  return {
    firstName: '',
    lastName: '',
    birthDate: '',
    email: '',
    phone: '',
    address: { line1: '', line2: '', postalCode: '', city: '' },
    preferredChannel: 'email',
    consents: { email: false, sms: false, surveys: false },
    certification: 'declared',
  };
}

export function fromCitizen(citizen: Citizen): CitizenFormValues {
  return {
    firstName: citizen.firstName,
    lastName: citizen.lastName,
    birthDate: citizen.birthDate ?? '',
    email: citizen.email ?? '',
    phone: citizen.phone ?? '',
    address: {
      line1: citizen.address?.line1 ?? '',
      line2: citizen.address?.line2 ?? '',
      postalCode: citizen.address?.postalCode ?? '',
      city: citizen.address?.city ?? '',
    },
    preferredChannel: citizen.preferredChannel,
    consents: { ...citizen.consents },
    certification: citizen.certification,
  };
}

const blank = (value: string): string | null => (value.trim() === '' ? null : value);

/** An address left entirely empty is no address; a partial one is sent as is, so the missing parts are reported. */
export function toCitizenInput(values: CitizenFormValues): CitizenInput {
  const { address } = values;
  const hasAddress = [address.line1, address.line2, address.postalCode, address.city].some((part) => part.trim() !== '');
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    birthDate: blank(values.birthDate),
    email: blank(values.email),
    phone: blank(values.phone),
    address: hasAddress ? { line1: address.line1, line2: blank(address.line2), postalCode: address.postalCode, city: address.city } : null,
    preferredChannel: values.preferredChannel,
    consents: values.consents,
    certification: values.certification,
  };
}

/** The same zod schema as the server, so the agent reads the same French message before and after saving. */
export function validateCitizen(values: CitizenFormValues, t: TFunction): Record<string, string> {
  const result = citizenInputSchema.safeParse(toCitizenInput(values));
  return result.success ? {} : fieldErrorsFromIssues(toFieldIssues(result.error), t);
}
