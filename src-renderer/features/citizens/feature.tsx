import { defineFeature, route } from '../../app/feature-kit';
import { CitizenCardPage } from './pages/CitizenCardPage';
import { EditCitizenPage, NewCitizenPage } from './pages/CitizenEditPages';

/** `key` gives each citizen a fresh page (no state leaking between them). */
export const citizensFeature = defineFeature({
  routes: [
    route({ name: 'newCitizen', path: '/citizens/new', permission: 'citizen.create', render: () => <NewCitizenPage /> }),
    route({ name: 'citizen', path: '/citizens/:id', render: (to) => <CitizenCardPage key={to.id} id={to.id} /> }),
    route({
      name: 'editCitizen',
      path: '/citizens/:id/edit',
      permission: 'citizen.update',
      render: (to) => <EditCitizenPage key={to.id} id={to.id} />,
    }),
  ],
  // Offered only to agents who may create a citizen (the route's permission): a field agent holds no citizen file.
  nav: [{ to: { name: 'newCitizen' }, label: 'nav.newCitizen' }],
});
