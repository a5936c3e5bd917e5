import type { Locator } from 'playwright-core';

/** What a screen reader reads after a field's name: the texts its `aria-describedby` points to. */
export function accessibleDescription(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id !== '')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter((text) => text !== '')
      .join(' '),
  );
}

/** A pattern matching `text` literally (names of agents, categories and citizens carry parentheses, dots…). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
