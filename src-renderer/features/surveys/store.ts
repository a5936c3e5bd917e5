import { create } from 'zustand';
import { newDraft, type DraftEdit, type SurveyDraft } from './draft';

/**
 * The survey being designed. A draft lives here only for now; whoever stores surveys later loads one with
 * `load` and saves what `draft` holds (subscribe to the store), with no change to the screens.
 */
interface SurveyDesignerState {
  draft: SurveyDraft;
  apply: (edit: DraftEdit) => void;
  load: (draft: SurveyDraft) => void;
}

export const useSurveyDesignerStore = create<SurveyDesignerState>()((set) => ({
  draft: newDraft(),
  apply: (edit) => set((state) => ({ draft: edit(state.draft) })),
  load: (draft) => set({ draft }),
}));

export const useSurveyDraft = () => useSurveyDesignerStore((state) => state.draft);
export const useApplyEdit = () => useSurveyDesignerStore((state) => state.apply);
