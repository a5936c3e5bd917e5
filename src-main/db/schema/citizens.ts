import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Certification, Channel } from '../../../src-shared/schemas/common';

export const citizens = sqliteTable(
  'citizens',
  {
    /** Local, stable row number (the full-text index keys on it); never leaves the replica. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** normalizeName(first + last): the key of the "same names and birth date" duplicate check. */
    nameKey: text('name_key').notNull(),
    birthDate: text('birth_date'),
    email: text('email'),
    phone: text('phone'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code'),
    city: text('city'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    preferredChannel: text('preferred_channel').$type<Channel>().notNull(),
    consentEmail: integer('consent_email', { mode: 'boolean' }).notNull(),
    consentSms: integer('consent_sms', { mode: 'boolean' }).notNull(),
    consentSurveys: integer('consent_surveys', { mode: 'boolean' }).notNull(),
    certification: text('certification').$type<Certification>().notNull(),
    mergedInto: text('merged_into'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('citizens_email').on(t.email), index('citizens_phone').on(t.phone), index('citizens_name_key').on(t.nameKey, t.birthDate)],
);
