import { Anchor, Button, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A public address with its copy button and QR code (an image the central service draws: `qr.svg`, `qr.png`
 * beside the address; the workspace CSP lets `<img>` load from its origin). The service draws none for a draft
 * survey (its public pages do not exist yet): `drawn` false shows the address alone, saying when the codes come.
 */
export function QrBlock({
  label,
  url,
  qrBase,
  qrQuery = '',
  drawn = true,
}: {
  label: string;
  url: string;
  qrBase: string;
  qrQuery?: string;
  drawn?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Stack gap="xs" style={{ flex: 1, minWidth: 260 }}>
        <TextInput label={label} value={url} readOnly onFocus={(event) => event.currentTarget.select()} />
        <Group gap="xs">
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant="default" size="xs" onClick={copy}>
                {copied ? t('surveys.diffusion.copied') : t('surveys.diffusion.copy')}
              </Button>
            )}
          </CopyButton>
          <Anchor href={url} target="_blank" rel="noreferrer noopener" size="sm">
            {t('surveys.diffusion.openLink')}
          </Anchor>
        </Group>
        {!drawn && (
          <Text size="sm" c="dimmed">
            {t('surveys.diffusion.qrWhenOpen')}
          </Text>
        )}
        {drawn && (
          <Group gap="md">
            <Anchor href={`${qrBase}/qr.svg${qrQuery}`} download size="sm">
              {t('surveys.diffusion.downloadSvg')}
            </Anchor>
            <Anchor href={`${qrBase}/qr.png${qrQuery}`} download size="sm">
              {t('surveys.diffusion.downloadPng')}
            </Anchor>
          </Group>
        )}
      </Stack>
      {drawn && (
        <Stack gap={4} align="center">
          <Image src={`${qrBase}/qr.svg${qrQuery}`} alt={t('surveys.diffusion.qrOf', { label })} w={160} h={160} fit="contain" />
          <Text size="xs" c="dimmed">
            {label}
          </Text>
        </Stack>
      )}
    </Group>
  );
}
