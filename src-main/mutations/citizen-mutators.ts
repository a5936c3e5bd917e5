import { fail, GuichetError } from '../../src-shared/errors';
import { normalizeName } from '../../src-shared/domain/similarity';
import type { CitizenValues } from '../../src-shared/schemas/procedures';
import { citizens } from '../db/schema';
import type { Mutator } from './run-mutation';

function citizenColumns(values: CitizenValues) {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    nameKey: normalizeName(`${values.firstName} ${values.lastName}`),
    birthDate: values.birthDate,
    email: values.email,
    phone: values.phone,
    addressLine1: values.address?.line1 ?? null,
    addressLine2: values.address?.line2 ?? null,
    postalCode: values.address?.postalCode ?? null,
    city: values.address?.city ?? null,
    preferredChannel: values.preferredChannel,
    consentEmail: values.consents.email,
    consentSms: values.consents.sms,
    consentSurveys: values.consents.surveys,
    certification: values.certification,
  };
}

export const createCitizen: Mutator<'citizen.create', { id: string }> = ({ now, write }, { id, ...values }) => {
  const at = now.toISOString();
  write.insert(citizens, {
    id,
    ...citizenColumns(values),
    latitude: null,
    longitude: null,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  return { id };
};

/** Compare-and-set on the version the agent saw: an edit made on stale data is refused, not merged. */
export const updateCitizen: Mutator<'citizen.update', { id: string; version: number }> = (
  { now, repos, write },
  { id, expectedVersion, values },
) => {
  const current = repos.citizens.byId(id);
  if (current === null) throw fail('CITIZEN_NOT_FOUND', { citizenId: id });
  if (current.mergedInto !== null) throw fail('CITIZEN_MERGED', { citizenId: id, mergedInto: current.mergedInto });
  if (current.version !== expectedVersion) {
    throw new GuichetError('VERSION_CONFLICT', { entity: 'citizen', expected: expectedVersion, actual: current.version });
  }
  const version = current.version + 1;
  write.update(citizens, id, { ...citizenColumns(values), updatedAt: now.toISOString(), version });
  return { id, version };
};
