import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';

export function useSurveyList() {
  const trpc = useTRPC();
  return useQuery(trpc.survey.list.queryOptions());
}

export function useSurveyDetail(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.survey.detail.queryOptions({ id }));
}

/** Where citizens reach the public pages (links, QR codes); null until a sign-in told the workspace. */
export function usePublicUrl() {
  const trpc = useTRPC();
  return useQuery(trpc.survey.publicUrl.queryOptions());
}

export function useCaseFeedback(caseId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.survey.caseFeedback.queryOptions({ caseId }));
}

/** A survey changed: the list, its detail and its case feedback are stale. Success or refusal alike. */
function useInvalidateSurveys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.survey.pathKey() });
}

export function useSaveSurvey() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSurveys();
  return useMutation(trpc.survey.save.mutationOptions({ onSettled: invalidate }));
}

export function useSetSurveyStatus() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSurveys();
  return useMutation(trpc.survey.setStatus.mutationOptions({ onSettled: invalidate }));
}

export function useSaveCollector() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSurveys();
  return useMutation(trpc.survey.saveCollector.mutationOptions({ onSettled: invalidate }));
}

export function useRecordResponse() {
  const trpc = useTRPC();
  const invalidate = useInvalidateSurveys();
  return useMutation(trpc.survey.recordResponse.mutationOptions({ onSettled: invalidate }));
}
