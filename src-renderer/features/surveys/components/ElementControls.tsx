import { ActionIcon, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Move up, move down, remove: for a question, a read-only element or a page; `what` names it for screen readers. */
export function ElementControls({
  what,
  onMove,
  onRemove,
  removeLabel,
}: {
  what: string;
  onMove: (delta: -1 | 1) => void;
  onRemove: (() => void) | null;
  removeLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <ActionIcon variant="subtle" aria-label={`${t('surveys.moveUp')} : ${what}`} onClick={() => onMove(-1)}>
        ↑
      </ActionIcon>
      <ActionIcon variant="subtle" aria-label={`${t('surveys.moveDown')} : ${what}`} onClick={() => onMove(1)}>
        ↓
      </ActionIcon>
      {onRemove && (
        <ActionIcon variant="subtle" color="red" aria-label={`${removeLabel ?? t('surveys.remove')} : ${what}`} onClick={onRemove}>
          ×
        </ActionIcon>
      )}
    </Group>
  );
}
