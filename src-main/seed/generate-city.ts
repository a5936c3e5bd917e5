import { v7 as uuidv7 } from 'uuid';
import { computeDeadline } from '../../src-shared/domain/deadline';
import { normalizeName } from '../../src-shared/domain/similarity';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';
import type { CaseStatus, Channel, Role } from '../../src-shared/schemas/common';
import type { ReplicaDb } from '../db/open-replica';
import {
  demoCity,
  demoDepartments,
  descriptionSentences,
  firstNames,
  lastNames,
  streetNames,
  streetTypes,
} from './demo-data';
import { createPrng, type Prng } from './prng';

export interface CitySize {
  citizens: number;
  cases: number;
  /** Extra internal notes per case on average, on top of the status history. */
  notesPerCase: number;
}

export interface GenerateOptions extends CitySize {
  seed: number;
  now: Date;
  /** Called after each committed batch of cases, e.g. to print progress. */
  onProgress?: (casesDone: number) => void;
}

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
  ['new', 22], ['qualified', 10], ['assigned', 14], ['in_progress', 16], ['waiting_citizen', 5],
  ['resolved', 10], ['closed', 17], ['rejected', 3], ['cancelled', 3],
];
const channelWeights: [Channel, number][] = [
  ['counter', 30], ['phone', 25], ['email', 15], ['web', 15], ['mail', 5], ['app', 5], ['field', 5],
];
const DAY = 86_400_000;

function idAt(prng: Prng, msecs: number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = prng.int(256);
  return uuidv7({ msecs, random });
}

/** Departments, categories and agents of the demo city (with made-up names). */
function insertReference(db: ReplicaDb, prng: Prng, now: number) {
  const client = db.$client;
  const insertDepartment = client.prepare('INSERT INTO departments (id, code, name) VALUES (?, ?, ?)');
  const insertCategory = client.prepare(
    `INSERT INTO categories (id, department_id, service_code, label, kind, deadline_days, deadline_kind, default_priority,
      duplicate_radius_m, retention_months) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAgent = client.prepare('INSERT INTO agents (id, name, email) VALUES (?, ?, ?)');
  const insertRole = client.prepare('INSERT INTO agent_roles (agent_id, department_id, role) VALUES (?, ?, ?)');
  const departments = demoDepartments.map((department) => {
    const id = idAt(prng, now - 400 * DAY);
    insertDepartment.run(id, department.code, department.name);
    const categories = department.categories.map((category) => {
      const categoryId = idAt(prng, now - 400 * DAY);
      insertCategory.run(categoryId, id, category.code, category.label, category.kind, category.days,
        category.deadlineKind, category.priority, category.kind === 'report' ? 50 : 0, 36);
      return { ...category, id: categoryId, departmentId: id };
    });
    return { id, code: department.code, categories, fieldAgents: [] as string[] };
  });
  const addAgent = (name: string, login: string, roles: [string, Role][]) => {
    const id = idAt(prng, now - 300 * DAY);
    insertAgent.run(id, name, `${login}@rivebelle.example`);
    for (const [departmentId, role] of roles) insertRole.run(id, departmentId, role);
    return id;
  };
  const everywhere = (role: Role) => departments.map((department): [string, Role] => [department.id, role]);
  addAgent('Camille Accueil', 'camille.accueil', everywhere('counter'));
  addAgent('Samir Accueil', 'samir.accueil', everywhere('counter'));
  addAgent('Nadia Administratrice', 'nadia.admin', everywhere('admin'));
  for (const department of departments) {
    const label = department.code.toLowerCase();
    addAgent(`Responsable ${department.code}`, `responsable.${label}`, [[department.id, 'supervisor'], ...everywhere('counter')]);
    for (const n of [1, 2]) {
      department.fieldAgents.push(addAgent(`Agent de terrain ${department.code} ${n}`, `terrain${n}.${label}`, [[department.id, 'field']]));
    }
  }
  return departments;
}

export function generateCity(db: ReplicaDb, options: GenerateOptions): void {
  const prng = createPrng(options.seed);
  const now = options.now.getTime();
  const client = db.$client;
  const departments = client.transaction(() => insertReference(db, prng, now))();
  const categories = departments.flatMap((department) =>
    department.categories.map((category) => ({ ...category, fieldAgents: department.fieldAgents })),
  );

  const insertCitizen = client.prepare(
    `INSERT INTO citizens (id, first_name, last_name, name_key, birth_date, email, phone, address_line1, address_line2,
      postal_code, city, latitude, longitude, preferred_channel, consent_email, consent_sms, consent_surveys,
      certification, merged_into, created_at, updated_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1)`,
  );
  const insertCase = client.prepare(
    `INSERT INTO cases (id, tracking_code, kind, citizen_id, category_id, department_id, channel, subject, description,
      address, latitude, longitude, status, priority, assignee_id, parent_id, duplicate_of_id, deadline,
      deadline_paused_at, created_at, updated_at, closed_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = client.prepare('INSERT INTO case_events (id, case_id, type, at, agent_id, data) VALUES (?, ?, ?, ?, ?, ?)');

  const address = () =>
    `${1 + prng.int(180)} ${prng.pick(streetTypes)} ${prng.pick(streetNames)}`;
  const citizenIds: string[] = [];
  const batch = 5_000;
  for (let start = 0; start < options.citizens; start += batch) {
    client.transaction(() => {
      for (let i = start; i < Math.min(start + batch, options.citizens); i++) {
        const firstName = prng.pick(firstNames);
        const lastName = prng.pick(lastNames);
        const created = now - prng.int(900) * DAY - prng.int(DAY);
        const id = idAt(prng, created);
        const login = normalizeName(`${firstName}.${lastName}`).replace(/ /g, '.');
        const birthYear = 1935 + prng.int(70);
        const birthDate = `${birthYear}-${String(1 + prng.int(12)).padStart(2, '0')}-${String(1 + prng.int(28)).padStart(2, '0')}`;
        const phone = `0${prng.pick(['1', '2', '6', '7'])}${String(prng.int(100_000_000)).padStart(8, '0')}`;
        const at = new Date(created).toISOString();
        insertCitizen.run(id, firstName, lastName, normalizeName(`${firstName} ${lastName}`), birthDate,
          prng.chance(0.8) ? `${login}${i}@exemple.fr` : null, prng.chance(0.85) ? phone : null, address(),
          prng.pick(demoCity.postalCodes), demoCity.name, demoCity.latitude + prng.float() / 50,
          demoCity.longitude + prng.float() / 50, prng.pick(['email', 'phone', 'mail'] as const),
          prng.chance(0.6) ? 1 : 0, prng.chance(0.3) ? 1 : 0, prng.chance(0.4) ? 1 : 0,
          prng.pick(['declared', 'checked', 'counter_id'] as const), at, at);
        citizenIds.push(id);
      }
    })();
  }

  const codes = new Set<string>();
  for (let start = 0; start < options.cases; start += batch) {
    client.transaction(() => {
      for (let i = start; i < Math.min(start + batch, options.cases); i++) {
        const category = prng.pick(categories);
        const status = prng.weighted(statusWeights);
        const created = now - prng.int(180) * DAY - prng.int(DAY);
        const id = idAt(prng, created);
        let code = generateTrackingCode(() => prng.float());
        while (codes.has(code)) code = generateTrackingCode(() => prng.float());
        codes.add(code);
        const path = paths[status];
        const assignee = path.includes('assigned') ? prng.pick(category.fieldAgents) : null;
        let at = created;
        const events: [string, string, number, string][] = [['created', JSON.stringify({ channel: 'counter' }), at, '']];
        for (let step = 1; step < path.length; step++) {
          at += prng.int(3 * DAY) + 60_000;
          const to = path[step] as CaseStatus;
          const data: Record<string, unknown> = { action: actionTo[to], from: path[step - 1], to, comment: null };
          if (to === 'assigned') data.assigneeId = assignee;
          events.push(['status_changed', JSON.stringify(data), at, '']);
        }
        for (let n = prng.int(Math.round(options.notesPerCase * 2) + 1); n > 0; n--) {
          at += prng.int(DAY) + 60_000;
          events.push(['internal_note', JSON.stringify({ body: prng.pick(descriptionSentences) }), at, '']);
        }
        const updated = Math.min(at, now);
        const createdIso = new Date(created).toISOString();
        const terminal = status === 'closed' || status === 'rejected' || status === 'cancelled';
        insertCase.run(id, code, category.kind, prng.chance(0.85) ? prng.pick(citizenIds) : null, category.id,
          category.departmentId, prng.weighted(channelWeights), prng.pick(category.subjects),
          `${prng.pick(descriptionSentences)} ${prng.pick(descriptionSentences)}`,
          category.kind === 'report' ? `${address()}, ${demoCity.name}` : null, null, null, status,
          prng.chance(0.1) ? 'high' : category.priority, assignee,
          computeDeadline(new Date(created), { days: category.days, kind: category.deadlineKind }),
          status === 'waiting_citizen' ? new Date(updated).toISOString() : null, createdIso,
          new Date(updated).toISOString(), terminal ? new Date(updated).toISOString() : null, path.length);
        for (const [type, data, eventAt] of events) {
          insertEvent.run(idAt(prng, Math.min(eventAt, now)), id, type, new Date(Math.min(eventAt, now)).toISOString(),
            type === 'created' ? null : assignee, data);
        }
      }
    })();
    options.onProgress?.(Math.min(start + batch, options.cases));
  }
}
