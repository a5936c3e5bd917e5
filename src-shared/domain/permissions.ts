import { roleSchema, type CaseStatus, type Role } from '../schemas/common';
import type { Agent } from '../schemas/entities';
import { caseActionSchema, type CaseAction } from '../schemas/procedures';
import { roleMayApply, ruleFor, transitionRules } from './case-status';

type AgentRoles = Pick<Agent, 'roles'>;

/** The agent's roles in one department, without repeats, in the schema's order. */
export function rolesIn(agent: AgentRoles, departmentId: string): Role[] {
  const held = new Set(agent.roles.filter((entry) => entry.departmentId === departmentId).map((entry) => entry.role));
  return roleSchema.options.filter((role) => held.has(role));
}

/** Departments the agent belongs to, each once, in the order granted. */
export function departmentsOf(agent: AgentRoles): string[] {
  return [...new Set(agent.roles.map((entry) => entry.departmentId))];
}

/**
 * What the permission table speaks of: each named mutation, a status change per action of the state
 * machine, `citizen.read` (holding the citizen file: receiving it, naming a citizen on a case), and the
 * surveys' `survey.design` (writing a department's surveys), `survey.response.enter` (entering answers on a
 * citizen's behalf), `survey.synthesis.read` (reading their results), `survey.answer.tag` (filing open answers
 * under themes) and `outcome.publish` (writing and publishing what the city changed; indicators are
 * `survey.design`).
 */
export type PermissionAction =
  | 'citizen.read'
  | 'citizen.create'
  | 'citizen.update'
  | 'case.open'
  | `case.transition.${CaseAction}`
  | 'case.transfer'
  | 'case.update'
  | 'case.reassign'
  | 'case.comment'
  | 'survey.design'
  | 'survey.response.enter'
  | 'survey.synthesis.read'
  | 'survey.answer.tag'
  | 'outcome.publish';

/**
 * How far a role reaches for an action:
 * - `own`: in the departments where the agent holds that role;
 * - `any`: holding the role in any department allows the action in every department and on the citizen
 *   file, which belongs to no department;
 * - `none`: never.
 */
export type Reach = 'none' | 'own' | 'any';

type Row = Readonly<Record<Role, Reach>>;

const publicFacing: Row = { counter: 'any', field: 'none', supervisor: 'any', admin: 'any' };
const members: Row = { counter: 'own', field: 'own', supervisor: 'own', admin: 'own' };

/** A state machine rule's roles act in their own department; admin is allowed wherever a rule applies. */
function fromRule(action: CaseAction): Row {
  const reach = (role: Role): Reach => (roleMayApply(ruleFor(action), [role]) ? 'own' : 'none');
  return { counter: reach('counter'), field: reach('field'), supervisor: reach('supervisor'), admin: reach('admin') };
}

const transitions = Object.fromEntries(caseActionSchema.options.map((action) => [`case.transition.${action}`, fromRule(action)])) as Record<
  `case.transition.${CaseAction}`,
  Row
>;

/**
 * The one permission table (docs/security/permissions.md), read by the mutators on the replica and on
 * the central service, by the sync scope and by the screens. Field agents work in the street and carry no
 * citizen file; the desk (counter, supervisors, admins) serves the public for every department, so it
 * opens cases anywhere and counter agents take notes on any case the citizen calls about.
 */
export const permissionTable: Readonly<Record<PermissionAction, Row>> = {
  'citizen.read': publicFacing,
  'citizen.create': publicFacing,
  'citizen.update': publicFacing,
  'case.open': { counter: 'any', field: 'own', supervisor: 'any', admin: 'any' },
  ...transitions,
  'case.transfer': { counter: 'own', field: 'none', supervisor: 'own', admin: 'own' },
  'case.update': members,
  // A re-assignment is the `assign` transition's privilege without its compare-and-set.
  'case.reassign': fromRule('assign'),
  'case.comment': { counter: 'any', field: 'own', supervisor: 'own', admin: 'own' },
  // Those who steer a department write what it asks the public; everyone working for it reads the answers.
  'survey.design': { counter: 'none', field: 'none', supervisor: 'own', admin: 'own' },
  // Answers given at the desk or on the phone are entered for any department the desk serves; field agents
  // and supervisors enter them (meetings, rounds) for their own.
  'survey.response.enter': { counter: 'any', field: 'own', supervisor: 'own', admin: 'own' },
  'survey.synthesis.read': members,
  // Filing open answers under themes is reading them closely: whoever reads the synthesis may do it.
  'survey.answer.tag': members,
  // What the city says it changed is said by those who steer the department.
  'outcome.publish': { counter: 'none', field: 'none', supervisor: 'own', admin: 'own' },
};

export const permissionActions = Object.keys(permissionTable) as PermissionAction[];

/**
 * Whether the agent may perform the action on a row of `departmentId` (null: the citizen file, which
 * belongs to no department). Decided from the agent's roles alone, so it is asked before anything of the
 * row but its department is read.
 */
export function mayPerform(agent: AgentRoles, action: PermissionAction, departmentId: string | null): boolean {
  const row = permissionTable[action];
  return agent.roles.some((grant) => {
    const reach = row[grant.role];
    return reach === 'any' || (reach === 'own' && grant.departmentId === departmentId);
  });
}

/** The permission for a status change by action. */
export function transitionPermission(action: CaseAction): PermissionAction {
  return `case.transition.${action}`;
}

/** The status changes offered on a case: those the state machine allows from its status and the table to the agent. */
export function offeredTransitions(agent: AgentRoles, status: CaseStatus, departmentId: string): CaseAction[] {
  return transitionRules
    .filter((rule) => rule.from.includes(status) && mayPerform(agent, transitionPermission(rule.action), departmentId))
    .map((rule) => rule.action);
}

/** Whether the agent may open a case in a department (a street report, or any request at the desk). */
export function canOpenCaseIn(agent: AgentRoles, departmentId: string): boolean {
  return mayPerform(agent, 'case.open', departmentId);
}

/** Whether the agent may add a note to a case of a department. */
export function canCommentIn(agent: AgentRoles, departmentId: string): boolean {
  return mayPerform(agent, 'case.comment', departmentId);
}

/** The departments whose surveys the agent may design, in the order granted. */
export function surveyDesignDepartments(agent: AgentRoles): string[] {
  return departmentsOf(agent).filter((departmentId) => mayPerform(agent, 'survey.design', departmentId));
}

/** Whether the agent holds the citizen file (receives it, creates and edits citizens, names them on cases). */
export function holdsCitizenFile(agent: AgentRoles): boolean {
  return mayPerform(agent, 'citizen.read', null);
}
