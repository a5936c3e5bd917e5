export { CaseDetailPage } from './pages/CaseDetailPage';
export { CaseListPage } from './pages/CaseListPage';
export { NewCasePage } from './pages/NewCasePage';
export { CaseCreatedPage } from './pages/CaseCreatedPage';
export { TrackingCodeDisplay } from './components/TrackingCodeDisplay';
export { useCaseDetail } from './api';
export { caseListInput, defaultCaseListView, useCaseListStore, useCaseListView, CASE_LIST_STORAGE_KEY, type CaseListView } from './store';
export { pagesForRange, pageOf, PAGE_SIZE } from './list-pages';
export { casesFeature } from './feature';
