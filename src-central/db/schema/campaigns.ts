import { bigint, doublePrecision, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { surveyCollectors } from './surveys';

/**
 * The service's own, never replicated: each email collector's sending state. `tokens` is a token bucket
 * shared by every instance on the database (a claim locks the row), so the campaign's rate holds however
 * many instances send; the row's existence says the recipients were selected.
 */
export const campaignSendState = pgTable('campaign_send_state', {
  collectorId: uuid('collector_id')
    .primaryKey()
    .references(() => surveyCollectors.id),
  tokens: doublePrecision('tokens').notNull(),
  refilledAt: instant('refilled_at').notNull(),
});

/** Where a job reading the row_version feed stopped (`afterCase`: the cases closed since its last pass). */
export const campaignCursors = pgTable('campaign_cursors', {
  name: text('name').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull(),
});
