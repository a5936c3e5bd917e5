import { Button, CopyButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Copies what the agent typed, to paste it elsewhere before discarding or to type it again. */
export function CopyTextButton({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={text} timeout={2000}>
      {({ copied, copy }) => (
        <>
          <Button variant="default" onClick={copy}>
            {copied ? t('inbox.copied') : t('inbox.copy')}
          </Button>
          <VisuallyHidden aria-live="polite">{copied ? t('inbox.copiedAnnouncement') : ''}</VisuallyHidden>
        </>
      )}
    </CopyButton>
  );
}
