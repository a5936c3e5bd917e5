import { boolean, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Certification, Channel } from '../../../src-shared/schemas/common';
import { rowVersion } from './columns';

/** One account across all departments, so no department_id: the sync decides who receives which citizen. */
export const citizens = pgTable(
  'citizens',
  {
    id: uuid('id').primaryKey(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: text('birth_date'),
    email: text('email'),
    phone: text('phone'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code'),
    city: text('city'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    preferredChannel: text('preferred_channel').$type<Channel>().notNull(),
    consentEmail: boolean('consent_email').notNull(),
    consentSms: boolean('consent_sms').notNull(),
    consentSurveys: boolean('consent_surveys').notNull(),
    certification: text('certification').$type<Certification>().notNull(),
    mergedInto: uuid('merged_into'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** The entity version the domain compares-and-sets on; row_version is the sync's global one. */
    version: integer('version').notNull(),
    rowVersion: rowVersion(),
  },
  (t) => [index('citizens_row_version').on(t.rowVersion, t.id)],
);
