import { create } from 'zustand';

interface SearchState {
  opened: boolean;
  query: string;
  open: (query?: string) => void;
  close: () => void;
  setQuery: (query: string) => void;
}

/** The global search dialog: open from the header field or Ctrl+K, anywhere in the workspace. */
export const useSearchStore = create<SearchState>()((set) => ({
  opened: false,
  query: '',
  open: (query = '') => set({ opened: true, query }),
  close: () => set({ opened: false, query: '' }),
  setQuery: (query) => set({ query }),
}));
