import type { Effect } from '../../src-shared/mutations';
import type { Case, Citizen } from '../../src-shared/schemas/entities';
import type { RespondentProfile } from '../../src-shared/schemas/surveys';
import { respondentProfile } from '../public/public-answers';
import type { PushTx } from '../sync/store';

type ResponseInsert = Extract<Effect, { op: 'insert'; entity: 'surveyResponse' }>;

const unprofiled = (effect: Effect): effect is ResponseInsert =>
  effect.op === 'insert' && effect.entity === 'surveyResponse' && effect.row.citizenId !== null && effect.row.profile === null;

/**
 * What the push wrote before this mutation and SQL cannot see yet (the push group writes its rows at its
 * end): an offline desk opens the citizen's file and case, then records the answer, and pushes them at once.
 */
function withEarlierWrites(profile: RespondentProfile, citizenId: string, earlier: readonly Effect[]): RespondentProfile {
  const departments = new Set(profile.departmentsWithCase);
  let area = profile.area;
  for (const effect of earlier) {
    if (effect.op !== 'insert') continue;
    if (effect.entity === 'case' && (effect.row as Case).citizenId === citizenId) departments.add((effect.row as Case).departmentId);
    if (effect.entity === 'citizen' && effect.row.id === citizenId) {
      area = (effect.row as Citizen).address?.postalCode.trim().slice(0, 10) || area;
    }
  }
  return { departmentsWithCase: [...departments].sort().slice(0, 100), area };
}

/**
 * Stamps the respondent's profile on the answers an agent entered for an identified citizen (desk, phone,
 * meeting): the replica that recorded one cannot know the citizen's cases in other departments, so it sends
 * `profile: null`, and the central service fills it in in the push itself, as it does for an emailed answer
 * (`respondentProfile`: the departments of their cases of the twelve months before, their area), counting
 * what `earlier` mutations of the same push wrote. The stored row, and so every replica's pull, carries it:
 * the synthesis crosses departments for desk entries too. Needs the push's SQL (`PushTx.sql`, PostgreSQL and
 * PGlite stores); without it the effects go unchanged.
 */
export async function stampDeskProfiles(
  tx: PushTx,
  effects: readonly Effect[],
  now: Date,
  earlier: readonly Effect[] = [],
): Promise<readonly Effect[]> {
  if (tx.sql === undefined || !effects.some(unprofiled)) return effects;
  const db = await tx.sql();
  const stamped: Effect[] = [];
  for (const effect of effects) {
    if (unprofiled(effect) && effect.row.citizenId !== null) {
      const { citizenId } = effect.row;
      const profile = withEarlierWrites(await respondentProfile(db, citizenId, now), citizenId, earlier);
      stamped.push({ ...effect, row: { ...effect.row, profile } });
    } else stamped.push(effect);
  }
  return stamped;
}
