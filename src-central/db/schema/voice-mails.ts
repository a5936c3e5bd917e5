import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { citizens } from './citizens';
import { instant } from './columns';
import { outcomes } from './voice';

/** `outcome`: a published outcome to one participant; `reply`: an agent's public reply to a feedback's contact. */
export type VoiceMailKind = 'outcome' | 'reply';
/**
 * `pending` (to send, or to retry after `lease_until`), `sent`, `failed` (for good), `skipped` (no longer
 * eligible), `opted_out` (the address it would go to unsubscribed before it left).
 */
export type VoiceMailStatus = 'pending' | 'sent' | 'failed' | 'skipped' | 'opted_out';

/**
 * The service's own, never replicated: one email the voice owes a citizen, sent by the voice mail job
 * (src-central/mail/voice-mail-sender.ts). The address is never stored: it is read when sending from the
 * citizen file (`citizen_id`) or from the contact the feedback case's `created` event holds (`case_id`);
 * `address_key` (SHA-256 of the address, trimmed and lower-cased) makes one email per address and outcome.
 */
export const voiceMails = pgTable(
  'voice_mails',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<VoiceMailKind>().notNull(),
    outcomeId: uuid('outcome_id').references(() => outcomes.id),
    /** A reply's case, or the feedback case whose contact an outcome writes to. */
    caseId: uuid('case_id'),
    /** A reply's `public_reply` case event. */
    eventId: uuid('event_id'),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    addressKey: text('address_key').notNull(),
    /**
     * An outcome's email: the address it was owed at, kept when `address_key` follows a citizen who moved, so a
     * later selection of the outcome never writes there again (a feedback contact or a file at the old address).
     */
    owedAddressKey: text('owed_address_key'),
    /** SHA-256 of the unsubscribe link's token (drawn when the email leaves); null before. */
    tokenHash: text('token_hash'),
    status: text('status').$type<VoiceMailStatus>().notNull(),
    /** The SMTP server's refusal, why it was skipped, or `SMTP_NOT_CONFIGURED`, for the agents. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Claimed by a sender until then (or, after a transient failure, not retried before then). */
    leaseUntil: instant('lease_until'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('voice_mails_outcome_address')
      .on(t.outcomeId, t.addressKey)
      .where(sql`${t.kind} = 'outcome'`),
    uniqueIndex('voice_mails_reply_event')
      .on(t.eventId)
      .where(sql`${t.kind} = 'reply'`),
    uniqueIndex('voice_mails_token').on(t.tokenHash),
    index('voice_mails_pending').on(t.status, t.createdAt),
    index('voice_mails_outcome').on(t.outcomeId),
  ],
);

/** Addresses (as `address_key`) that unsubscribed from the voice's emails through a link in one of them. */
export const voiceMailOptOuts = pgTable('voice_mail_opt_outs', {
  addressKey: text('address_key').primaryKey(),
  at: instant('at').notNull(),
});
