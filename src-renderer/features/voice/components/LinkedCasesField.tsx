import { ActionIcon, Button, Fieldset, Group, List, NativeSelect, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../src-shared/schemas/entities';
import { outcomeCaseLimit } from '../../../../src-shared/schemas/voice';
import { errorMessage } from '../../../shared/errors';
import { useFeedbackThemes, useFindCase, useLinkedCases, type FeedbackThemeView } from '../api';

export interface LinkedCasesFieldProps {
  caseIds: readonly string[];
  onChange: (caseIds: string[]) => void;
  /** The outcome's department: its feedback themes are offered to link their cases at once. */
  departmentId: string | null;
  disabled?: boolean;
}

/**
 * The cases an outcome answers, linked by their tracking code and listed with it, or all the feedback of one
 * of the department's themes at once: at most `outcomeCaseLimit` in all, which the field says before saving.
 */
export function LinkedCasesField({ caseIds, onChange, departmentId, disabled = false }: LinkedCasesFieldProps) {
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
    if (caseIds.length >= outcomeCaseLimit) {
      setProblem(t('voice.outcomeEditor.caseLimitReached', { max: outcomeCaseLimit }));
      return;
    }
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

  const linkCases = (cases: FeedbackThemeView['cases']) => {
    const fresh = cases.filter((item) => !caseIds.includes(item.caseId)).slice(0, Math.max(0, outcomeCaseLimit - caseIds.length));
    setFound((known) => {
      const next = new Map(known);
      for (const item of fresh) next.set(item.caseId, item);
      return next;
    });
    onChange([...caseIds, ...fresh.map((item) => item.caseId)]);
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
      {departmentId !== null && <ThemeLinker departmentId={departmentId} caseIds={caseIds} onLink={linkCases} />}
    </Fieldset>
  );
}

/**
 * Picks one of the department's feedback themes and links the cases filed under it that are not linked yet, as
 * many as the outcome's limit leaves room for (the oldest first), saying so when that is not all of them.
 */
function ThemeLinker({
  departmentId,
  caseIds,
  onLink,
}: {
  departmentId: string;
  caseIds: readonly string[];
  onLink: (cases: FeedbackThemeView['cases']) => void;
}) {
  const { t } = useTranslation();
  const themes = useFeedbackThemes(departmentId);
  const [chosen, setChosen] = useState<string | null>(null);
  const available = themes.data ?? [];
  if (available.length === 0) return null;
  const theme = available.find((candidate) => candidate.theme === chosen) ?? available[0];
  if (theme === undefined) return null;
  const unlinked = theme.cases.filter((item) => !caseIds.includes(item.caseId)).length;
  const linkable = Math.min(unlinked, Math.max(0, outcomeCaseLimit - caseIds.length));
  return (
    <Group align="flex-end" mt="sm">
      <NativeSelect
        label={t('voice.outcomeEditor.feedbackTheme')}
        description={t('voice.outcomeEditor.feedbackThemeHint')}
        value={theme.theme}
        data={available.map((candidate) => ({
          value: candidate.theme,
          label: t('voice.outcomeEditor.feedbackThemeOption', { theme: candidate.theme, count: candidate.count }),
        }))}
        onChange={(event) => setChosen(event.currentTarget.value)}
      />
      {unlinked === 0 ? (
        <Text fz="sm" c="dimmed" pb={6}>
          {t('voice.outcomeEditor.themeLinked')}
        </Text>
      ) : linkable === 0 ? (
        <Text fz="sm" pb={6}>
          {t('voice.outcomeEditor.caseLimitReached', { max: outcomeCaseLimit })}
        </Text>
      ) : linkable < unlinked ? (
        <>
          <Button variant="default" onClick={() => onLink(theme.cases)}>
            {t('voice.outcomeEditor.linkThemeUpTo', { count: linkable, total: unlinked })}
          </Button>
          <Text fz="sm" pb={6}>
            {t('voice.outcomeEditor.caseLimitNote', { max: outcomeCaseLimit, count: unlinked - linkable })}
          </Text>
        </>
      ) : (
        <Button variant="default" onClick={() => onLink(theme.cases)}>
          {t('voice.outcomeEditor.linkTheme', { count: unlinked })}
        </Button>
      )}
    </Group>
  );
}
