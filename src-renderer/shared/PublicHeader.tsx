import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The header of the screens shown before the workspace opens (sign-in, agent picker, first sync). */
export function PublicHeader() {
  const { t } = useTranslation();
  return (
    <header>
      <Group justify="space-between" px="md" py="sm" bg="gray.0">
        <Text fw={700} size="lg">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Group>
    </header>
  );
}
