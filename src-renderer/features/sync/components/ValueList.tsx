import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ValueListItem {
  label: string;
  value: ReactNode;
  /** Typed by the agent: shown with its line breaks. */
  typed?: boolean;
}

/** Label / value pairs as a description list, the long typed texts across the whole width. */
export function ValueList({ items }: { items: readonly ValueListItem[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs" m={0}>
      {items.map((item) => (
        <div key={item.label} style={item.typed === true ? { gridColumn: '1 / -1' } : undefined}>
          <Text component="dt" size="sm" fw={700}>
            {item.label}
          </Text>
          <Text component="dd" m={0} size="sm" style={item.typed === true ? { whiteSpace: 'pre-wrap' } : undefined}>
            {item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
