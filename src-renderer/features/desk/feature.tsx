import { defineFeature, route } from '../../app/feature-kit';
import { DeskPage } from './DeskPage';

export const deskFeature = defineFeature({
  routes: [route({ name: 'desk', path: '/', render: () => <DeskPage /> })],
  nav: [{ to: { name: 'desk' }, label: 'nav.desk' }],
});
