import { create } from 'zustand';

/**
 * What the voice screens remember while the agent moves around the workspace: the department whose
 * indicators are on screen. Editors keep their own draft (a form's state), dropped when they close.
 */
interface VoiceState {
  indicatorsDepartmentId: string | null;
  showIndicatorsOf: (departmentId: string) => void;
}

export const useVoiceStore = create<VoiceState>()((set) => ({
  indicatorsDepartmentId: null,
  showIndicatorsOf: (departmentId) => set({ indicatorsDepartmentId: departmentId }),
}));
