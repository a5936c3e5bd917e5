import type { Outcome } from '../../../src-shared/schemas/voice';

/** An outcome as its editor holds it. */
export interface OutcomeDraft {
  departmentId: string;
  titleFr: string;
  titleEn: string;
  bodyFr: string;
  bodyEn: string;
  surveyIds: string[];
  caseIds: string[];
}

export function outcomeDraft(outcome: Outcome | null, departmentId: string): OutcomeDraft {
  if (outcome === null) return { departmentId, titleFr: '', titleEn: '', bodyFr: '', bodyEn: '', surveyIds: [], caseIds: [] };
  return {
    departmentId: outcome.departmentId,
    titleFr: outcome.title.fr,
    titleEn: outcome.title.en,
    bodyFr: outcome.body.fr,
    bodyEn: outcome.body.en,
    surveyIds: [...outcome.surveyIds],
    caseIds: [...outcome.caseIds],
  };
}

/** What `voice.saveOutcome` takes, but for the id and the version the editor holds. */
export function outcomeFields(draft: OutcomeDraft) {
  return {
    departmentId: draft.departmentId,
    title: { fr: draft.titleFr.trim(), en: draft.titleEn.trim() },
    body: { fr: draft.bodyFr.trim(), en: draft.bodyEn.trim() },
    surveyIds: draft.surveyIds,
    caseIds: draft.caseIds,
  };
}

/** The French title and text are required (English falls back to them). */
export function missingFields(draft: OutcomeDraft): ('titleFr' | 'bodyFr')[] {
  return [...(draft.titleFr.trim() === '' ? (['titleFr'] as const) : []), ...(draft.bodyFr.trim() === '' ? (['bodyFr'] as const) : [])];
}
