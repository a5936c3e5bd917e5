import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../../app/router';
import { StatusBadge } from '../../../shared/badges';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { guichetErrorOf } from '../../../shared/errors';
import { fullName } from '../../../shared/format';
import { useAgentMap } from '../../../shared/reference-api';
import { useCaseDetail } from '../../cases';
import { useCitizenCard } from '../../citizens';
import { citizenDifferences, type CitizenFields } from '../citizen-rows';
import type { RefusalTarget } from '../refusal-view';
import { ValueList } from './ValueList';

/** What the central service holds now (as last pulled into this desk's replica), next to what was entered. */
export function CurrentState({ target }: { target: RefusalTarget }) {
  const { t } = useTranslation();
  switch (target.kind) {
    case 'case':
      return <CaseNow caseId={target.caseId} />;
    case 'citizen':
      return <CitizenNow citizenId={target.citizenId} entered={target.entered} />;
    case 'notRecorded':
      return <Text size="sm">{t('inbox.notRecorded')}</Text>;
    case 'unknown':
      return null;
  }
}

const isGone = (error: unknown) => {
  const code = guichetErrorOf(error)?.code;
  return code === 'CASE_NOT_FOUND' || code === 'CITIZEN_NOT_FOUND';
};

function CaseNow({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(caseId);
  const agents = useAgentMap();
  if (detail.isPending) return <Text size="sm">{t('common.loading')}</Text>;
  if (detail.isError) {
    return isGone(detail.error) ? <Text size="sm">{t('inbox.caseUnavailable')}</Text> : <ErrorAlert error={detail.error} />;
  }
  const { case: current, department } = detail.data;
  const assignee = current.assigneeId === null ? t('cases.unassigned') : (agents.get(current.assigneeId)?.name ?? '');
  return (
    <Stack gap="xs">
      <Anchor href={routeHref({ name: 'case', id: current.id })} size="sm" fw={700}>
        {t('inbox.openCase', { code: current.trackingCode })}
      </Anchor>
      <Text size="sm">{current.subject}</Text>
      <ValueList
        items={[
          { label: t('case.status'), value: <StatusBadge status={current.status} /> },
          { label: t('case.department'), value: department?.name ?? '' },
          { label: t('case.assignee'), value: assignee },
          { label: t('inbox.version'), value: String(current.version) },
        ]}
      />
    </Stack>
  );
}

function CitizenNow({ citizenId, entered }: { citizenId: string; entered: CitizenFields }) {
  const { t, i18n } = useTranslation();
  const card = useCitizenCard(citizenId);
  if (card.isPending) return <Text size="sm">{t('common.loading')}</Text>;
  if (card.isError) {
    return isGone(card.error) ? <Text size="sm">{t('inbox.citizenUnavailable')}</Text> : <ErrorAlert error={card.error} />;
  }
  const { citizen } = card.data;
  const differences = citizenDifferences(entered, citizen, t, i18n.language);
  return (
    <Stack gap="xs">
      <Anchor href={routeHref({ name: 'citizen', id: citizen.id })} size="sm" fw={700}>
        {t('inbox.openCitizen', { name: fullName(citizen) })}
      </Anchor>
      <Text size="sm">
        {t('inbox.version')} {citizen.version}
      </Text>
      {differences.length === 0 ? (
        <Text size="sm">{t('inbox.noDifference')}</Text>
      ) : (
        <Table withTableBorder striped fz="sm" captionSide="top">
          <Table.Caption>{t('inbox.differences')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('inbox.field')}</Table.Th>
              <Table.Th scope="col">{t('inbox.yourValue')}</Table.Th>
              <Table.Th scope="col">{t('inbox.currentValue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {differences.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{row.entered}</Table.Td>
                <Table.Td>{row.current}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
