export { useGlobalSearch } from './api';
export { HeaderSearchField } from './components/HeaderSearchField';
export { SearchModal } from './components/SearchModal';
export { SearchPanel } from './components/SearchPanel';
export { exactTrackingCodeMatch, moveActive, toSearchItems } from './search-items';
export { useSearchStore } from './store';
