import { fail } from '../errors';
import type { Citizen } from '../schemas/entities';
import type { CitizenValues } from '../schemas/procedures';
import { requirePermission } from './case-helpers';
import type { MutationArgs } from './definitions';
import type { Decision, MutatorContext } from './effects';

function citizenFields(values: CitizenValues) {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    birthDate: values.birthDate,
    email: values.email,
    phone: values.phone,
    address: values.address,
    preferredChannel: values.preferredChannel,
    consents: values.consents,
    certification: values.certification,
  };
}

/** Only the desk's roles hold the citizen file: a field agent's replica has none to edit (scope.ts). */
export function createCitizen(ctx: MutatorContext, { id, ...values }: MutationArgs<'citizen.create'>): Decision<{ id: string }> {
  requirePermission(ctx, 'citizen.create', 'citizen.create', null);
  const at = ctx.now.toISOString();
  const row: Citizen = {
    id,
    ...citizenFields(values),
    latitude: null,
    longitude: null,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { effects: [{ op: 'insert', entity: 'citizen', row }], result: { id } };
}

/**
 * Compare-and-set on the version the agent saw: an edit made on stale data is refused, not merged. The
 * permission comes first, so an agent without the citizen file learns nothing of the record (not whether
 * it exists, was merged, nor its version).
 */
export function updateCitizen(
  ctx: MutatorContext,
  { id, expectedVersion, values }: MutationArgs<'citizen.update'>,
): Decision<{ id: string; version: number }> {
  requirePermission(ctx, 'citizen.update', 'citizen.update', null);
  const current = ctx.read.citizen(id);
  if (current === null) throw fail('CITIZEN_NOT_FOUND', { citizenId: id });
  if (current.mergedInto !== null) throw fail('CITIZEN_MERGED', { citizenId: id, mergedInto: current.mergedInto });
  if (current.version !== expectedVersion) {
    throw fail('VERSION_CONFLICT', { entity: 'citizen', expected: expectedVersion, actual: current.version });
  }
  const version = current.version + 1;
  return {
    effects: [{ op: 'update', entity: 'citizen', id, patch: { ...citizenFields(values), updatedAt: ctx.now.toISOString(), version } }],
    result: { id, version },
  };
}
