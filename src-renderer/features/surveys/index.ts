export { surveysFeature } from './feature';
export { useSurveyDesignerStore } from './store';
export { newDraft, type SurveyDraft } from './draft';
export { CaseFeedbackPanel } from './components/CaseFeedbackPanel';
