import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchStore } from '../store';
import { SearchPanel } from './SearchPanel';

export function SearchModal() {
  const { t } = useTranslation();
  const opened = useSearchStore((state) => state.opened);
  const query = useSearchStore((state) => state.query);
  const setQuery = useSearchStore((state) => state.setQuery);
  const close = useSearchStore((state) => state.close);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('search.title')}
      size="lg"
      yOffset="8vh"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <SearchPanel query={query} onQueryChange={setQuery} onDone={close} autoFocus />
    </Modal>
  );
}
