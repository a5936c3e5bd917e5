import { Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { questionKinds, type Question, type QuestionKind, type SurveyPage } from '../../../../src-shared/surveys';
import { addQuestion, movePage, removePage, setPageText } from '../draft';
import { useApplyEdit } from '../store';
import { ElementControls } from './ElementControls';
import { LocalizedTextFields } from './LocalizedTextFields';
import { QuestionEditor } from './QuestionEditor';
import { ReadOnlyElementCard } from './ReadOnlyElementCard';

/**
 * One page: its title, its elements in order, a way to add a question. `before` holds the questions of the
 * pages before it, which its conditions may read.
 */
export function PageEditor({
  page,
  pageIndex,
  before,
  removable,
}: {
  page: SurveyPage;
  pageIndex: number;
  before: Question[];
  removable: boolean;
}) {
  const { t } = useTranslation();
  const apply = useApplyEdit();
  const [kind, setKind] = useState<QuestionKind>('singleChoice');
  const pageLabel = t('surveys.page', { number: pageIndex + 1 });
  const asked = [...before];
  return (
    <Fieldset legend={pageLabel}>
      <Stack gap="sm">
        <Group justify="flex-end">
          <ElementControls
            what={pageLabel}
            onMove={(delta) => apply(movePage(pageIndex, delta))}
            onRemove={removable ? () => apply(removePage(pageIndex)) : null}
            removeLabel={t('surveys.removePage')}
          />
        </Group>
        <LocalizedTextFields
          label={t('surveys.pageTitle')}
          text={page.title}
          onChange={(language, value) => apply(setPageText(pageIndex, 'title', language, value))}
        />
        {page.elements.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('surveys.emptyPage')}
          </Text>
        )}
        {page.elements.map((element, elementIndex) => {
          if (element.kind === 'readOnly') {
            return <ReadOnlyElementCard key={elementIndex} element={element} pageIndex={pageIndex} elementIndex={elementIndex} />;
          }
          const earlier = [...asked];
          asked.push(element);
          return (
            <QuestionEditor key={elementIndex} question={element} pageIndex={pageIndex} elementIndex={elementIndex} earlier={earlier} />
          );
        })}
        <Group gap="xs" align="flex-end">
          <NativeSelect
            label={t('surveys.addQuestion')}
            value={kind}
            data={questionKinds.map((value) => ({ value, label: t(`surveys.kind.${value}`) }))}
            onChange={(event) => setKind(event.currentTarget.value as QuestionKind)}
          />
          <Button variant="light" onClick={() => apply(addQuestion(pageIndex, kind))}>
            {t('surveys.addQuestion')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
