import { Kbd, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchStore } from '../store';

/**
 * The header's search field opens the search dialog, carrying what was typed; Ctrl+K (⌘K) opens it from
 * anywhere, inputs included.
 */
export function HeaderSearchField() {
  const { t } = useTranslation();
  const open = useSearchStore((state) => state.open);
  useHotkeys([['mod+K', () => open()]], []);
  return (
    <TextInput
      type="search"
      aria-label={t('search.headerLabel')}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K"
      placeholder={t('search.headerPlaceholder')}
      value=""
      onChange={(event) => open(event.currentTarget.value)}
      onClick={() => open()}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === 'ArrowDown') open();
      }}
      rightSection={<Kbd size="xs">Ctrl K</Kbd>}
      rightSectionWidth={64}
      w={{ base: 160, lg: 280, xl: 420 }}
      autoComplete="off"
    />
  );
}
