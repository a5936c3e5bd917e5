import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameTaken, renameQuestion } from '../draft';
import { useApplyEdit, useSurveyDraft } from '../store';

/** Characters an expression cannot hold in a name (`{name}` in a condition). */
const unfit = /[\s{}[\]'".,]/g;

/**
 * The name an answer is stored under, renamed when the field is left (so a name typed letter by letter
 * never passes through another question's name); a taken or empty name is refused on the field.
 */
export function QuestionNameField({ name, pageIndex, elementIndex }: { name: string; pageIndex: number; elementIndex: number }) {
  const { t } = useTranslation();
  const apply = useApplyEdit();
  const model = useSurveyDraft().model;
  const [value, setValue] = useState(name);
  const [shown, setShown] = useState(name);
  if (shown !== name) {
    setShown(name);
    setValue(name);
  }
  const error =
    value === ''
      ? t('fieldErrors.required')
      : value !== name && nameTaken(model, value)
        ? t('errors.SURVEY_QUESTION_NAME_TAKEN', { name: value })
        : null;
  return (
    <TextInput
      label={t('surveys.questionName')}
      description={t('surveys.questionNameHint')}
      value={value}
      error={error}
      onChange={(event) => setValue(event.currentTarget.value.replace(unfit, ''))}
      onBlur={() => error === null && value !== name && apply(renameQuestion(pageIndex, elementIndex, value))}
    />
  );
}
