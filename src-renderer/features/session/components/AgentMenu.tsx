import { Button, Menu, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCurrentAgent } from '../current-agent';
import { AgentPicker } from './AgentPicker';

/** The agent at work, in the header, with the way to hand the workspace to a colleague. */
export function AgentMenu() {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const [pickerOpened, picker] = useDisclosure(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" aria-label={t('session.menuLabel', { name: agent.name })}>
            {agent.name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{agent.email}</Menu.Label>
          <Menu.Item onClick={picker.open}>{t('session.change')}</Menu.Item>
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
    </>
  );
}
