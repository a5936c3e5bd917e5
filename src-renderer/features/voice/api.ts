import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC, type RouterInputs, type RouterOutputs } from '../../app/trpc';

export type IndicatorView = RouterOutputs['voice']['indicators'][number];
export type VoiceSurvey = RouterOutputs['voice']['surveys'][number];
export type OutcomeView = RouterOutputs['voice']['outcomes'][number];
export type OpenAnswersInput = RouterInputs['voice']['openAnswers'];
export type OpenAnswersPage = RouterOutputs['voice']['openAnswers'];

/** The surveys of the agent's departments: sources of indicators, links of outcomes. */
export function useVoiceSurveys(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.voice.surveys.queryOptions(), enabled });
}

export function useIndicators(departmentId: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.voice.indicators.queryOptions({ departmentId: departmentId ?? '' }), enabled: departmentId !== null });
}

export function useSaveIndicator() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.voice.saveIndicator.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.voice.indicators.pathKey() }),
    }),
  );
}

export function useOutcomes() {
  const trpc = useTRPC();
  return useQuery(trpc.voice.outcomes.queryOptions());
}

/** Success or refusal (a conflict), the outcomes on screen are re-read. */
function useOutcomeMutationOptions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return { onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.voice.outcomes.pathKey() }) };
}

export function useSaveOutcome() {
  const trpc = useTRPC();
  return useMutation(trpc.voice.saveOutcome.mutationOptions(useOutcomeMutationOptions()));
}

export function usePublishOutcome() {
  const trpc = useTRPC();
  return useMutation(trpc.voice.publishOutcome.mutationOptions(useOutcomeMutationOptions()));
}

/** The linked cases' details (tracking code, subject), one query each, shared with the case screens' cache. */
export function useLinkedCases(caseIds: readonly string[]) {
  const trpc = useTRPC();
  return useQueries({ queries: caseIds.map((id) => trpc.case.detail.queryOptions({ id })) });
}

/** Finds a case by its tracking code when the agent asks (not as they type). */
export function useFindCase() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (code: string) => queryClient.fetchQuery(trpc.case.byTrackingCode.queryOptions({ code }));
}

/** A page of open answers; the previous page stays on screen while the next one loads. */
export function useOpenAnswers(input: OpenAnswersInput) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.voice.openAnswers.queryOptions(input), placeholderData: keepPreviousData });
}

/** A tag changes the answers, the counts per theme and the filters: every open-answer page is stale. */
function useTagOptions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return { onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.voice.openAnswers.pathKey() }) };
}

export function useTagAnswer() {
  const trpc = useTRPC();
  return useMutation(trpc.voice.tag.mutationOptions(useTagOptions()));
}

export function useUntagAnswer() {
  const trpc = useTRPC();
  return useMutation(trpc.voice.untag.mutationOptions(useTagOptions()));
}

export type CaseThemesView = RouterOutputs['voice']['caseThemes'];
export type FeedbackThemeView = RouterOutputs['voice']['feedbackThemes'][number];

/** A feedback case's themes, the suggestions of its department and whether the agent may change them. */
export function useCaseThemes(caseId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.voice.caseThemes.queryOptions({ caseId }));
}

/** A department's feedback themes with their counts and cases (null: none chosen yet). */
export function useFeedbackThemes(departmentId: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.voice.feedbackThemes.queryOptions({ departmentId: departmentId ?? '' }), enabled: departmentId !== null });
}

/** A theme changes the case's themes, the department's counts and the suggestions: all are re-read. */
function useCaseTagOptions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return {
    onSettled: () =>
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.voice.caseThemes.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.voice.feedbackThemes.pathKey() }),
      ]),
  };
}

export function useTagCase() {
  const trpc = useTRPC();
  return useMutation(trpc.voice.tagCase.mutationOptions(useCaseTagOptions()));
}

export function useUntagCase() {
  const trpc = useTRPC();
  return useMutation(trpc.voice.untagCase.mutationOptions(useCaseTagOptions()));
}
