import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { useTRPC } from '../../app/trpc';
import type { CitizenFormValues } from './form-values';

export function useCitizenCard(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.citizen.card.queryOptions({ id }));
}

function useInvalidateCitizens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.citizen.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.search.pathKey() });
  };
}

export function useCreateCitizen() {
  const trpc = useTRPC();
  const invalidate = useInvalidateCitizens();
  return useMutation(trpc.citizen.create.mutationOptions({ onSuccess: invalidate }));
}

export function useUpdateCitizen() {
  const trpc = useTRPC();
  const invalidate = useInvalidateCitizens();
  return useMutation(trpc.citizen.update.mutationOptions({ onSuccess: invalidate }));
}

export const SIMILAR_DEBOUNCE_MS = 400;

/**
 * Existing citizens resembling the one being typed: asked only once there is something to compare
 * (an email, a phone, or both names with a birth date), 400 ms after the agent stops typing.
 */
export function useSimilarCitizens(values: CitizenFormValues, excludeId: string | null) {
  const trpc = useTRPC();
  const probe = {
    excludeId,
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    birthDate: values.birthDate === '' ? null : values.birthDate,
    email: values.email.trim() === '' ? null : values.email.trim(),
    phone: values.phone.trim() === '' ? null : values.phone.trim(),
  };
  // Debounce a string: a fresh object each render would restart the timer forever.
  const [debouncedKey] = useDebouncedValue(JSON.stringify(probe), SIMILAR_DEBOUNCE_MS);
  const debounced = JSON.parse(debouncedKey) as typeof probe;
  const enough =
    debounced.email !== null ||
    debounced.phone !== null ||
    (debounced.firstName !== '' && debounced.lastName !== '' && debounced.birthDate !== null);
  return useQuery({ ...trpc.citizen.similar.queryOptions(debounced), enabled: enough, retry: false });
}
