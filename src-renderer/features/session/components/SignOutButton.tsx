import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { SignOutDialog } from './SignOutDialog';

/** Outside the workspace's agent menu (first sync screen): the same confirmation. */
export function SignOutButton({ pending }: { pending: number }) {
  const { t } = useTranslation();
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={dialog.open}>
        {t('session.signOut')}
      </Button>
      <SignOutDialog opened={opened} onClose={dialog.close} pending={pending} />
    </>
  );
}
