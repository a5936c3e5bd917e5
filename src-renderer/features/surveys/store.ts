import { create } from 'zustand';
import type { Survey } from '../../../src-shared/schemas/surveys';
import { newDraft, type DraftEdit, type SurveyDraft } from './draft';

/**
 * The survey being designed: a new one, or a stored survey loaded with `load` (`stored`: the row as loaded,
 * whose version a save names). A draft is its designer's: agents taking turns at a desk do not see each
 * other's.
 */
interface SurveyDesignerState {
  draft: SurveyDraft;
  /** The agent designing it; null before anyone opened the designer. */
  designerId: string | null;
  /** The stored survey the draft was loaded from (and saved to); null for a new one. */
  stored: Survey | null;
  apply: (edit: DraftEdit) => void;
  load: (draft: SurveyDraft, designerId: string | null, stored?: Survey | null) => void;
  /** After a save: the row's new version (and id, for a new survey), the draft kept as it is. */
  saved: (stored: Survey) => void;
}

export const useSurveyDesignerStore = create<SurveyDesignerState>()((set) => ({
  draft: newDraft(),
  designerId: null,
  stored: null,
  apply: (edit) => set((state) => ({ draft: edit(state.draft) })),
  load: (draft, designerId, stored = null) => set({ draft, designerId, stored }),
  saved: (stored) => set({ stored }),
}));

export const useSurveyDraft = () => useSurveyDesignerStore((state) => state.draft);
export const useApplyEdit = () => useSurveyDesignerStore((state) => state.apply);
export const useStoredSurvey = () => useSurveyDesignerStore((state) => state.stored);
