import { Alert, Button, FileButton, Group, List } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isGuichetError, type ErrorPayload, type FieldIssue } from '../../../../src-shared/errors';
import { exportSurveyJson, readSurveyFile, textIn } from '../../../../src-shared/surveys';
import { payloadMessage, toErrorPayload } from '../../../shared/errors';
import { notifySuccess } from '../../../shared/notify';
import { replaceModel } from '../draft';
import { useApplyEdit, useSurveyDraft } from '../store';

/** The file name a survey is exported under: its French title, kept to letters and digits. */
function fileNameOf(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${base || 'questionnaire'}.json`;
}

/** Import a SurveyJS file into the draft (what the designer cannot edit is kept read-only), or export the draft as one. */
export function ImportExport({ locked = false }: { locked?: boolean }) {
  const { t } = useTranslation();
  const draft = useSurveyDraft();
  const apply = useApplyEdit();
  const [problem, setProblem] = useState<ErrorPayload | null>(null);

  const importFile = async (file: File | null) => {
    if (file === null) return;
    try {
      apply(replaceModel(readSurveyFile(await file.text())));
      setProblem(null);
      notifySuccess(t, t('surveys.imported'));
    } catch (error) {
      setProblem(isGuichetError(error) ? error.toPayload() : toErrorPayload(error));
    }
  };

  const exportFile = () => {
    const json = JSON.stringify(exportSurveyJson(draft.model), null, 2);
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(textIn(draft.model.title, 'fr'));
    link.click();
    URL.revokeObjectURL(url);
  };

  const issues = problem?.code === 'VALIDATION_FAILED' ? (problem.args as { issues: FieldIssue[] }).issues : [];
  return (
    <>
      <Group gap="xs">
        <FileButton onChange={(file) => void importFile(file)} accept="application/json,.json">
          {(props) => (
            <Button variant="default" {...props} disabled={locked}>
              {t('surveys.import')}
            </Button>
          )}
        </FileButton>
        <Button variant="default" onClick={exportFile}>
          {t('surveys.export')}
        </Button>
      </Group>
      {problem && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('common.errorTitle')}
          withCloseButton
          onClose={() => setProblem(null)}
          closeButtonLabel={t('common.close')}
        >
          {payloadMessage(t, problem)}
          {issues.length > 0 && (
            <List size="sm">
              {issues.slice(0, 5).map((issue) => (
                <List.Item key={issue.path}>
                  {issue.path || '/'} : {t(`fieldErrors.${issue.code}`, { ...issue.params, defaultValue: t('fieldErrors.custom') })}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </>
  );
}
