export { deskFeature } from './feature';
