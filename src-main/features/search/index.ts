import { defineMainFeature } from '../main-feature';
import { searchRouter } from './search-router';
import { createSearchService } from './search-service';

export type SearchService = ReturnType<typeof createSearchService>;

export const searchFeature = defineMainFeature({
  namespace: 'search',
  router: searchRouter,
  services: { search: (deps) => createSearchService(deps.repos) },
});

declare module '../../services/services' {
  interface Services {
    search: SearchService;
  }
}
