import { ActionIcon, Autocomplete, Button, Group, Pill, type MantineSize } from '@mantine/core';
import { useState } from 'react';
import { themeKey } from '../../../../src-shared/surveys/case-tags';

export interface ThemeTag {
  id: string;
  theme: string;
}

/** Themes as chips, each with a × that takes it off (none when `onRemove` is null: the agent reads only). */
export function ThemeChips({
  tags,
  label,
  removeLabel,
  onRemove,
  busy,
}: {
  tags: readonly ThemeTag[];
  /** The list's accessible name. */
  label: string;
  removeLabel: (theme: string) => string;
  onRemove: ((tag: ThemeTag) => void) | null;
  busy: boolean;
}) {
  return (
    <Group gap={6} role="list" aria-label={label}>
      {tags.map((tag) => (
        <Pill key={tag.id} role="listitem" size="md">
          <Group gap={4} wrap="nowrap">
            {tag.theme}
            {onRemove !== null && (
              <ActionIcon
                variant="transparent"
                size="xs"
                color="dark"
                disabled={busy}
                aria-label={removeLabel(tag.theme)}
                onClick={() => onRemove(tag)}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        </Pill>
      ))}
    </Group>
  );
}

/**
 * A field to file under one more theme: the department's themes offered as the agent types, Enter or the
 * button adds. A theme already there in another spelling (`themeKey`) is not sent again.
 */
export function ThemeField({
  label,
  description,
  buttonLabel,
  suggestions,
  taken,
  size,
  busy,
  onAdd,
}: {
  label: string;
  description?: string;
  buttonLabel: string;
  suggestions: readonly string[];
  /** The themes already there. */
  taken: readonly string[];
  size: MantineSize;
  busy: boolean;
  onAdd: (theme: string) => void;
}) {
  const [theme, setTheme] = useState('');
  const takenKeys = new Set(taken.map(themeKey));
  const add = () => {
    const chosen = theme.trim();
    if (chosen === '' || busy) return;
    if (!takenKeys.has(themeKey(chosen))) onAdd(chosen);
    setTheme('');
  };
  return (
    <Group gap="xs" align="flex-end">
      <Autocomplete
        size={size}
        label={label}
        description={description}
        maxLength={80}
        data={suggestions.filter((candidate) => !takenKeys.has(themeKey(candidate)))}
        value={theme}
        onChange={setTheme}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.defaultPrevented) {
            event.preventDefault();
            add();
          }
        }}
      />
      <Button size={size} variant="default" onClick={add} disabled={busy || theme.trim() === ''}>
        {buttonLabel}
      </Button>
    </Group>
  );
}
