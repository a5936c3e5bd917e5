import type { Logger } from 'pino';
import type { Clock } from '../../src-shared/domain/clock';
import type { Effect } from '../../src-shared/mutations';
import type { CaseEvent } from '../../src-shared/schemas/entities';
import type { Outcome } from '../../src-shared/schemas/voice';
import { outcomeMailStats, outcomesNotCounted, outcomesWithPendingMail, sameMailStats } from '../voice/outcome-mail-stats';
import {
  claimVoiceMails,
  markUnsendable,
  recordVoiceMailResults,
  selectOutcomeRecipients,
  selectReplies,
  skipIneligible,
  type ClaimedVoiceMail,
} from '../voice/voice-mail-repository';
import type { CentralDb } from '../db/central-db-types';
import type { ServiceWriter } from '../sync/service-writes';
import { campaignProblems } from './campaign-sender';
import { sendResult, type Mailer, type OutgoingEmail, type SendResult } from './mailer';
import { outcomeEmail, replyEmail } from './templates';
import { repeatingPass } from './repeating-pass';

export interface VoiceMailSenderOptions {
  db: CentralDb;
  /** Writes what became of a reply's email on its case event (`data.delivery`), for the agents. */
  writes: ServiceWriter;
  clock: Clock;
  logger: Logger;
  /** Null without SMTP settings: what is owed waits, marked `SMTP_NOT_CONFIGURED`. */
  mailer: Mailer | null;
  /** Where citizens reach the public pages (read at each pass: the listening address is known late). */
  publicUrl: () => string;
  /** Between passes (default 1 s). */
  intervalMs?: number;
  /** Attempts of one email before it is recorded as failed (transient failures only; default 5). */
  maxAttempts?: number;
  /** Emails handed to the SMTP server per pass and instance (default 50): what paces a large outcome. */
  batch?: number;
}

export interface VoiceMailPassSummary {
  /** Emails owed, added this pass (outcomes' participants and replies). */
  selected: number;
  skipped: number;
  sent: number;
  retried: number;
  failed: number;
}

export interface VoiceMailSender {
  runOnce(): Promise<VoiceMailPassSummary>;
  start(): void;
  /** Stops the passes and waits for the one running; the mailer is its owner's to close. */
  stop(): Promise<void>;
}

/**
 * What a public reply's event says of its email (`data.delivery`): `pending` as `case.comment` writes it (and
 * while it waits or is retried), then `sent`, `failed`, or `none` when its feedback's author cannot be written
 * to (no address, no consent, unsubscribed). Replies on other cases stay `pending`: nothing emails them yet.
 */
export type ReplyDelivery = 'pending' | 'sent' | 'failed' | 'none';

/** The longest an email's sending may take before another pass (or instance) may claim it again. */
const leaseMs = 10 * 60_000;

/**
 * The voice's own emails, started with the service beside the campaign sender: a published outcome to the
 * participants who consented, an agent's public reply to the feedback's author. Each pass follows the
 * row_version feed for newly published outcomes and new replies, writes what is owed to `voice_mails` (one row
 * per outcome and address, per reply: a republished outcome or a replayed push adds nothing), then sends what
 * is due. Several instances may run on one database: claims are leased and skip rows another holds.
 */
export function createVoiceMailSender(options: VoiceMailSenderOptions): VoiceMailSender {
  const { db, clock, logger, mailer } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const batch = options.batch ?? 50;

  const render = (mail: ClaimedVoiceMail, base: string): OutgoingEmail | null => {
    const unsubscribe = `${base}/u/${mail.token}`;
    if (mail.outcome !== null) {
      const anchor = `#outcome-${mail.outcome.id}`;
      const links = { outcome: `${base}/resultats${anchor}`, outcomeEn: `${base}/resultats?lang=en${anchor}`, unsubscribe };
      return { to: mail.email, ...outcomeEmail(mail.outcome, links) };
    }
    if (mail.reply !== null) return { to: mail.email, ...replyEmail(mail.reply, { feedback: `${base}/avis`, unsubscribe }) };
    return null;
  };

  const sendOne = async (mail: ClaimedVoiceMail, sender: Mailer, base: string): Promise<SendResult> => {
    const email = render(mail, base);
    // Its outcome or reply is gone (a row the service never deletes today): nothing to say.
    if (email === null || mail.email === '') return { id: mail.id, outcome: 'failed', reason: 'nothing to send' };
    return sendResult(mail.id, mail.attempts, await sender.send(email), maxAttempts, clock.now());
  };

  /** One replicated write for the pass's replies whose email's fate is known. */
  const recordDeliveries = async (deliveries: readonly { eventId: string; delivery: ReplyDelivery }[]) => {
    if (deliveries.length === 0) return;
    await options.writes('voice.reply.delivery', async (tx) => {
      const effects: Effect[] = [];
      for (const { eventId, delivery } of deliveries) {
        const event = (await tx.row('caseEvent', eventId)) as CaseEvent | null;
        if (event === null || event.type !== 'public_reply' || event.data['delivery'] === delivery) continue;
        effects.push({ op: 'update', entity: 'caseEvent', id: eventId, patch: { data: { ...event.data, delivery } } });
      }
      return { effects, result: null };
    });
  };

  /**
   * Writes the counts of the outcomes a pass may have moved on their rows (`mailStats`), one replicated write
   * for them all, only where they changed: every workspace of the department sees how many were emailed.
   */
  const publishMailStats = async (outcomeIds: readonly string[]) => {
    if (outcomeIds.length === 0) return;
    const counted = await outcomeMailStats(db, outcomeIds, mailer === null ? campaignProblems.smtpNotConfigured : null);
    await options.writes('voice.outcome.mailStats', async (tx) => {
      const effects: Effect[] = [];
      for (const [id, mailStats] of counted) {
        const outcome = (await tx.row('outcome', id)) as Outcome | null;
        if (outcome === null || outcome.status !== 'published' || sameMailStats(outcome.mailStats, mailStats)) continue;
        effects.push({ op: 'update', entity: 'outcome', id, patch: { mailStats } });
      }
      return { effects, result: null };
    });
  };

  const runOnce = async (): Promise<VoiceMailPassSummary> => {
    const now = clock.now();
    const outcomes = await selectOutcomeRecipients(db, now);
    const replies = await selectReplies(db, now);
    // Every count a pass moves is of an email pending now: those outcomes, and the ones just published; and
    // published outcomes never counted yet (published before the counts existed), else "not yet counted" forever.
    const touched = [...new Set([...outcomes.outcomeIds, ...(await outcomesWithPendingMail(db)), ...(await outcomesNotCounted(db))])];
    const skipped = await skipIneligible(db);
    const summary: VoiceMailPassSummary = {
      selected: outcomes.added + replies.added,
      skipped: skipped.skipped,
      sent: 0,
      retried: 0,
      failed: 0,
    };
    const deliveries: { eventId: string; delivery: ReplyDelivery }[] = [...replies.unreachable, ...skipped.replies].map((eventId) => ({
      eventId,
      delivery: 'none',
    }));
    if (mailer === null) {
      await markUnsendable(db, campaignProblems.smtpNotConfigured);
      await recordDeliveries(deliveries);
      await publishMailStats(touched);
      return summary;
    }
    const claimed = await claimVoiceMails(db, now, { max: batch, leaseMs });
    const base = options.publicUrl();
    const results = await Promise.all(claimed.map((mail) => sendOne(mail, mailer, base)));
    await recordVoiceMailResults(db, results, clock.now());
    results.forEach((result, index) => {
      if (result.outcome === 'sent') summary.sent++;
      else if (result.outcome === 'retry') summary.retried++;
      else summary.failed++;
      const eventId = claimed[index]?.reply?.eventId;
      if (eventId !== undefined && result.outcome !== 'retry') deliveries.push({ eventId, delivery: result.outcome });
    });
    await recordDeliveries(deliveries);
    await publishMailStats(touched);
    return summary;
  };

  const passes = repeatingPass(runOnce, { intervalMs: options.intervalMs ?? 1_000, logger, failure: 'voice mail pass failed' });
  return {
    runOnce,
    start: passes.start,
    async stop() {
      await passes.stop();
    },
  };
}
