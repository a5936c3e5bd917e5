import { Button, CopyButton, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The tracking code, large enough to read out over the counter or the phone, and one click to copy it
 * (to paste into an email or a letter).
 */
export function TrackingCodeDisplay({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" align="flex-start">
      <Text fw={700}>{t('newCase.trackingCodeLabel')}</Text>
      <Title order={1} ff="monospace" fz="3.25rem" lts="0.18em" lh={1.1}>
        {code}
      </Title>
      <CopyButton value={code} timeout={2000}>
        {({ copied, copy }) => (
          <Group gap="sm">
            <Button variant="default" onClick={copy}>
              {copied ? (
                <>
                  <span aria-hidden="true">✓&nbsp;</span>
                  {t('newCase.copied')}
                </>
              ) : (
                t('newCase.copy')
              )}
            </Button>
            <VisuallyHidden aria-live="polite">{copied ? t('newCase.copiedAnnouncement', { code }) : ''}</VisuallyHidden>
          </Group>
        )}
      </CopyButton>
    </Stack>
  );
}
