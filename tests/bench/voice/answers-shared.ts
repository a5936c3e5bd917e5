/** What the public-answers benchmark (answers.ts) and its central process (answers-central-child.ts) exchange. */
export interface AnswersChildOptions {
  databaseUrl: string | null;
  pgliteDir: string | null;
  dataDir: string;
}

export type AnswersChildRequest =
  { type: 'count'; id: number } | { type: 'raw'; id: number; concurrency: number; seconds: number } | { type: 'stop'; id: number };

export type AnswersChildReply =
  | { type: 'ready'; url: string; surveyId: string; kioskId: string }
  | { type: 'count'; id: number; responses: number }
  | { type: 'raw'; id: number; perSecond: number }
  | { type: 'stopped'; id: number }
  | { type: 'error'; id: number; message: string };

/** A short satisfaction survey, as the designer writes it: a required rating, a choice, a comment. */
export const benchDefinition: Record<string, unknown> = {
  locale: 'fr',
  title: 'Accueil en mairie',
  pages: [
    {
      name: 'page1',
      elements: [
        { type: 'rating', name: 'satisfaction', title: 'Êtes-vous satisfait ?', isRequired: true, rateType: 'smileys', rateMax: 5 },
        {
          type: 'radiogroup',
          name: 'venue',
          title: 'Où êtes-vous venu ?',
          choices: [
            { value: 'mairie', text: 'Mairie' },
            { value: 'annexe', text: 'Mairie annexe' },
          ],
        },
        { type: 'comment', name: 'remarks', title: 'Une remarque ?' },
      ],
    },
  ],
};
