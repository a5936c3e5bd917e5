import { randomInt } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { computeDeadline } from '../../src-shared/domain/deadline';
import { generateTrackingCode } from '../../src-shared/domain/tracking-code';
import { fail } from '../../src-shared/errors';
import type { Effect } from '../../src-shared/mutations';
import { idSchema, textSchema } from '../../src-shared/schemas/common';
import type { Case } from '../../src-shared/schemas/entities';
import type { CentralDb } from '../db/central-db-types';
import { categories, departments } from '../db/schema';
import type { ServiceWriter } from '../sync/service-writes';
import { markup, page } from './public-html';

/**
 * A citizen's feedback (avis) on a service, from the public page or a kiosk: a rating and a comment, which
 * arrives as a case of kind `feedback` in the department of the chosen category. An address and consent let
 * the department's reply, and the outcomes published about it, reach them by email (the form's consent names both).
 */
export const feedbackFormSchema = z.object({
  /** Written into the form when it is shown: sending it twice records one case. */
  id: idSchema,
  categoryId: idSchema,
  rating: z.coerce.number().int().min(1).max(5),
  comment: textSchema({ min: 1, max: 2000 }),
  email: z.preprocess((value) => (value === '' ? undefined : value), z.email().max(254).optional()),
  consent: z.preprocess((value) => value === 'on' || value === 'true' || value === true, z.boolean()),
  via: z.enum(['web', 'kiosk']).default('web'),
});
export type FeedbackForm = z.output<typeof feedbackFormSchema>;

export interface FeedbackCategory {
  id: string;
  label: string;
  department: string;
}

export async function feedbackCategories(db: CentralDb): Promise<FeedbackCategory[]> {
  return db
    .select({ id: categories.id, label: categories.label, department: departments.name })
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .where(eq(categories.kind, 'feedback'))
    .orderBy(asc(departments.name), asc(categories.label));
}

/**
 * The five faces, drawn (an emoji depends on the phone's fonts: some show an empty box): a circle, two eyes
 * and a mouth from a frown to a smile, in the text's colour.
 */
const mouths = ['M8 17 Q12 12 16 17', 'M8 16.5 Q12 14.5 16 16.5', 'M8 15.5 L16 15.5', 'M8 14.5 Q12 17 16 14.5', 'M8 14 Q12 19.5 16 14'];
const faces = mouths.map(
  (mouth) =>
    markup`<svg class="face" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
      ><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.8" /><circle cx="9" cy="9.5" r="1.3" fill="currentColor" /><circle
        cx="15"
        cy="9.5"
        r="1.3"
        fill="currentColor" /><path d="${mouth}" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"
    /></svg>`,
);
const ratingWords = ['Très insatisfait', 'Insatisfait', 'Moyen', 'Satisfait', 'Très satisfait'];

/** Records the feedback: the case and its `created` event, in one push-group write. */
export async function recordFeedback(writes: ServiceWriter, form: FeedbackForm, now: Date): Promise<{ trackingCode: string } | null> {
  return writes('feedback.receive', async (tx) => {
    // Sent twice (a double tap, a reload): the first one stands, and the second learns nothing of any case.
    if ((await tx.case(form.id)) !== null) return { effects: [], result: null };
    const category = await tx.category(form.categoryId);
    if (category === null || category.kind !== 'feedback') throw fail('CATEGORY_NOT_FOUND', { categoryId: form.categoryId });
    const at = now.toISOString();
    const trackingCode = generateTrackingCode(() => randomInt(2 ** 32) / 2 ** 32);
    const excerpt = form.comment.length > 80 ? `${form.comment.slice(0, 79)}…` : form.comment;
    const row: Case = {
      id: form.id,
      trackingCode,
      kind: 'feedback',
      citizenId: null,
      categoryId: category.id,
      departmentId: category.departmentId,
      channel: form.via,
      subject: `Avis ${form.rating}/5 : ${excerpt}`,
      description: form.comment,
      address: null,
      latitude: null,
      longitude: null,
      status: 'new',
      priority: category.defaultPriority,
      assigneeId: null,
      parentId: null,
      duplicateOfId: null,
      deadline: computeDeadline(now, { days: category.deadlineDays, kind: category.deadlineKind }),
      deadlinePausedAt: null,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      version: 1,
    };
    // `outcomes`: the consent was given under the wording that names the outcomes too (feedback sent before
    // it consented only to being answered, and its contact has no `outcomes`: no outcome email reaches it).
    const contact = form.email === undefined ? null : { email: form.email, consent: form.consent, outcomes: form.consent };
    const effects: Effect[] = [
      { op: 'insert', entity: 'case', row },
      {
        op: 'insert',
        entity: 'caseEvent',
        row: {
          id: uuidv7(),
          caseId: form.id,
          type: 'created',
          at,
          agentId: null,
          data: { channel: form.via, rating: form.rating, contact },
        },
      },
    ];
    return { effects, result: { trackingCode } };
  });
}

export interface FeedbackPageState {
  categories: FeedbackCategory[];
  /** The form's values when it comes back with errors. */
  values?: Partial<Record<'categoryId' | 'rating' | 'comment' | 'email' | 'consent', string>>;
  errors?: { field: string; message: string }[];
  via: 'web' | 'kiosk';
  categoryId?: string | null;
}

const fieldMessages: Record<string, string> = {
  categoryId: 'Choisissez le service concerné.',
  rating: 'Choisissez une note de 1 à 5.',
  comment: 'Écrivez votre avis (2 000 caractères au plus).',
  email: 'Cette adresse email ne semble pas valide.',
};

export function feedbackErrors(issues: readonly { path: PropertyKey[] }[]): { field: string; message: string }[] {
  const fields = [...new Set(issues.map((issue) => String(issue.path[0] ?? '')))];
  return fields.filter((field) => field in fieldMessages).map((field) => ({ field, message: fieldMessages[field] as string }));
}

/** The form: service, a rating in faces, the comment, and optionally an address with consent. */
export function feedbackPage(state: FeedbackPageState): string {
  const values = state.values ?? {};
  const selected = values.categoryId ?? state.categoryId ?? '';
  const errors = state.errors ?? [];
  const body = markup`<p>Dites-nous ce que vous pensez d'un service de la ville. Votre avis est lu par le service concerné.</p>
    ${
      errors.length > 0
        ? markup`<div class="error" role="alert" data-error-code="VALIDATION_FAILED">
            <p>Votre avis n'a pas encore été envoyé :</p>
            <ul>
              ${errors.map((error) => markup`<li><a href="#${error.field}">${error.message}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/avis" novalidate>
      <input type="hidden" name="id" value="${uuidv7()}" />
      <input type="hidden" name="via" value="${state.via}" />
      <label for="categoryId">Service concerné</label>
      <select
        id="categoryId"
        name="categoryId"
        required${errors.some((error) => error.field === 'categoryId') ? markup` aria-invalid="true"` : ''}
      >
        <option value="">Choisissez…</option>
        ${state.categories.map(
          (category) =>
            markup`<option value="${category.id}" ${category.id === selected ? markup` selected` : ''}>
              ${category.department} — ${category.label}
            </option>`,
        )}
      </select>
      <fieldset id="rating">
        <legend>Votre note</legend>
        <div class="faces">
          ${faces.map(
            (face, index) =>
              markup`<label
                ><input
                  type="radio"
                  name="rating"
                  value="${index + 1}"
                  required${values.rating === String(index + 1) ? markup` checked` : ''}
                />${face} ${ratingWords[index]}</label
              >`,
          )}
        </div>
      </fieldset>
      <label for="comment">Votre avis</label>
      <textarea
        id="comment"
        name="comment"
        maxlength="2000"
        required${errors.some((error) => error.field === 'comment') ? markup` aria-invalid="true"` : ''}
      >
${values.comment ?? ''}</textarea>
      <label for="email">Votre adresse email (facultatif)</label>
      <input type="email" id="email" name="email" autocomplete="email" value="${values.email ?? ''}" aria-describedby="email-hint" />
      <p class="hint" id="email-hint">
        Seulement pour que la ville puisse vous répondre et vous dire ce qu'elle change à la suite de votre avis.
      </p>
      <label class="check"
        ><input type="checkbox" name="consent" aria-describedby="consent-en" ${values.consent === 'on' ? markup` checked` : ''} />
        J'accepte que la ville me réponde par email à cette adresse et me dise ce qu'elle change à la suite de mon avis.</label
      >
      <p class="hint" id="consent-en" lang="en">
        I agree that the city may answer me by email at this address and tell me what it changes following my feedback.
      </p>
      <button type="submit">Envoyer mon avis</button>
    </form>
    <p class="hint">
      Vos données servent à traiter votre avis ; elles sont conservées le temps de son traitement.
      <a href="/resultats">Ce que la ville a changé</a>
    </p>`;
  return page({ title: errors.length > 0 ? 'Erreur — Donner votre avis' : 'Donner votre avis', heading: 'Donner votre avis', body });
}

export function feedbackThanksPage(trackingCode: string | null): string {
  const body = markup`<div class="done" role="status">
      <p>Merci, votre avis a bien été reçu.</p>
      ${trackingCode === null ? '' : markup`<p>Sa référence : <strong>${trackingCode}</strong></p>`}
    </div>
    <p><a href="/avis">Donner un autre avis</a> · <a href="/resultats">Ce que la ville a changé</a></p>`;
  return page({ title: 'Merci pour votre avis', body });
}
