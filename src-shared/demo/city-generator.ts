import { v7 as uuidv7 } from 'uuid';
import { computeDeadline } from '../domain/deadline';
import { normalizeName } from '../domain/similarity';
import { generateTrackingCode } from '../domain/tracking-code';
import type { CaseStatus, Channel, Role } from '../schemas/common';
import type { Agent, Case, CaseEvent, Category, Citizen, Department } from '../schemas/entities';
import { demoCity, demoDepartments, descriptionSentences, firstNames, lastNames, streetNames, streetTypes } from './demo-data';
import { createPrng, type Prng } from './prng';

export interface CitySize {
  citizens: number;
  cases: number;
  /** Extra internal notes per case on average, on top of the status history. */
  notesPerCase: number;
}

export interface CityOptions extends CitySize {
  seed: number;
  now: Date;
  /** Rows per yielded batch of citizens or cases. */
  batchSize?: number;
}

/** The demo city in batches, so each side (SQLite replica, PostgreSQL) writes it its own way. */
export type CityBatch =
  | { kind: 'departments'; rows: Department[] }
  | { kind: 'categories'; rows: Category[] }
  | { kind: 'agents'; rows: (Agent & { login: string })[] }
  | { kind: 'citizens'; rows: Citizen[] }
  | { kind: 'cases'; rows: Case[]; events: CaseEvent[] };

// Paths to each final status through the state machine; the events retrace them.
const paths: Record<CaseStatus, CaseStatus[]> = {
  new: ['new'],
  qualified: ['new', 'qualified'],
  assigned: ['new', 'qualified', 'assigned'],
  in_progress: ['new', 'qualified', 'assigned', 'in_progress'],
  waiting_citizen: ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen'],
  resolved: ['new', 'qualified', 'assigned', 'in_progress', 'resolved'],
  closed: ['new', 'qualified', 'assigned', 'in_progress', 'resolved', 'closed'],
  rejected: ['new', 'rejected'],
  cancelled: ['new', 'qualified', 'cancelled'],
  merged: ['new'],
};
const actionTo: Partial<Record<CaseStatus, string>> = {
  qualified: 'qualify',
  assigned: 'assign',
  in_progress: 'start',
  waiting_citizen: 'wait_citizen',
  resolved: 'resolve',
  closed: 'close',
  rejected: 'reject',
  cancelled: 'cancel',
};
const statusWeights: [CaseStatus, number][] = [
  ['new', 22],
  ['qualified', 10],
  ['assigned', 14],
  ['in_progress', 16],
  ['waiting_citizen', 5],
  ['resolved', 10],
  ['closed', 17],
  ['rejected', 3],
  ['cancelled', 3],
];
const channelWeights: [Channel, number][] = [
  ['counter', 30],
  ['phone', 25],
  ['email', 15],
  ['web', 15],
  ['mail', 5],
  ['app', 5],
  ['field', 5],
];
const DAY = 86_400_000;

function idAt(prng: Prng, msecs: number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = prng.int(256);
  return uuidv7({ msecs, random });
}

function reference(prng: Prng, now: number) {
  const departments: (Department & { categories: Category[]; subjects: Map<string, string[]> })[] = demoDepartments.map((department) => {
    const id = idAt(prng, now - 400 * DAY);
    const subjects = new Map<string, string[]>();
    const categories = department.categories.map((category): Category => {
      const categoryId = idAt(prng, now - 400 * DAY);
      subjects.set(categoryId, category.subjects);
      return {
        id: categoryId,
        departmentId: id,
        serviceCode: category.code,
        label: category.label,
        kind: category.kind,
        deadlineDays: category.days,
        deadlineKind: category.deadlineKind,
        defaultPriority: category.priority,
        duplicateRadiusM: category.kind === 'report' ? 50 : 0,
        retentionMonths: 36,
      };
    });
    return { id, code: department.code, name: department.name, categories, subjects };
  });
  const agents: (Agent & { login: string })[] = [];
  const addAgent = (name: string, login: string, roles: [string, Role][]) => {
    const id = idAt(prng, now - 300 * DAY);
    agents.push({
      id,
      name,
      login,
      email: `${login}@rivebelle.example`,
      roles: roles.map(([departmentId, role]) => ({ departmentId, role })),
    });
    return id;
  };
  const everywhere = (role: Role) => departments.map((department): [string, Role] => [department.id, role]);
  addAgent('Camille Accueil', 'camille.accueil', everywhere('counter'));
  addAgent('Samir Accueil', 'samir.accueil', everywhere('counter'));
  addAgent('Nadia Administratrice', 'nadia.admin', everywhere('admin'));
  const fieldAgents = new Map<string, string[]>();
  for (const department of departments) {
    const label = department.code.toLowerCase();
    addAgent(`Responsable ${department.name}`, `responsable.${label}`, [[department.id, 'supervisor'], ...everywhere('counter')]);
    fieldAgents.set(
      department.id,
      [1, 2].map((n) => addAgent(`Agent de terrain ${department.name} ${n}`, `terrain${n}.${label}`, [[department.id, 'field']])),
    );
  }
  return { departments, agents, fieldAgents };
}

/** Generates the demo city (made-up people and places) as batches of rows for any store, deterministic for a seed. */
export function* generateCityBatches(options: CityOptions): Generator<CityBatch> {
  const prng = createPrng(options.seed);
  const now = options.now.getTime();
  const batchSize = options.batchSize ?? 5_000;
  const { departments, agents, fieldAgents } = reference(prng, now);
  yield { kind: 'departments', rows: departments.map(({ id, code, name }) => ({ id, code, name })) };
  yield { kind: 'categories', rows: departments.flatMap((department) => department.categories) };
  yield { kind: 'agents', rows: agents };

  const address = () => `${1 + prng.int(180)} ${prng.pick(streetTypes)} ${prng.pick(streetNames)}`;
  const citizenIds: string[] = [];
  for (let start = 0; start < options.citizens; start += batchSize) {
    const rows: Citizen[] = [];
    for (let i = start; i < Math.min(start + batchSize, options.citizens); i++) {
      const firstName = prng.pick(firstNames);
      const lastName = prng.pick(lastNames);
      const created = now - prng.int(900) * DAY - prng.int(DAY);
      const id = idAt(prng, created);
      const login = normalizeName(`${firstName}.${lastName}`).replace(/ /g, '.');
      const birthDate = `${1935 + prng.int(70)}-${String(1 + prng.int(12)).padStart(2, '0')}-${String(1 + prng.int(28)).padStart(2, '0')}`;
      const phone = `0${prng.pick(['1', '2', '6', '7'])}${String(prng.int(100_000_000)).padStart(8, '0')}`;
      const at = new Date(created).toISOString();
      rows.push({
        id,
        firstName,
        lastName,
        birthDate,
        email: prng.chance(0.8) ? `${login}${i}@exemple.fr` : null,
        phone: prng.chance(0.85) ? phone : null,
        address: { line1: address(), line2: null, postalCode: prng.pick(demoCity.postalCodes), city: demoCity.name },
        latitude: demoCity.latitude + prng.float() / 50,
        longitude: demoCity.longitude + prng.float() / 50,
        preferredChannel: prng.pick(['email', 'phone', 'mail'] as const),
        consents: { email: prng.chance(0.6), sms: prng.chance(0.3), surveys: prng.chance(0.4) },
        certification: prng.pick(['declared', 'checked', 'counter_id'] as const),
        mergedInto: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      citizenIds.push(id);
    }
    yield { kind: 'citizens', rows };
  }

  const categories = departments.flatMap((department) =>
    department.categories.map((category) => ({
      category,
      subjects: department.subjects.get(category.id) ?? [],
      fieldAgents: fieldAgents.get(department.id) ?? [],
    })),
  );
  const codes = new Set<string>();
  for (let start = 0; start < options.cases; start += batchSize) {
    const rows: Case[] = [];
    const events: CaseEvent[] = [];
    for (let i = start; i < Math.min(start + batchSize, options.cases); i++) {
      const { category, subjects, fieldAgents: agentsHere } = prng.pick(categories);
      const status = prng.weighted(statusWeights);
      const created = now - prng.int(180) * DAY - prng.int(DAY);
      const id = idAt(prng, created);
      let code = generateTrackingCode(() => prng.float());
      while (codes.has(code)) code = generateTrackingCode(() => prng.float());
      codes.add(code);
      const path = paths[status];
      const assignee = path.includes('assigned') ? prng.pick(agentsHere) : null;
      const channel = prng.weighted(channelWeights);
      const notes = prng.int(Math.round(options.notesPerCase * 2) + 1);
      // Spread the steps between opening and now, so a timeline reads in order (and never in the future).
      const slot = Math.max(60_000, Math.floor((now - created) / (path.length + notes)));
      let at = created;
      const history: [CaseEvent['type'], Record<string, unknown>, number][] = [['created', { channel }, at]];
      for (let step = 1; step < path.length; step++) {
        at += 30_000 + prng.int(slot);
        const to = path[step] as CaseStatus;
        const data: Record<string, unknown> = { action: actionTo[to], from: path[step - 1], to, comment: null };
        if (to === 'assigned') data.assigneeId = assignee;
        history.push(['status_changed', data, at]);
      }
      for (let n = notes; n > 0; n--) {
        at += 30_000 + prng.int(slot);
        history.push(['internal_note', { body: prng.pick(descriptionSentences) }, at]);
      }
      const updated = new Date(Math.min(at, now)).toISOString();
      const terminal = status === 'closed' || status === 'rejected' || status === 'cancelled';
      rows.push({
        id,
        trackingCode: code,
        kind: category.kind,
        citizenId: prng.chance(0.85) ? prng.pick(citizenIds) : null,
        categoryId: category.id,
        departmentId: category.departmentId,
        channel,
        subject: prng.pick(subjects),
        description: `${prng.pick(descriptionSentences)} ${prng.pick(descriptionSentences)}`,
        address: category.kind === 'report' ? `${address()}, ${demoCity.name}` : null,
        latitude: null,
        longitude: null,
        status,
        priority: prng.chance(0.1) ? 'high' : category.defaultPriority,
        assigneeId: assignee,
        parentId: null,
        duplicateOfId: null,
        deadline: computeDeadline(new Date(created), { days: category.deadlineDays, kind: category.deadlineKind }),
        deadlinePausedAt: status === 'waiting_citizen' ? updated : null,
        createdAt: new Date(created).toISOString(),
        updatedAt: updated,
        closedAt: terminal ? updated : null,
        version: path.length,
      });
      for (const [type, data, eventAt] of history) {
        const when = Math.min(eventAt, now);
        events.push({
          id: idAt(prng, when),
          caseId: id,
          type,
          at: new Date(when).toISOString(),
          agentId: type === 'created' ? null : assignee,
          data,
        });
      }
    }
    yield { kind: 'cases', rows, events };
  }
}
