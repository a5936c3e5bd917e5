import { defineFeature, route } from '../../app/feature-kit';
import { synthesisDepartments } from './access';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { OutcomesPage } from './pages/OutcomesPage';

/** Indicators and "Vous avez dit, nous avons fait", offered to the agents who read some department's synthesis. */
export const voiceFeature = defineFeature({
  routes: [
    route({ name: 'indicators', path: '/indicators', render: () => <IndicatorsPage /> }),
    route({ name: 'outcomes', path: '/outcomes', render: () => <OutcomesPage /> }),
  ],
  nav: [
    { to: { name: 'indicators' }, label: 'voice.nav.indicators', shownTo: (agent) => synthesisDepartments(agent).length > 0 },
    { to: { name: 'outcomes' }, label: 'voice.nav.outcomes', shownTo: (agent) => synthesisDepartments(agent).length > 0 },
  ],
});
