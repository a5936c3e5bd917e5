import { generateCityBatches, type CityOptions, type CitySize } from '../../src-shared/demo/city-generator';
import type { ReplicaDb } from '../db/open-replica';
import { citizenColumns } from '../repositories/row-mappers';

export type { CitySize };

export interface GenerateOptions extends CityOptions {
  /** Called after each committed batch of cases, e.g. to print progress. */
  onProgress?: (casesDone: number) => void;
}

/** Writes the demo city into a replica with prepared statements, one transaction a batch. */
export function writeCityToReplica(db: ReplicaDb, options: GenerateOptions): void {
  const client = db.$client;
  const insert = (table: string, columns: string[]) =>
    client.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const department = insert('departments', ['id', 'code', 'name']);
  const category = insert('categories', [
    'id',
    'department_id',
    'service_code',
    'label',
    'kind',
    'deadline_days',
    'deadline_kind',
    'default_priority',
    'duplicate_radius_m',
    'retention_months',
  ]);
  const agent = insert('agents', ['id', 'name', 'email']);
  const role = insert('agent_roles', ['agent_id', 'department_id', 'role']);
  const citizen = insert('citizens', [
    'id',
    'first_name',
    'last_name',
    'name_key',
    'birth_date',
    'email',
    'phone',
    'address_line1',
    'address_line2',
    'postal_code',
    'city',
    'latitude',
    'longitude',
    'preferred_channel',
    'consent_email',
    'consent_sms',
    'consent_surveys',
    'certification',
    'merged_into',
    'created_at',
    'updated_at',
    'version',
  ]);
  const caseRow = insert('cases', [
    'id',
    'tracking_code',
    'kind',
    'citizen_id',
    'category_id',
    'department_id',
    'channel',
    'subject',
    'description',
    'address',
    'latitude',
    'longitude',
    'status',
    'priority',
    'assignee_id',
    'parent_id',
    'duplicate_of_id',
    'deadline',
    'deadline_paused_at',
    'created_at',
    'updated_at',
    'closed_at',
    'version',
  ]);
  const event = insert('case_events', ['id', 'case_id', 'type', 'at', 'agent_id', 'data']);
  let casesDone = 0;

  for (const batch of generateCityBatches(options)) {
    client.transaction(() => {
      switch (batch.kind) {
        case 'departments':
          for (const row of batch.rows) department.run(row);
          break;
        case 'categories':
          for (const row of batch.rows) category.run(snake(row));
          break;
        case 'agents':
          for (const row of batch.rows) {
            agent.run({ id: row.id, name: row.name, email: row.email });
            for (const granted of row.roles) role.run({ agent_id: row.id, department_id: granted.departmentId, role: granted.role });
          }
          break;
        case 'citizens':
          for (const row of batch.rows) {
            const columns = snake(citizenColumns(row));
            citizen.run({
              ...columns,
              consent_email: Number(columns.consent_email),
              consent_sms: Number(columns.consent_sms),
              consent_surveys: Number(columns.consent_surveys),
            });
          }
          break;
        case 'cases':
          for (const row of batch.rows) caseRow.run(snake(row));
          for (const row of batch.events) event.run({ ...snake(row), data: JSON.stringify(row.data) });
          casesDone += batch.rows.length;
          break;
      }
    })();
    if (batch.kind === 'cases') options.onProgress?.(casesDone);
  }
}

function snake(row: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) result[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  return result;
}
