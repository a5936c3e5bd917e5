import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Permitted } from '../../features/session';
import { routeDefs, routeHref, type Route } from '../router';

/** The screen of the current route, as its feature declared it; a route that needs a permission checks it first. */
export function RouteView({ route }: { route: Route }) {
  const def = route.name === 'notFound' ? undefined : routeDefs().get(route.name);
  if (def === undefined) return <NotFound />;
  const screen = def.render(route);
  if (def.permission === null) return screen;
  return (
    <Permitted action={def.permission} departmentId={null}>
      {screen}
    </Permitted>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Button component="a" href={routeHref({ name: 'desk' })}>
        {t('nav.desk')}
      </Button>
    </Stack>
  );
}
