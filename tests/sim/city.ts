import type { City } from './world';

const id = (n: number) => `0190f000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A small city with a few hot spots: three departments, agents with overlapping scopes. */
export function simCity(): City & { ids: Record<string, string> } {
  const [voirie, proprete, etatCivil] = [id(1), id(2), id(3)];
  const departments = [
    { id: voirie, code: 'VOIRIE', name: 'Voirie' },
    { id: proprete, code: 'PROPRETE', name: 'Propreté urbaine' },
    { id: etatCivil, code: 'ETAT-CIVIL', name: 'État civil' },
  ];
  const category = (
    n: number,
    departmentId: string,
    label: string,
    days: number,
    kind: 'working' | 'calendar',
    caseKind: 'report' | 'feedback' = 'report',
  ) => ({
    id: id(100 + n),
    departmentId,
    serviceCode: `sim-${n}`,
    label,
    kind: caseKind,
    deadlineDays: days,
    deadlineKind: kind,
    defaultPriority: 'normal' as const,
    duplicateRadiusM: 50,
    retentionMonths: 36,
  });
  const categories = [
    category(1, voirie, 'Nid-de-poule', 10, 'working'),
    category(2, voirie, 'Trottoir dégradé', 15, 'working'),
    category(3, proprete, 'Dépôt sauvage', 3, 'working'),
    category(4, proprete, 'Tag', 2, 'calendar'),
    category(5, etatCivil, 'Acte de naissance', 5, 'working'),
    // Feedback, which agents file under themes (and which a transfer may turn into another kind).
    category(6, voirie, 'Avis sur la voirie', 20, 'working', 'feedback'),
    category(7, proprete, 'Avis sur la propreté', 20, 'working', 'feedback'),
  ];
  const agent = (n: number, name: string, roles: [string, 'counter' | 'field' | 'supervisor' | 'admin'][]) => ({
    id: id(200 + n),
    name,
    email: `agent${n}@sim.example`,
    roles: roles.map(([departmentId, role]) => ({ departmentId, role })),
  });
  const agents = [
    agent(1, 'Accueil', [
      [voirie, 'counter'],
      [proprete, 'counter'],
      [etatCivil, 'counter'],
    ]),
    agent(2, 'Terrain Voirie', [[voirie, 'field']]),
    agent(3, 'Terrain Propreté', [[proprete, 'field']]),
    agent(4, 'Responsable', [
      [voirie, 'supervisor'],
      [proprete, 'supervisor'],
    ]),
    agent(5, 'Terrain mobile', [[etatCivil, 'field']]),
  ];
  return { departments, categories, agents, ids: { voirie, proprete, etatCivil } };
}
