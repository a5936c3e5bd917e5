export * from './model';
export * from './localized-text';
export * from './conditions';
export * from './check';
export { importSurveyJson, importElement } from './import-json';
export { exportSurveyJson, exportElement, exportItem } from './export-json';
export * from './new-elements';
export { checkAnswers, type AnswerProblem } from './check-answers';
export { surveyTitleOf } from './survey-title';
