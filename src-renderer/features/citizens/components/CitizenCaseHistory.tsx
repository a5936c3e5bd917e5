import { Anchor, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouterOutputs } from '../../../app/trpc';
import { routeHref } from '../../../app/router';
import { StatusBadge } from '../../../shared/badges';
import { DeadlineText } from '../../../shared/DeadlineText';
import { formatDateTime } from '../../../shared/format';
import { useDepartmentMap } from '../../../shared/reference-api';

type CaseRow = RouterOutputs['citizen']['card']['cases'][number];

/** The 360° view: every case of this citizen, in every department, newest first. */
export function CitizenCaseHistory({ cases }: { cases: CaseRow[] }) {
  const { t, i18n } = useTranslation();
  const departments = useDepartmentMap();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('citizen.history', { count: cases.length })}
      </Title>
      {cases.length === 0 ? (
        <Text>{t('citizen.noCases')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-labelledby={headingId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('case.trackingCode')}</Table.Th>
                <Table.Th scope="col">{t('case.subject')}</Table.Th>
                <Table.Th scope="col">{t('case.department')}</Table.Th>
                <Table.Th scope="col">{t('case.status')}</Table.Th>
                <Table.Th scope="col">{t('case.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('case.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Anchor href={routeHref({ name: 'case', id: row.id })} ff="monospace" fw={700}>
                      {row.trackingCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{row.subject}</Table.Td>
                  <Table.Td>{departments.get(row.departmentId)?.name ?? ''}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={row.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(row.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <DeadlineText deadline={row.deadline} status={row.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
