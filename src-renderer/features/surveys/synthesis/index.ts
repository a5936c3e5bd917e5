export { SurveySynthesis } from './SurveySynthesis';
