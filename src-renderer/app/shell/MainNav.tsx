import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref, type Route } from '../router';

const entries = [
  { route: { name: 'desk' }, label: 'nav.desk', matches: ['desk'] },
  { route: { name: 'cases' }, label: 'nav.cases', matches: ['cases', 'case'] },
  { route: { name: 'newCase', citizenId: null }, label: 'nav.newCase', matches: ['newCase'] },
  { route: { name: 'newCitizen' }, label: 'nav.newCitizen', matches: ['newCitizen'] },
] as const satisfies readonly { route: Route; label: string; matches: readonly Route['name'][] }[];

export function MainNav({ current }: { current: Route }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} p="sm">
      {entries.map((entry) => {
        const active = (entry.matches as readonly string[]).includes(current.name);
        return (
          <NavLink
            key={entry.label}
            href={routeHref(entry.route)}
            label={t(entry.label)}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
          />
        );
      })}
    </Stack>
  );
}
