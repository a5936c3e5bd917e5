import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC, type RouterInputs } from '../../../app/trpc';
import type { SynthesisFilter } from '../../../../src-shared/surveys/synthesis';

export type CrosstabRequest = RouterInputs['surveySynthesis']['crosstab'];

/** The synthesis of a survey within the filter (counted on the replica: works offline). */
export function useSynthesis(surveyId: string, filter: SynthesisFilter) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.surveySynthesis.overview.queryOptions({ surveyId, filter }), placeholderData: keepPreviousData });
}

export function useCrosstab(request: CrosstabRequest | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.surveySynthesis.crosstab.queryOptions(request as CrosstabRequest),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

/** Saves a file the main core wrote: a download (Electron asks where to save it). */
export function saveFile(file: { fileName: string; mimeType: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(url);
}

export function useSurveyExport() {
  const trpc = useTRPC();
  return useMutation(trpc.surveySynthesis.exportSurvey.mutationOptions({ onSuccess: saveFile }));
}

export function useDepartmentExport() {
  const trpc = useTRPC();
  return useMutation(trpc.surveySynthesis.exportDepartment.mutationOptions({ onSuccess: saveFile }));
}
