import { useState, type KeyboardEvent } from 'react';
import { moveActive, type SearchItem } from './search-items';

/**
 * The combobox keyboard: arrows move the highlight (wrapping), Enter opens it. The highlight is kept as
 * a wish and clamped to the current results, so new results never point past their end.
 */
export function useSearchKeyboard(items: readonly SearchItem[], open: (item: SearchItem) => void) {
  const [highlighted, setHighlighted] = useState(0);
  const activeIndex = items.length === 0 ? -1 : Math.min(Math.max(highlighted, 0), items.length - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlighted(moveActive(activeIndex, event.key === 'ArrowDown' ? 1 : -1, items.length));
    } else if (event.key === 'Enter') {
      const item = items[activeIndex];
      if (item === undefined) return;
      event.preventDefault();
      open(item);
    }
  };

  return { activeIndex, setHighlighted, onKeyDown, reset: () => setHighlighted(0) };
}
