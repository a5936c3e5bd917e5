import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DemoAccounts as DemoAccountsAnswer } from '../../../../src-shared/schemas/auth';

export interface DemoAccountsProps {
  demo: DemoAccountsAnswer;
  /** Fills the sign-in form with that account. */
  onPick: (account: { email: string; password: string }) => void;
}

/** A demo central service's accounts, so a newcomer can sign in without reading the README. */
export function DemoAccounts({ demo, onPick }: DemoAccountsProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="demo-accounts-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="demo-accounts-title">
          {t('session.demoTitle')}
        </Title>
        <Text size="sm">{t('session.demoHint', { password: demo.password })}</Text>
        {demo.accounts.map((account) => (
          <Button
            key={account.email}
            variant="default"
            justify="space-between"
            fullWidth
            onClick={() => onPick({ email: account.email, password: demo.password })}
            rightSection={
              <Text size="xs" c="dimmed" component="span">
                {account.email}
              </Text>
            }
            aria-label={t('session.demoUse', { name: account.name, email: account.email })}
          >
            {account.name}
          </Button>
        ))}
      </Stack>
    </Paper>
  );
}
