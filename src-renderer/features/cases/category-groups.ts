import type { Category, Department } from '../../../src-shared/schemas/entities';

export interface CategoryGroup {
  group: string;
  items: { value: string; label: string }[];
}

/** Categories grouped under their department's name, departments and labels in French alphabetical order. */
export function categoryGroups(categories: readonly Category[], departments: ReadonlyMap<string, Department>): CategoryGroup[] {
  const groups = new Map<string, CategoryGroup>();
  for (const category of categories) {
    const name = departments.get(category.departmentId)?.name ?? category.departmentId;
    const group = groups.get(name) ?? { group: name, items: [] };
    group.items.push({ value: category.id, label: category.label });
    groups.set(name, group);
  }
  const collator = new Intl.Collator('fr');
  return [...groups.values()]
    .sort((a, b) => collator.compare(a.group, b.group))
    .map((group) => ({ ...group, items: group.items.sort((a, b) => collator.compare(a.label, b.label)) }));
}
