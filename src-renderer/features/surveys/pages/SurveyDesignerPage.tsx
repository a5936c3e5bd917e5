import { Alert, Button, Grid, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyDesignDepartments } from '../../../../src-shared/domain/permissions';
import { isQuestion, type Question } from '../../../../src-shared/surveys';
import { useDepartmentMap } from '../../../shared/reference-api';
import { useCurrentAgent } from '../../session';
import { ImportExport } from '../components/ImportExport';
import { PageEditor } from '../components/PageEditor';
import { SurveyProblems } from '../components/SurveyProblems';
import { SurveySettings } from '../components/SurveySettings';
import { addPage, newDraft, setDepartment } from '../draft';
import { useApplyEdit, useSurveyDesignerStore, useSurveyDraft } from '../store';

/** survey-core and survey-react-ui weigh more than the rest of the renderer: loaded when a designer opens. */
const SurveyPreview = lazy(() => import('../components/SurveyPreview').then((module) => ({ default: module.SurveyPreview })));

/** The survey designer: the draft on the left, what citizens will see on the right. */
export function SurveyDesignerPage() {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const departmentIds = useMemo(() => surveyDesignDepartments(agent), [agent]);
  const departmentMap = useDepartmentMap(departmentIds.length > 0);
  const draft = useSurveyDraft();
  const apply = useApplyEdit();
  const ownDepartment = draft.departmentId !== null && departmentIds.includes(draft.departmentId);

  // A draft is its designer's, for a department they design for: the first one until they pick another.
  const designerId = useSurveyDesignerStore((state) => state.designerId);
  const load = useSurveyDesignerStore((state) => state.load);
  useEffect(() => {
    if (designerId !== agent.id) load(newDraft(departmentIds[0] ?? null), agent.id);
    else if (!ownDepartment && departmentIds[0] !== undefined) apply(setDepartment(departmentIds[0]));
  }, [designerId, agent.id, load, ownDepartment, departmentIds, apply]);

  if (departmentIds.length === 0) {
    return (
      <Alert color="orange" variant="light" role="alert">
        {t('errors.FORBIDDEN')}
      </Alert>
    );
  }
  const departments = departmentIds.map((id) => ({ id, name: departmentMap.get(id)?.name ?? id }));
  let before: Question[] = [];
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('surveys.title')}</Title>
        <Text>{t('surveys.intro')}</Text>
      </div>
      <ImportExport />
      <SurveyProblems model={draft.model} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SurveySettings departments={departments} />
            {draft.model.pages.map((page, pageIndex) => {
              const pageBefore = before;
              before = [...before, ...page.elements.filter(isQuestion)];
              return (
                <PageEditor
                  key={pageIndex}
                  page={page}
                  pageIndex={pageIndex}
                  before={pageBefore}
                  removable={draft.model.pages.length > 1}
                />
              );
            })}
            <Button variant="default" w="fit-content" onClick={() => apply(addPage())}>
              {t('surveys.addPage')}
            </Button>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>
            <SurveyPreview />
          </Suspense>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
