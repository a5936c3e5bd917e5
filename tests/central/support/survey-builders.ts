import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { cases, categories, citizens, surveyCollectors, surveyInvitations, surveys } from '../../../src-central/db/schema';
import { tokenHash } from '../../../src-central/public/public-surveys';
import type { CollectorSettings, SurveyAnonymity, SurveyStatus } from '../../../src-shared/schemas/surveys';
import { centralBuilders } from './builders';

/** A small survey: a required rating, an optional choice with "other", an optional comment. */
export const sampleDefinition = {
  locale: 'fr',
  title: { default: 'Accueil en mairie', en: 'Town hall welcome' },
  pages: [
    {
      name: 'page1',
      elements: [
        {
          type: 'rating',
          name: 'satisfaction',
          title: { default: 'Êtes-vous satisfait ?', en: 'Are you satisfied?' },
          isRequired: true,
          rateType: 'stars',
          rateMax: 5,
        },
        {
          type: 'radiogroup',
          name: 'venue',
          title: { default: 'Où êtes-vous venu ?', en: 'Where did you come?' },
          choices: [
            { value: 'mairie', text: { default: 'Mairie', en: 'Town hall' } },
            { value: 'annexe', text: { default: 'Mairie annexe', en: 'Annex' } },
          ],
          showOtherItem: true,
        },
        { type: 'comment', name: 'remarks', title: { default: 'Une remarque ?', en: 'Any remark?' } },
      ],
    },
  ],
};

/** Rows of the surveys tables written straight to the central database, with valid defaults. */
export function surveyBuilders(db: CentralDb) {
  const base = centralBuilders(db);
  const now = new Date().toISOString();

  const buildSurvey = async (
    overrides: {
      departmentId?: string;
      status?: SurveyStatus;
      anonymity?: SurveyAnonymity;
      opensOn?: string | null;
      closesOn?: string | null;
    } = {},
  ) => {
    const departmentId = overrides.departmentId ?? (await base.buildDepartment()).id;
    const row = {
      id: uuidv7(),
      departmentId,
      status: overrides.status ?? ('open' as const),
      opensOn: overrides.opensOn ?? null,
      closesOn: overrides.closesOn ?? null,
      anonymity: overrides.anonymity ?? ('anonymous' as const),
      purpose: {
        fr: 'La mairie recueille votre avis pour améliorer son accueil. Responsable : la Ville. Vos réponses sont conservées 2 ans.',
        en: 'The town hall collects your opinion to improve its welcome. Controller: the City. Answers are kept 2 years.',
      },
      definition: sampleDefinition as Record<string, unknown>,
      createdAt: now,
      updatedAt: now,
      version: 1,
      rowVersion: 1,
    };
    await db.insert(surveys).values(row);
    return row;
  };

  const buildCollector = async (survey: { id: string; departmentId: string }, settings: CollectorSettings, label = 'Hall de la mairie') => {
    const row = {
      id: uuidv7(),
      surveyId: survey.id,
      departmentId: survey.departmentId,
      label,
      settings,
      status: 'active' as const,
      stats: { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null },
      createdAt: now,
      updatedAt: now,
      rowVersion: 1,
    };
    await db.insert(surveyCollectors).values(row);
    return row;
  };

  const buildCitizen = async (postalCode: string | null = '75011') => {
    const row = {
      id: uuidv7(),
      firstName: 'Inès',
      lastName: 'Moreau',
      postalCode,
      preferredChannel: 'email' as const,
      consentEmail: true,
      consentSms: false,
      consentSurveys: true,
      certification: 'declared' as const,
      createdAt: now,
      updatedAt: now,
      version: 1,
      rowVersion: 1,
    };
    await db.insert(citizens).values(row);
    return row;
  };

  /** A case of the citizen in `departmentId`, created `createdAt`. */
  const buildCase = async (citizenId: string, departmentId: string, createdAt: string) => {
    const categoryId = uuidv7();
    await db.insert(categories).values({
      id: categoryId,
      departmentId,
      serviceCode: `SC-${randomBytes(4).toString('hex')}`,
      label: 'Voirie',
      kind: 'request' as const,
      deadlineDays: 10,
      deadlineKind: 'working' as const,
      defaultPriority: 'normal' as const,
      duplicateRadiusM: 50,
      retentionMonths: 24,
      rowVersion: 1,
    });
    const id = uuidv7();
    await db.insert(cases).values({
      id,
      trackingCode: `T-${randomBytes(5).toString('hex')}`,
      kind: 'request' as const,
      citizenId,
      categoryId,
      departmentId,
      channel: 'email' as const,
      subject: 'Trottoir',
      description: 'Dalle descellée',
      status: 'new' as const,
      priority: 'normal' as const,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      rowVersion: 1,
    });
    return id;
  };

  /** An email invitation; returns its token (the link's `?t=`), which the database only holds hashed. */
  /** An invitation already emailed, and its token; `caseId` makes it a closed case's, `reminded` gives its reminder's token too. */
  const buildInvitation = async (
    collector: { id: string; surveyId: string },
    citizenId: string,
    options: { caseId?: string; reminded?: boolean } = {},
  ) => {
    const token = randomBytes(32).toString('base64url');
    const reminderToken = randomBytes(32).toString('base64url');
    await db.insert(surveyInvitations).values({
      id: uuidv7(),
      collectorId: collector.id,
      surveyId: collector.surveyId,
      citizenId,
      caseId: options.caseId ?? null,
      tokenHash: tokenHash(token),
      reminderTokenHash: options.reminded === true ? tokenHash(reminderToken) : null,
      status: 'sent',
      createdAt: new Date(),
    });
    return options.reminded === true ? reminderToken : token;
  };

  return { ...base, buildSurvey, buildCollector, buildCitizen, buildCase, buildInvitation };
}

export const emailSettings: CollectorSettings = {
  kind: 'email',
  segment: { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] },
  ratePerMinute: 60,
  reminderAfterDays: null,
};
