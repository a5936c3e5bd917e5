import { Alert, Button, Fieldset, Grid, Loader, Stack, Text, Title } from '@mantine/core';
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
import type { Survey } from '../../../../src-shared/schemas/surveys';
import { SurveySaveBar } from '../components/SurveySaveBar';
import { addPage, draftOf, newDraft, setDepartment } from '../draft';
import { useApplyEdit, useStoredSurvey, useSurveyDesignerStore, useSurveyDraft } from '../store';

/** survey-core and survey-react-ui weigh more than the rest of the renderer: loaded when a designer opens. */
const SurveyPreview = lazy(() => import('../components/SurveyPreview').then((module) => ({ default: module.SurveyPreview })));

/**
 * The survey designer: the draft on the left, what citizens will see on the right. `survey`: the stored survey
 * it edits (null: a new one); `mayDesign`: false shows it to a reader, nothing editable.
 */
export function SurveyDesignerPage({ survey = null, mayDesign = true }: { survey?: Survey | null; mayDesign?: boolean }) {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const designed = useMemo(() => surveyDesignDepartments(agent), [agent]);
  const departmentIds = survey === null ? designed : [survey.departmentId];
  const departmentMap = useDepartmentMap(departmentIds.length > 0);
  const draft = useSurveyDraft();
  const apply = useApplyEdit();
  const ownDepartment = draft.departmentId !== null && departmentIds.includes(draft.departmentId);

  // A draft is its designer's, for a department they design for: the first one until they pick another. A
  // stored survey is loaded once per survey: a later pull does not overwrite what the agent is typing.
  const designerId = useSurveyDesignerStore((state) => state.designerId);
  const stored = useStoredSurvey();
  const load = useSurveyDesignerStore((state) => state.load);
  const loadedId = stored?.id ?? null;
  useEffect(() => {
    if (survey !== null && (designerId !== agent.id || loadedId !== survey.id)) load(draftOf(survey), agent.id, survey);
    else if (survey === null && (designerId !== agent.id || loadedId !== null)) load(newDraft(departmentIds[0] ?? null), agent.id);
    else if (!ownDepartment && departmentIds[0] !== undefined) apply(setDepartment(departmentIds[0]));
  }, [survey, designerId, agent.id, load, loadedId, ownDepartment, departmentIds, apply]);

  if (departmentIds.length === 0) {
    return (
      <Alert color="orange" variant="light" role="alert">
        {t('errors.FORBIDDEN')}
      </Alert>
    );
  }
  const departments = departmentIds.map((id) => ({ id, name: departmentMap.get(id)?.name ?? id }));
  const status = stored?.status ?? 'draft';
  const locked = !mayDesign || status === 'published' ? 'all' : status === 'draft' ? 'none' : 'definition';
  let before: Question[] = [];
  return (
    <Stack gap="md">
      {survey === null && (
        <div>
          <Title order={1}>{t('surveys.newTitle')}</Title>
          <Text>{t('surveys.intro')}</Text>
        </div>
      )}
      {!mayDesign && <Alert variant="light">{t('surveys.readOnly')}</Alert>}
      {mayDesign && locked === 'definition' && <Alert variant="light">{t('surveys.locked')}</Alert>}
      {mayDesign && locked === 'all' && <Alert variant="light">{t('surveys.lockedPublished')}</Alert>}
      {mayDesign && locked !== 'all' && draft.departmentId !== null && <SurveySaveBar departmentId={draft.departmentId} />}
      <ImportExport locked={locked !== 'none'} />
      {locked === 'none' && <SurveyProblems model={draft.model} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <SurveySettings departments={departments} locked={locked} />
            <Fieldset variant="unstyled" disabled={locked !== 'none'}>
              <Stack gap="md">
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
            </Fieldset>
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
