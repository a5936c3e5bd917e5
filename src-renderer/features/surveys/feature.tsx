import { departmentsOf } from '../../../src-shared/domain/permissions';
import { surveyEntryDepartments } from '../../../src-shared/domain/survey-status';
import { defineFeature, route } from '../../app/feature-kit';
import { SurveyDesignerPage } from './pages/SurveyDesignerPage';
import { SurveyEntryPage } from './pages/SurveyEntryPage';
import { SurveyListPage } from './pages/SurveyListPage';
import { SurveyPage } from './pages/SurveyPage';

/**
 * The surveys of the agent's departments: the list, the designer of a new one, a stored survey's page (design,
 * diffusion, summary) and the desk's entry of answers. `key` gives each survey a fresh page.
 */
export const surveysFeature = defineFeature({
  routes: [
    route({ name: 'surveys', path: '/surveys', render: () => <SurveyListPage /> }),
    route({ name: 'newSurvey', path: '/surveys/new', render: () => <SurveyDesignerPage /> }),
    route({
      name: 'surveyEntry',
      path: '/surveys/entry',
      query: { surveyId: 'survey', citizenId: 'citizen' },
      render: (to) => (
        <SurveyEntryPage key={`${to.surveyId ?? ''}:${to.citizenId ?? ''}`} surveyId={to.surveyId} citizenId={to.citizenId} />
      ),
    }),
    route({ name: 'survey', path: '/surveys/:id', render: (to) => <SurveyPage key={to.id} id={to.id} /> }),
  ],
  nav: [
    {
      to: { name: 'surveys' },
      label: 'nav.surveys',
      matches: ['surveys', 'newSurvey', 'survey'],
      shownTo: (agent) => departmentsOf(agent).length > 0,
    },
    {
      to: { name: 'surveyEntry', surveyId: null, citizenId: null },
      label: 'nav.surveyEntry',
      shownTo: (agent) => surveyEntryDepartments(agent).length > 0,
    },
  ],
});
