import { Badge, NavLink, Stack, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMayPerform } from '../../features/session';
import { routeHref, type Route } from '../router';

const entries = [
  { route: { name: 'desk' }, label: 'nav.desk', matches: ['desk'] },
  { route: { name: 'cases' }, label: 'nav.cases', matches: ['cases', 'case'] },
  { route: { name: 'newCase', citizenId: null }, label: 'nav.newCase', matches: ['newCase', 'caseCreated'] },
  { route: { name: 'newCitizen' }, label: 'nav.newCitizen', matches: ['newCitizen'] },
] as const satisfies readonly { route: Route; label: string; matches: readonly Route['name'][] }[];

export interface MainNavProps {
  current: Route;
  /** Open refusals; null on a desk without a central service (no inbox then). */
  inboxCount: number | null;
}

export function MainNav({ current, inboxCount }: MainNavProps) {
  const { t } = useTranslation();
  const inboxActive = current.name === 'syncInbox';
  // Creating a citizen is the one entry some agents may not use (the permission table's `citizen.create`).
  const mayCreateCitizen = useMayPerform('citizen.create', null);
  const offered = entries.filter((entry) => mayCreateCitizen || entry.route.name !== 'newCitizen');
  return (
    <Stack gap={2} p="sm">
      {offered.map((entry) => {
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
      {inboxCount !== null && (
        <NavLink
          href={routeHref({ name: 'syncInbox' })}
          label={t('nav.syncInbox')}
          active={inboxActive}
          aria-current={inboxActive ? 'page' : undefined}
          variant="light"
          rightSection={
            inboxCount > 0 && (
              <Badge color="red" size="sm" circle={inboxCount < 10}>
                <span aria-hidden="true">{inboxCount}</span>
                <VisuallyHidden>{t('nav.syncInboxCount', { count: inboxCount })}</VisuallyHidden>
              </Badge>
            )
          }
        />
      )}
    </Stack>
  );
}
