import { ActionIcon, Button, Fieldset, Group, List, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../src-shared/schemas/entities';
import { errorMessage } from '../../../shared/errors';
import { useFindCase, useLinkedCases } from '../api';

export interface LinkedCasesFieldProps {
  caseIds: readonly string[];
  onChange: (caseIds: string[]) => void;
  disabled?: boolean;
}

/** The cases an outcome answers, linked by their tracking code and listed with it. */
export function LinkedCasesField({ caseIds, onChange, disabled = false }: LinkedCasesFieldProps) {
  const { t } = useTranslation();
  const details = useLinkedCases(caseIds);
  const findCase = useFindCase();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  // Cases found here are known before their detail is read.
  const [found, setFound] = useState<ReadonlyMap<string, Pick<Case, 'trackingCode' | 'subject'>>>(new Map());

  const add = () => {
    if (code.trim() === '') return;
    setSearching(true);
    findCase(code.trim())
      .then((linked) => {
        if (caseIds.includes(linked.id)) {
          setProblem(t('voice.outcomeEditor.caseAlreadyLinked'));
          return;
        }
        setFound((known) => new Map(known).set(linked.id, linked));
        onChange([...caseIds, linked.id]);
        setCode('');
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(errorMessage(t, error)))
      .finally(() => setSearching(false));
  };

  return (
    <Fieldset legend={t('voice.outcomeEditor.cases')} disabled={disabled}>
      {caseIds.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('voice.outcomeEditor.noCase')}
        </Text>
      ) : (
        <List size="sm" spacing={4} listStyleType="none">
          {caseIds.map((id, index) => {
            const known = details[index]?.data?.case ?? found.get(id);
            const label = known === undefined ? t('voice.outcomeEditor.caseUnavailable') : `${known.trackingCode} — ${known.subject}`;
            return (
              <List.Item key={id}>
                <Group gap="xs" wrap="nowrap">
                  <Text fz="sm">{label}</Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={t('voice.outcomeEditor.removeCase', { code: known?.trackingCode ?? id })}
                    onClick={() => onChange(caseIds.filter((other) => other !== id))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      <Group align="flex-end" mt="sm">
        <TextInput
          label={t('voice.outcomeEditor.trackingCode')}
          value={code}
          autoComplete="off"
          error={problem ?? undefined}
          onChange={(event) => setCode(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button variant="default" onClick={add} loading={searching}>
          {t('voice.outcomeEditor.addCase')}
        </Button>
      </Group>
    </Fieldset>
  );
}
