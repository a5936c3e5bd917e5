import { v7 as uuidv7 } from 'uuid';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { cases, categories, citizens, surveyCollectors, surveys } from '../../../src-central/db/schema';
import type { CollectorSettings, CollectorStatus } from '../../../src-shared/schemas/surveys';
import { centralBuilders } from './builders';

type CitizenOverrides = Partial<typeof citizens.$inferInsert>;

export const emptyStats = { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null };

/** Typed builders for campaign tests: citizens, cases, a survey and its collectors, written to the central database. */
export function campaignBuilders(db: CentralDb) {
  const { buildDepartment } = centralBuilders(db);
  let serial = 0;

  const buildCategory = async (departmentId: string, label = 'Nid-de-poule') => {
    const row = {
      id: uuidv7(),
      departmentId,
      serviceCode: `cat-${Date.now().toString(36)}-${serial++}`,
      label,
      kind: 'report' as const,
      deadlineDays: 10,
      deadlineKind: 'working' as const,
      defaultPriority: 'normal' as const,
      duplicateRadiusM: 50,
      retentionMonths: 36,
      rowVersion: 1,
    };
    await db.insert(categories).values(row);
    return row;
  };

  const buildCitizen = async (overrides: CitizenOverrides = {}) => {
    const row = {
      id: uuidv7(),
      firstName: 'Élodie',
      lastName: 'Hervé',
      email: `citoyen-${serial++}@exemple.fr`,
      postalCode: '45210',
      preferredChannel: 'email' as const,
      consentEmail: true,
      consentSms: false,
      consentSurveys: true,
      certification: 'declared' as const,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
      version: 1,
      rowVersion: 0,
      ...overrides,
    };
    await db.insert(citizens).values(row);
    return row;
  };

  const buildCase = async (overrides: Partial<typeof cases.$inferInsert> & { categoryId: string; departmentId: string }) => {
    const row = {
      id: uuidv7(),
      trackingCode: `T-${Date.now().toString(36)}-${serial++}`,
      kind: 'report' as const,
      channel: 'counter' as const,
      subject: 'Nid-de-poule devant l’école',
      description: '',
      status: 'new' as const,
      priority: 'normal' as const,
      createdAt: '2026-02-02T09:00:00.000Z',
      updatedAt: '2026-02-02T09:00:00.000Z',
      version: 1,
      rowVersion: 0,
      ...overrides,
    };
    await db.insert(cases).values(row);
    return row;
  };

  const buildSurvey = async (overrides: Partial<typeof surveys.$inferInsert> & { departmentId: string }) => {
    const row = {
      id: uuidv7(),
      status: 'open' as const,
      opensOn: null,
      closesOn: null,
      anonymity: 'identified' as const,
      purpose: { fr: 'La ville recueille votre avis sur la piscine pour adapter ses horaires.', en: 'Pool hours.' },
      definition: { title: { default: 'Pool', fr: 'La piscine <municipale> & vous' }, pages: [] },
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      version: 1,
      rowVersion: 1,
      ...overrides,
    };
    await db.insert(surveys).values(row);
    return row;
  };

  const buildCollector = async (options: {
    surveyId: string;
    departmentId: string;
    settings: CollectorSettings;
    status: CollectorStatus;
    label?: string;
    createdAt?: string;
  }) => {
    const row = {
      id: uuidv7(),
      surveyId: options.surveyId,
      departmentId: options.departmentId,
      label: options.label ?? 'Campagne piscine',
      settings: options.settings,
      status: options.status,
      stats: emptyStats,
      createdAt: options.createdAt ?? '2026-03-01T09:00:00.000Z',
      updatedAt: options.createdAt ?? '2026-03-01T09:00:00.000Z',
      // Below any version the service hands out: a write of the service shows as a higher one.
      rowVersion: 0,
    };
    await db.insert(surveyCollectors).values(row);
    return row;
  };

  return { buildDepartment, buildCategory, buildCitizen, buildCase, buildSurvey, buildCollector };
}

/** An email campaign's settings: every consenting citizen unless narrowed. */
export function emailSettings(overrides: Partial<Extract<CollectorSettings, { kind: 'email' }>> = {}): CollectorSettings {
  return {
    kind: 'email',
    segment: { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] },
    ratePerMinute: 600,
    reminderAfterDays: null,
    ...overrides,
  };
}
