import { parseArgs } from 'node:util';
import { isGuichetError, SettingError } from '../../src-shared/errors';
import { roleSchema, type Role } from '../../src-shared/schemas/common';
import { changeChannel, encodeNotice, everyDepartment } from '../bus';
import { systemClock, type Clock } from '../../src-shared/domain/clock';
import type { CentralDatabase } from '../db/central-db-types';
import { createAgent, disableAgent, setAgentPassword, setAgentRoles } from './agent-admin';

export const adminUsage = [
  'usage: npm run central:admin -- <command> [options]',
  '  create-agent --email <email> --name <name> --password <password> [--role <DEPARTMENT_CODE>:<role> ...]',
  `               roles: ${roleSchema.options.join(', ')}`,
  '  set-password --email <email> --password <password>',
  '  set-roles    --email <email> [--role <DEPARTMENT_CODE>:<role> ...]   (replaces every role; none: no department)',
  '  disable      --email <email>',
].join('\n');

export interface AdminIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const commands = ['create-agent', 'set-password', 'set-roles', 'disable'];

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new SettingError(`--${name} is required`);
  return value;
}

function parseRole(text: string): { departmentCode: string; role: Role } {
  const separator = text.lastIndexOf(':');
  const role = roleSchema.safeParse(text.slice(separator + 1));
  if (separator <= 0 || !role.success)
    throw new SettingError(`--role ${JSON.stringify(text)}: expected <DEPARTMENT_CODE>:<${roleSchema.options.join('|')}>`);
  return { departmentCode: text.slice(0, separator), role: role.data };
}

/**
 * Runs one admin command on an opened, migrated database and returns the exit code: 0 done, 1 refused
 * (coded error), 2 usage. Changes to replicated rows are announced on the bus, so running services poke.
 */
export async function runAdminCommand(
  argv: readonly string[],
  database: CentralDatabase,
  io: AdminIo,
  clock: Clock = systemClock,
): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string', multiple: true },
      },
    });
    const [command, ...extra] = positionals;
    if (command === undefined || !commands.includes(command)) {
      throw new SettingError(command === undefined ? 'missing command' : `unknown command ${JSON.stringify(command)}`);
    }
    if (extra.length > 0) throw new SettingError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const email = required(values, 'email');
    if (command === 'create-agent') {
      const roles = (values.role ?? []).map(parseRole);
      const created = await createAgent(database.db, clock, {
        email,
        name: required(values, 'name'),
        password: required(values, 'password'),
        roles,
      });
      await database.notify(changeChannel, encodeNotice({ departments: [everyDepartment], version: created.version }));
      io.out(`agent created: ${created.agentId} ${email.trim().toLowerCase()}`);
    } else if (command === 'set-password') {
      const changed = await setAgentPassword(database.db, clock, { email, password: required(values, 'password') });
      io.out(`password set for ${changed.agentId}; ${changed.revokedSessions} session(s) revoked`);
    } else if (command === 'set-roles') {
      const changed = await setAgentRoles(database.db, clock, { email, roles: (values.role ?? []).map(parseRole) });
      await database.notify(changeChannel, encodeNotice({ departments: [everyDepartment], version: changed.version }));
      io.out(`roles of ${changed.agentId}: ${changed.roles.length === 0 ? 'none' : changed.roles.join(' ')}`);
    } else {
      const disabled = await disableAgent(database.db, clock, { email });
      await database.notify(changeChannel, encodeNotice({ departments: [everyDepartment], version: disabled.version }));
      io.out(`agent disabled: ${disabled.agentId}; ${disabled.revokedSessions} session(s) revoked`);
    }
    return 0;
  } catch (error) {
    if (isGuichetError(error)) {
      io.err(`refused: ${error.code} ${JSON.stringify(error.args)}`);
      return 1;
    }
    if (error instanceof SettingError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n${adminUsage}`);
      return 2;
    }
    throw error;
  }
}
