import { and, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { isoDateTimeSchema } from '../../src-shared/schemas/common';
import { surveyTitleOf } from '../../src-shared/surveys/survey-title';
import type { CentralDb } from '../db/central-db-types';
import { departments, outcomes, surveys } from '../db/schema';
import { markup, page, type Html } from './public-html';

/** What the public page shows of a published outcome: never its cases, nor anything of a draft. */
export interface PublicOutcome {
  id: string;
  department: string;
  title: { fr: string; en: string };
  body: { fr: string; en: string };
  publishedAt: string;
  /** Titles of the surveys it answers (those citizens could see: not drafts). */
  surveys: string[];
}

export const outcomesQuerySchema = z.object({
  /** Older than this publication instant (the next page). */
  before: isoDateTimeSchema.optional(),
  lang: z.enum(['fr', 'en']).default('fr'),
});

export const outcomesPageSize = 20;

export async function publishedOutcomes(db: CentralDb, query: z.output<typeof outcomesQuerySchema>): Promise<PublicOutcome[]> {
  const rows = await db
    .select({
      id: outcomes.id,
      department: departments.name,
      title: outcomes.title,
      body: outcomes.body,
      publishedAt: outcomes.publishedAt,
      surveyIds: outcomes.surveyIds,
    })
    .from(outcomes)
    .innerJoin(departments, eq(departments.id, outcomes.departmentId))
    .where(and(eq(outcomes.status, 'published'), query.before === undefined ? undefined : lt(outcomes.publishedAt, query.before)))
    .orderBy(desc(outcomes.publishedAt), desc(outcomes.id))
    .limit(outcomesPageSize);
  const surveyIds = [...new Set(rows.flatMap((row) => row.surveyIds))];
  const titles = new Map<string, string>();
  if (surveyIds.length > 0) {
    const found = await db
      .select({ id: surveys.id, definition: surveys.definition })
      .from(surveys)
      .where(and(inArray(surveys.id, surveyIds), ne(surveys.status, 'draft')));
    for (const survey of found) titles.set(survey.id, surveyTitleOf(survey.definition, query.lang));
  }
  return rows.map(({ surveyIds: ids, publishedAt, ...row }) => ({
    ...row,
    publishedAt: publishedAt ?? '',
    surveys: ids.flatMap((id) => (titles.has(id) ? [titles.get(id) as string] : [])),
  }));
}

const dateFormat = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
};

const words = {
  fr: {
    title: 'Vous avez dit, nous avons fait',
    intro: 'Ce que la ville a changé à la suite de vos avis, de vos réponses aux questionnaires et de vos demandes.',
    none: 'Aucun engagement publié pour le moment.',
    published: 'Publié le',
    answers: 'En réponse à :',
    older: 'Engagements plus anciens',
    other: 'English',
  },
  en: {
    title: 'You said, we did',
    intro: 'What the city changed following your feedback, your answers to surveys and your requests.',
    none: 'Nothing published yet.',
    published: 'Published on',
    answers: 'In answer to:',
    older: 'Older outcomes',
    other: 'Français',
  },
} as const;

/** The public page of published outcomes, newest first, twenty a page. */
export function outcomesPage(list: PublicOutcome[], lang: 'fr' | 'en'): string {
  const w = words[lang];
  const text = (value: { fr: string; en: string }) => (lang === 'en' && value.en.trim() !== '' ? value.en : value.fr);
  const last = list.at(-1);
  const body: Html = markup`<p>${w.intro}</p>
    <p><a href="/resultats?lang=${lang === 'fr' ? 'en' : 'fr'}" lang="${lang === 'fr' ? 'en' : 'fr'}">${w.other}</a></p>
    ${list.length === 0 ? markup`<p>${w.none}</p>` : ''}
    ${list.map(
      (outcome) =>
        markup`<article id="outcome-${outcome.id}">
          <h2>${text(outcome.title)}</h2>
          <p class="meta">${outcome.department} · ${w.published} ${dateFormat[lang].format(new Date(outcome.publishedAt))}</p>
          ${text(outcome.body)
            .split(/\n{2,}/)
            .map((paragraph) => markup`<p>${paragraph}</p>`)}
          ${outcome.surveys.length > 0 ? markup`<p class="meta">${w.answers} ${outcome.surveys.join(' ; ')}</p>` : ''}
        </article>`,
    )}
    ${list.length === outcomesPageSize && last !== undefined ? markup`<p><a href="/resultats?lang=${lang}&amp;before=${encodeURIComponent(last.publishedAt)}">${w.older}</a></p>` : ''}`;
  return page({ title: w.title, body, lang });
}
