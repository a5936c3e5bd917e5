import { create } from 'zustand';
import { newDraft, type DraftEdit, type SurveyDraft } from './draft';

/**
 * The survey being designed. A draft lives here only for now; whoever stores surveys later loads one with
 * `load` and saves what `draft` holds (subscribe to the store), with no change to the screens. A draft is
 * its designer's: agents taking turns at a desk do not see each other's.
 */
interface SurveyDesignerState {
  draft: SurveyDraft;
  /** The agent designing it; null before anyone opened the designer. */
  designerId: string | null;
  apply: (edit: DraftEdit) => void;
  load: (draft: SurveyDraft, designerId: string | null) => void;
}

export const useSurveyDesignerStore = create<SurveyDesignerState>()((set) => ({
  draft: newDraft(),
  designerId: null,
  apply: (edit) => set((state) => ({ draft: edit(state.draft) })),
  load: (draft, designerId) => set({ draft, designerId }),
}));

export const useSurveyDraft = () => useSurveyDesignerStore((state) => state.draft);
export const useApplyEdit = () => useSurveyDesignerStore((state) => state.apply);
