import { Divider, Grid, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useMayPerform } from '../../session';
import { CaseFeedbackPanel } from '../../surveys';
import { CaseThemesPanel } from '../../voice';
import { useCaseDetail } from '../api';
import { CaseActions } from '../components/CaseActions';
import { CaseComposer } from '../components/CaseComposer';
import { CaseHeader } from '../components/CaseHeader';
import { CaseTimeline } from '../components/CaseTimeline';

export function CaseDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(id);
  if (detail.isPending) return <Loader aria-label={t('common.loading')} />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  return (
    <Stack gap="lg">
      <CaseHeader detail={detail.data} />
      <CaseActions current={detail.data.case} actions={detail.data.actions} />
      <Divider />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <CaseTimeline events={detail.data.events} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <CaseComposerIfAllowed caseId={id} departmentId={detail.data.case.departmentId} />
            {/* Feedback is filed under themes (docs/surveys.md, "Feedback themes"). */}
            {detail.data.case.kind === 'feedback' && <CaseThemesPanel caseId={id} />}
            <CaseFeedbackPanel caseId={id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Notes and replies only for the agents the permission table lets comment in the case's department. */
function CaseComposerIfAllowed({ caseId, departmentId }: { caseId: string; departmentId: string }) {
  return useMayPerform('case.comment', departmentId) ? <CaseComposer caseId={caseId} /> : null;
}
