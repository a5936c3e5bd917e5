import type { Survey } from '../../../../src-shared/schemas/surveys';

/**
 * The "Synthèse" tab's place: H3's synthesis replaces this file (same path, same export). Until then it
 * renders nothing.
 */
export function SurveySynthesis(_props: { survey: Survey }) {
  return null;
}
