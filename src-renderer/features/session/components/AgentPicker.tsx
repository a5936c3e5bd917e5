import { Loader, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../../src-shared/schemas/entities';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useDepartmentMap } from '../../../shared/reference-api';
import { useChooseAgent, useSessionAgents } from '../api';
import { groupAgents, summarizeRoles, type AgentGroup } from '../group-agents';

export interface AgentPickerProps {
  /** Department names need an agent already at work (reference data is agent-only). */
  withDepartmentNames: boolean;
  currentAgentId?: string | null;
  onChosen?: () => void;
}

export function AgentPicker({ withDepartmentNames, currentAgentId = null, onChosen }: AgentPickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const agents = useSessionAgents();
  const departments = useDepartmentMap(withDepartmentNames);
  const choose = useChooseAgent();
  const departmentName = (id: string) => departments.get(id)?.name;
  const groups = useMemo(() => groupAgents(agents.data ?? [], query, (id) => departments.get(id)?.name), [agents.data, query, departments]);

  const onChoose = (agent: Agent) => choose.mutate({ agentId: agent.id }, { onSuccess: () => onChosen?.() });

  return (
    <Stack gap="md">
      <TextInput
        type="search"
        label={t('session.searchLabel')}
        placeholder={t('session.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        data-autofocus
      />
      {choose.isError && <ErrorAlert error={choose.error} />}
      {agents.isPending && <Loader aria-label={t('common.loading')} />}
      {agents.isError && <ErrorAlert error={agents.error} />}
      {agents.isSuccess && groups.length === 0 && <Text>{t('session.noMatch')}</Text>}
      {groups.map((group) => (
        <AgentGroupSection
          key={group.role ?? 'none'}
          group={group}
          departmentName={departmentName}
          currentAgentId={currentAgentId}
          pendingAgentId={choose.isPending ? (choose.variables?.agentId ?? null) : null}
          onChoose={onChoose}
        />
      ))}
    </Stack>
  );
}

interface AgentGroupSectionProps {
  group: AgentGroup;
  departmentName: (id: string) => string | undefined;
  currentAgentId: string | null;
  pendingAgentId: string | null;
  onChoose: (agent: Agent) => void;
}

function AgentGroupSection({ group, departmentName, currentAgentId, pendingAgentId, onChoose }: AgentGroupSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {group.role === null ? t('session.noRole') : t(`role.${group.role}`)}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 4 }} spacing="sm">
        {group.agents.map((agent) => (
          <AgentButton
            key={agent.id}
            agent={agent}
            current={agent.id === currentAgentId}
            pending={agent.id === pendingAgentId}
            departmentName={departmentName}
            onChoose={onChoose}
          />
        ))}
      </SimpleGrid>
    </section>
  );
}

interface AgentButtonProps {
  agent: Agent;
  current: boolean;
  pending: boolean;
  departmentName: (id: string) => string | undefined;
  onChoose: (agent: Agent) => void;
}

function AgentButton({ agent, current, pending, departmentName, onChoose }: AgentButtonProps) {
  const { t } = useTranslation();
  const roles = summarizeRoles(agent, departmentName)
    .map(({ role, departments, count }) => {
      const where = departments.length > 0 && departments.length <= 2 ? departments.join(', ') : t('session.departmentCount', { count });
      return `${t(`role.${role}`)} (${where})`;
    })
    .join(' · ');
  return (
    <UnstyledButton
      onClick={() => onChoose(agent)}
      aria-current={current ? 'true' : undefined}
      aria-busy={pending}
      p="sm"
      h="100%"
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-start',
        justifyContent: 'flex-start',
        textAlign: 'left',
        overflowWrap: 'anywhere',
      }}
      bd={current ? '2px solid var(--mantine-color-blue-8)' : '1px solid var(--mantine-color-gray-4)'}
      bdrs="sm"
    >
      <Text fw={700}>{agent.name}</Text>
      <Text size="sm" c="dimmed">
        {agent.email}
      </Text>
      {roles !== '' && <Text size="sm">{roles}</Text>}
      {current && (
        <Text size="sm" fw={700} c="blue.9">
          {t('session.current')}
        </Text>
      )}
    </UnstyledButton>
  );
}
