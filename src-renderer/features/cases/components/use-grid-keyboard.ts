import { useState, type KeyboardEvent, type RefObject } from 'react';
import { ROW_HEIGHT } from './case-grid-columns';

const keySteps: Record<string, (index: number, count: number, pageRows: number) => number> = {
  ArrowDown: (index, count) => Math.min(index + 1, count - 1),
  ArrowUp: (index) => Math.max(index - 1, 0),
  PageDown: (index, count, pageRows) => Math.min(index + pageRows, count - 1),
  PageUp: (index, _count, pageRows) => Math.max(index - pageRows, 0),
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/**
 * Rows take focus one at a time (roving tabindex): arrows, Page Up/Down, Home and End move it, scrolling
 * the virtualised list first so the target row exists before it is focused.
 */
export function useGridKeyboard(count: number, scrollRef: RefObject<HTMLDivElement | null>, scrollToIndex: (index: number) => void) {
  const [focusedIndex, setFocusedIndex] = useState(0);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = keySteps[event.key];
    if (step === undefined || count === 0) return;
    event.preventDefault();
    const visibleRows = Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1;
    const next = step(focusedIndex, count, Math.max(1, visibleRows));
    setFocusedIndex(next);
    scrollToIndex(next);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${next}"]`)?.focus());
  };
  return { focusedIndex: Math.min(focusedIndex, Math.max(count - 1, 0)), setFocusedIndex, onKeyDown };
}
