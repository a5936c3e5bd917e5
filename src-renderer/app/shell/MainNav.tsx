import { Badge, NavLink, Stack, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { mayPerform } from '../../../src-shared/domain/permissions';
import { features } from '../../features';
import { useCurrentAgent } from '../../features/session';
import type { SyncStatus } from '../../features/sync';
import type { NavEntry } from '../feature-kit';
import { routeDefs, routeHref, type Route } from '../router';

export interface MainNavProps {
  current: Route;
  status: SyncStatus;
}

/** Every feature's entries, in the feature list's order; an entry leading to a screen the agent may not use is left out. */
export function MainNav({ current, status }: MainNavProps) {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const entries = features().flatMap((feature) => feature.nav as readonly NavEntry[]);
  const offered = entries.filter((entry) => {
    const permission = routeDefs().get(entry.to.name)?.permission ?? null;
    const permitted = (permission === null || mayPerform(agent, permission, null)) && (entry.shownTo?.(agent) ?? true);
    return permitted && entry.count?.of(status) !== null;
  });
  return (
    <Stack gap={2} p="sm">
      {offered.map((entry) => {
        const active = (entry.matches ?? [entry.to.name]).includes(current.name);
        const count = entry.count?.of(status) ?? 0;
        return (
          <NavLink
            key={entry.label}
            href={routeHref(entry.to as Route)}
            label={t(entry.label)}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
            rightSection={
              entry.count !== undefined &&
              count > 0 && (
                <Badge color="red" size="sm" circle={count < 10}>
                  <span aria-hidden="true">{count}</span>
                  <VisuallyHidden>{t(entry.count.label, { count })}</VisuallyHidden>
                </Badge>
              )
            }
          />
        );
      })}
    </Stack>
  );
}
