import { Badge, Code, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReadOnlyElement } from '../../../../src-shared/surveys';
import { moveElement, removeElement } from '../draft';
import { useApplyEdit } from '../store';
import { ElementControls } from './ElementControls';

/** An imported element the designer cannot edit: shown as it is, kept as it is; it may still move or go. */
export function ReadOnlyElementCard({
  element,
  pageIndex,
  elementIndex,
}: {
  element: ReadOnlyElement;
  pageIndex: number;
  elementIndex: number;
}) {
  const { t } = useTranslation();
  const apply = useApplyEdit();
  const type = typeof element.json.type === 'string' ? element.json.type : '?';
  const name = typeof element.json.name === 'string' ? element.json.name : type;
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" component="section" aria-label={`${t('surveys.readOnlyTitle')} : ${name}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color="gray" variant="light">
              {t('surveys.readOnlyTitle')}
            </Badge>
            <Text size="sm" fw={500}>
              {name}
            </Text>
          </Group>
          <ElementControls
            what={name}
            onMove={(delta) => apply(moveElement(pageIndex, elementIndex, delta))}
            onRemove={() => apply(removeElement(pageIndex, elementIndex))}
          />
        </Group>
        <Text size="sm">{element.reason === 'type' ? t('surveys.readOnlyType', { type }) : t('surveys.readOnlyProperty')}</Text>
        <ScrollArea.Autosize mah={180}>
          <Code block>{JSON.stringify(element.json, null, 2)}</Code>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}
