import type { CollectorKind, CollectorSettings, SurveyCollector } from '../../../../src-shared/schemas/surveys';

/** A collector form's fields as typed (numbers and lists as text until saved). */
export interface CollectorFormValues {
  label: string;
  date: string;
  categoryIds: string[];
  departmentIds: string[];
  segmentCategoryIds: string[];
  sinceMonths: string;
  postalCodes: string;
  channels: string[];
  ratePerMinute: string;
  reminderAfterDays: string;
}

export function collectorFormValues(collector: SurveyCollector | null): CollectorFormValues {
  const settings = collector?.settings;
  return {
    label: collector?.label ?? '',
    date: settings?.kind === 'meeting' ? settings.date : '',
    categoryIds: settings?.kind === 'afterCase' ? settings.categoryIds : [],
    departmentIds: settings?.kind === 'email' ? settings.segment.departmentIds : [],
    segmentCategoryIds: settings?.kind === 'email' ? settings.segment.categoryIds : [],
    sinceMonths: settings?.kind === 'email' && settings.segment.sinceMonths !== null ? String(settings.segment.sinceMonths) : '',
    postalCodes: settings?.kind === 'email' ? settings.segment.postalCodes.join(', ') : '',
    channels: settings?.kind === 'email' ? settings.segment.channels : [],
    ratePerMinute: settings?.kind === 'email' ? String(settings.ratePerMinute) : '60',
    reminderAfterDays: settings?.kind === 'email' && settings.reminderAfterDays !== null ? String(settings.reminderAfterDays) : '',
  };
}

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** The settings the form describes; the server's schema judges them (a bad number comes back as a field issue). */
export function collectorSettingsOf(kind: CollectorKind, values: CollectorFormValues): CollectorSettings {
  switch (kind) {
    case 'kiosk':
      return { kind };
    case 'meeting':
      return { kind, date: values.date };
    case 'afterCase':
      return { kind, categoryIds: values.categoryIds };
    case 'email':
      return {
        kind,
        segment: {
          departmentIds: values.departmentIds,
          categoryIds: values.segmentCategoryIds,
          sinceMonths: numberOrNull(values.sinceMonths),
          postalCodes: values.postalCodes
            .split(/[,\s]+/)
            .map((code) => code.trim())
            .filter((code) => code !== ''),
          channels: values.channels as never,
        },
        ratePerMinute: Number(values.ratePerMinute),
        reminderAfterDays: numberOrNull(values.reminderAfterDays),
      };
  }
}
