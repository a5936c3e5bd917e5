import { Button, Menu, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCurrentAgent } from '../current-agent';
import { AgentPicker } from './AgentPicker';
import { SignOutDialog } from './SignOutDialog';

export interface AgentMenuProps {
  /** Signed in on a central service: the menu signs out rather than hands the desk to a colleague. */
  signedIn: boolean;
  /** Changes not yet sent: signing out warns about them (they stay on this desk). */
  pending: number;
}

/** The agent at work, in the header, with the way to hand the workspace to a colleague. */
export function AgentMenu({ signedIn, pending }: AgentMenuProps) {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const [pickerOpened, picker] = useDisclosure(false);
  const [signOutOpened, signOut] = useDisclosure(false);
  return (
    <>
      {/* Mantine's focus placeholder is a role="presentation" child of role="menu", which axe rejects. */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button
            variant="default"
            aria-label={t('session.menuLabel', { name: agent.name })}
            title={agent.name}
            maw={220}
            styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          >
            {agent.name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{agent.email}</Menu.Label>
          {signedIn ? (
            <Menu.Item onClick={signOut.open}>{t('session.signOut')}</Menu.Item>
          ) : (
            <Menu.Item onClick={picker.open}>{t('session.change')}</Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={pickerOpened}
        onClose={picker.close}
        title={t('session.changeTitle')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <AgentPicker withDepartmentNames currentAgentId={agent.id} onChosen={picker.close} />
      </Modal>
      <SignOutDialog opened={signOutOpened} onClose={signOut.close} pending={pending} />
    </>
  );
}
