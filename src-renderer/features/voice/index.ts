export { voiceFeature } from './feature';
export { OpenAnswerThemes, type OpenAnswerThemesProps } from './components/OpenAnswerThemes';
export { CaseThemesPanel } from './components/CaseThemesPanel';
