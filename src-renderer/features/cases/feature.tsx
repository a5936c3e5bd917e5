import { normalizeTrackingCode } from '../../../src-shared/domain/tracking-code';
import { defineFeature, route } from '../../app/feature-kit';
import { CaseCreatedPage } from './pages/CaseCreatedPage';
import { CaseDetailPage } from './pages/CaseDetailPage';
import { CaseListPage } from './pages/CaseListPage';
import { NewCasePage } from './pages/NewCasePage';

/** `key` gives each case a fresh page (no state leaking between them). */
export const casesFeature = defineFeature({
  routes: [
    route({ name: 'cases', path: '/cases', render: () => <CaseListPage /> }),
    route({
      name: 'newCase',
      path: '/cases/new',
      query: { citizenId: 'citizen' },
      render: (to) => <NewCasePage key={to.citizenId ?? 'none'} citizenId={to.citizenId} />,
    }),
    route({ name: 'case', path: '/cases/:id', render: (to) => <CaseDetailPage key={to.id} id={to.id} /> }),
    /** A case just saved, its tracking code shown large; a place of its own, so "Nouvelle demande" leaves it. */
    route({
      name: 'caseCreated',
      path: '/cases/:id/created',
      query: { trackingCode: { key: 'code', parse: normalizeTrackingCode, required: true }, citizenId: 'citizen' },
      render: (to) => <CaseCreatedPage key={to.id} created={to} />,
    }),
  ],
  nav: [
    { to: { name: 'cases' }, label: 'nav.cases', matches: ['cases', 'case'] },
    { to: { name: 'newCase', citizenId: null }, label: 'nav.newCase', matches: ['newCase', 'caseCreated'] },
  ],
});
