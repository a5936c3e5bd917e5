import { surveyDesignDepartments } from '../../../src-shared/domain/permissions';
import { defineFeature, route } from '../../app/feature-kit';
import { SurveyDesignerPage } from './pages/SurveyDesignerPage';

/** The survey designer, offered to the agents who design surveys for at least one department. */
export const surveysFeature = defineFeature({
  routes: [route({ name: 'surveys', path: '/surveys', render: () => <SurveyDesignerPage /> })],
  nav: [{ to: { name: 'surveys' }, label: 'nav.surveys', shownTo: (agent) => surveyDesignDepartments(agent).length > 0 }],
});
