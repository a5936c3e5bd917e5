import { casesFeature } from './cases';
import { citizensFeature } from './citizens';
import { deskFeature } from './desk';
import { surveysFeature } from './surveys';
import { syncFeature } from './sync';
import { voiceFeature } from './voice';

/**
 * The workspace's screens, one line a feature: the hash router (app/router.ts), the screen switch and the
 * navigation (app/shell) read their routes and entries from here, in this order. Adding a feature: its folder,
 * and one line here. A function, not a constant: the features' screens import the router, which reads this
 * list, so it is read once every module has loaded (a constant would catch a feature still loading).
 */
export const features = () => [deskFeature, casesFeature, citizensFeature, surveysFeature, voiceFeature, syncFeature] as const;
