import { normalizeFrenchPhone } from '../../../src-shared/domain/phone';
import { normalizeName, similarityReasons, type SimilarityReason } from '../../../src-shared/domain/similarity';
import { fail, parseOrFail } from '../../../src-shared/errors';
import type { Agent, Citizen } from '../../../src-shared/schemas/entities';
import { citizenSimilarInputSchema, type CitizenInput } from '../../../src-shared/schemas/procedures';
import type { z } from 'zod';
import type { ReplicaDb } from '../../db/open-replica';
import type { CaseListRow } from '../../repositories/case-repository';
import type { Repositories } from '../../repositories/repositories';
import type { Entropy } from '../../services/identity';
import type { Clock } from '../../../src-shared/domain/clock';
import type { Mutate } from '../../services/services';

export interface SimilarCitizen {
  citizen: Citizen;
  reasons: SimilarityReason[];
}

export function createCitizenService(db: ReplicaDb, repos: Repositories, clock: Clock, entropy: Entropy, mutate: Mutate) {
  return {
    /** The citizen card: the person and every case of theirs, in every department (the 360° view). */
    card(id: string): { citizen: Citizen; cases: CaseListRow[] } {
      const citizen = repos.citizens.byId(id);
      if (citizen === null) throw fail('CITIZEN_NOT_FOUND', { citizenId: id });
      return { citizen, cases: repos.cases.byCitizen(id) };
    },

    /** Existing citizens that the one being typed may be: same email, phone, or names and birth date. */
    similar(input: z.input<typeof citizenSimilarInputSchema>): SimilarCitizen[] {
      const probe = parseOrFail(citizenSimilarInputSchema, input);
      const email = probe.email ? probe.email.trim().toLowerCase() : null;
      const phone = probe.phone ? normalizeFrenchPhone(probe.phone) : null;
      const hasNames = probe.firstName !== '' && probe.lastName !== '';
      const identity = { firstName: probe.firstName, lastName: probe.lastName, birthDate: probe.birthDate ?? null, email, phone };
      return repos.citizens
        .similarCandidates({
          email,
          phone,
          nameKey: hasNames ? normalizeName(`${probe.firstName} ${probe.lastName}`) : null,
          birthDate: probe.birthDate ?? null,
          excludeId: probe.excludeId ?? null,
        })
        .map((citizen) => ({ citizen, reasons: similarityReasons(identity, citizen) }))
        .filter((match) => match.reasons.length > 0);
    },

    create(agent: Agent, values: CitizenInput): Citizen {
      const { id } = mutate({ name: 'citizen.create', args: { ...values, id: entropy.id() }, agent, now: clock.now() });
      return repos.citizens.byId(id) as Citizen;
    },

    update(agent: Agent, input: { id: string; expectedVersion: number; values: CitizenInput }): Citizen {
      mutate({ name: 'citizen.update', args: input, agent, now: clock.now() });
      return repos.citizens.byId(input.id) as Citizen;
    },
  };
}
