import { allowedActions, ruleFor } from '../../src-shared/domain/case-status';
import { rolesIn } from '../../src-shared/domain/permissions';
import { caseActionSchema } from '../../src-shared/schemas/procedures';
import { isGuichetError } from '../../src-shared/errors';
import { applyPush } from '../../src-central/sync/push';
import { cases, citizens } from '../../src-main/db/schema';
import { readMeta } from '../../src-main/repositories/meta-repository';
import { toCase, toCitizen } from '../../src-main/repositories/row-mappers';
import { createRepositories } from '../../src-main/repositories/repositories';
import { cursorViolation, finalViolations, scopeViolations } from './checks';
import { simCity } from './city';
import { memorySimServer, type SimServer } from './sim-server';
import type { ReplicaRegistry } from '../../src-main/sync/replica-tables';
import { NetworkDown, noFaults, World, type SimReplica } from './world';

export interface SeedReport {
  seed: number;
  violations: string[];
  stats: {
    mutations: number;
    refusedLocally: number;
    syncs: number;
    networkFailures: number;
    pagesChecked: number;
    applied: number;
    refused: number;
  };
}

/** An injected registry (tests/fixtures/notice-board) and the local mutations of its own entities. */
export interface SimExtension {
  registry: ReplicaRegistry;
  /** How often a local mutation is one of the extension's, instead of the app's. */
  share: number;
  /** One mutation of the extension's own through the real runMutation; a refusal throws its catalogue error. */
  mutate(world: World, replica: SimReplica): void;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * One seeded run: agents work on a few hot cases through their own replicas while messages are lost,
 * duplicated and replayed late, replicas go offline for days, crash, restart and see their departments
 * change; then the network heals and everything must converge.
 */
export async function runSeed(
  seed: number,
  options: { steps?: number; server?: SimServer; extension?: SimExtension } = {},
): Promise<SeedReport> {
  const steps = options.steps ?? 120;
  const city = simCity();
  const { extension } = options;
  const server = options.server ?? memorySimServer(extension?.registry.sync);
  await server.load(city);
  const world = new World(seed, city, server, extension?.registry);
  const created = new Map<string, number[]>();
  const stats = { mutations: 0, refusedLocally: 0, syncs: 0, networkFailures: 0, pagesChecked: 0, applied: 0, refused: 0 };
  const violations: string[] = [];
  try {
    const [counter] = city.agents.map((agent) => world.addReplica(agent));
    // Every workspace starts by bootstrapping from the server, then its agent signs in.
    const saved = world.faults;
    world.faults = noFaults;
    for (const replica of world.replicas) await replica.engine.sync();
    world.faults = saved;
    for (const replica of world.replicas) replica.services.session.choose(replica.agent.id);

    const sync = async (replica: SimReplica) => {
      stats.syncs++;
      try {
        await replica.engine.sync();
      } catch (error) {
        if (!(error instanceof NetworkDown)) throw error;
        stats.networkFailures++;
        return;
      }
      violations.push(...(await scopeViolations(replica, await server.agentScope(replica.agent.id))));
      const back = cursorViolation(replica);
      if (back !== null) violations.push(back);
    };
    const mutate = (replica: SimReplica) => {
      try {
        // Without an extension, no draw: the app's seeds replay as they always did.
        if (extension !== undefined && world.prng.chance(extension.share)) extension.mutate(world, replica);
        else localMutation(world, replica);
        stats.mutations++;
        const clientId = readMeta(replica.replica.db, 'client_id') as string;
        const last = Number(readMeta(replica.replica.db, 'last_mutation_id'));
        const list = created.get(clientId) ?? [];
        if (!list.includes(last)) list.push(last);
        created.set(clientId, list);
      } catch (error) {
        if (error instanceof NetworkDown || !(error instanceof Error) || !('code' in error)) throw error;
        stats.refusedLocally++;
      }
    };

    for (const replica of [counter!, counter!]) mutate(replica);
    for (let step = 0; step < steps; step++) {
      const replica = world.prng.pick(world.replicas);
      const roll = world.prng.float();
      if (roll < 0.45) mutate(replica);
      else if (roll < 0.75) await sync(replica);
      else if (roll < 0.8) world.partition(replica, 0.5 + world.prng.float() * 3);
      else if (roll < 0.9) world.advance(world.prng.int(6 * 60) * MINUTE);
      else if (roll < 0.93) await moveAgent(world);
      else if (roll < 0.96) replica.restart();
      else if (replica.lastPush !== null) {
        // A push delivered again, late and out of order: the server must treat it as the resend it is.
        await applyPush(server.store, replica.agent.id, structuredClone(replica.lastPush), () => new Date(world.now)).catch(
          (error: unknown) => {
            if (!isGuichetError(error)) throw error;
          },
        );
      }
    }

    // Quiescence: the network heals, every workspace syncs until nothing moves.
    world.faults = noFaults;
    world.advance(4 * DAY);
    for (let round = 0; round < 4; round++) for (const replica of world.replicas) await sync(replica);
    const snapshot = await server.snapshot();
    violations.push(...finalViolations(world.replicas, snapshot, created));
    for (const replica of world.replicas) {
      violations.push(...replica.pageViolations);
      stats.pagesChecked += replica.pagesChecked;
    }
    for (const entry of snapshot.mutationLog) {
      if (entry.result.outcome === 'applied') stats.applied++;
      else stats.refused++;
    }
  } catch (error) {
    violations.push(`crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    world.close();
  }
  return { seed, violations, stats };
}

/** An admin moves an agent to another department on the server (not a client mutation). */
async function moveAgent(world: World): Promise<void> {
  const movable = world.city.agents.filter((agent) => agent.roles.every((role) => role.role === 'field'));
  const agent = world.prng.pick(movable);
  const department = world.prng.pick(world.city.departments);
  await world.server.setAgentRoles(agent.id, [{ departmentId: department.id, role: 'field' }]);
}

/** What an agent does at their workspace: one named mutation through the real services. */
function localMutation(world: World, replica: SimReplica): void {
  const { prng } = world;
  const db = replica.replica.db;
  const repos = createRepositories(db);
  const agent = replica.services.session.currentAgent();
  if (agent === null) return;
  const held = db.select().from(cases).all().map(toCase);
  const citizenRows = db.select().from(citizens).all().map(toCitizen);
  const categories = repos.reference.categories();
  const roll = prng.float();
  const target = held.length > 0 ? prng.pick(held) : null;

  if (target === null || roll < 0.15) {
    const category = prng.pick(categories);
    replica.services.cases.open(agent, {
      categoryId: category.id,
      channel: 'counter',
      subject: `Signalement ${prng.int(1000)}`,
      citizenId: citizenRows.length > 0 && prng.chance(0.5) ? prng.pick(citizenRows).id : null,
    });
  } else if (roll < 0.5) {
    const roles = rolesIn(agent, target.departmentId);
    const actions = allowedActions(target.status, roles);
    const action = actions.length > 0 && prng.chance(0.8) ? prng.pick(actions) : prng.pick(caseActionSchema.options);
    const rule = ruleFor(action);
    const assignees = repos.reference.agents().filter((a) => rolesIn(a, target.departmentId).length > 0);
    replica.services.cases.transition(agent, {
      caseId: target.id,
      action,
      expectedStatus: target.status,
      assigneeId: rule.needsAssignee && assignees.length > 0 ? prng.pick(assignees).id : null,
      comment: rule.needsComment || prng.chance(0.2) ? `Motif ${prng.int(100)}` : null,
    });
  } else if (roll < 0.58) {
    replica.services.cases.update(agent, {
      caseId: target.id,
      expectedVersion: target.version,
      ...(prng.chance(0.5)
        ? { description: `Description ${prng.int(1000)}` }
        : { priority: prng.pick(['low', 'normal', 'high', 'urgent'] as const) }),
    });
  } else if (roll < 0.63) {
    const assignees = repos.reference.agents().filter((a) => rolesIn(a, target.departmentId).length > 0);
    replica.services.cases.reassign(agent, { caseId: target.id, assigneeId: prng.pick(assignees).id });
  } else if (roll < 0.64) {
    replica.services.cases.comment(agent, {
      caseId: target.id,
      visibility: prng.chance(0.7) ? 'internal' : 'public',
      body: `Note ${prng.int(1000)}`,
    });
  } else if (roll < 0.72) {
    // Themes on feedback: the same theme in several spellings from several agents, some taken off again.
    const feedback = held.filter((row) => row.kind === 'feedback');
    if (feedback.length === 0) {
      // No feedback on this workspace yet: some arrives (as /avis would bring it).
      const category = prng.pick(categories.filter((candidate) => candidate.kind === 'feedback'));
      replica.services.cases.open(agent, { categoryId: category.id, channel: 'web', subject: `Avis ${prng.int(1000)}` });
      return;
    }
    const tagged = prng.pick(feedback);
    const theme = prng.pick(['Horaires', ' horaires', 'Accueil', 'Propreté']);
    if (prng.chance(0.35)) replica.services.feedbackThemes.untag(agent, { caseId: tagged.id, theme });
    else replica.services.feedbackThemes.tag(agent, { caseId: tagged.id, theme });
  } else if (roll < 0.8) {
    const elsewhere = categories.filter((category) => category.departmentId !== target.departmentId);
    replica.services.cases.transfer(agent, {
      caseId: target.id,
      expectedDepartmentId: target.departmentId,
      categoryId: prng.pick(elsewhere).id,
      comment: 'Mauvais service',
    });
  } else if (roll < 0.9 || citizenRows.length === 0) {
    replica.services.citizens.create(agent, { firstName: prng.pick(['Léa', 'Hugo', 'Inès']), lastName: `Usager${prng.int(500)}` });
  } else {
    const citizen = prng.pick(citizenRows);
    replica.services.citizens.update(agent, {
      id: citizen.id,
      expectedVersion: citizen.version,
      values: { firstName: citizen.firstName, lastName: `${citizen.lastName}-${prng.int(9)}` },
    });
  }
}
