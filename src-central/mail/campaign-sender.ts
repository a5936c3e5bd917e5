import type { Logger } from 'pino';
import type { Clock } from '../../src-shared/domain/clock';
import type { CollectorStats, CollectorStatus } from '../../src-shared/schemas/surveys';
import { inviteClosedCases, type AfterCaseRule } from '../campaigns/after-case';
import {
  claimInvitations,
  countInvitations,
  dropIneligible,
  recordResults,
  selectRecipients,
  workCollectors,
  type ClaimKind,
  type SendResult,
  type WorkCollector,
} from '../campaigns/invitation-repository';
import { sameStats, statsFrom } from '../campaigns/stats';
import type { CentralDb } from '../db/central-db-types';
import type { ServiceWriter } from '../sync/service-writes';
import { sendResult, type Mailer } from './mailer';
import { invitationEmail } from './templates';
import { repeatingPass } from './repeating-pass';

/** Why a campaign set to `sending` cannot go on (`stats.problem`, shown by the workspace). */
export const campaignProblems = { smtpNotConfigured: 'SMTP_NOT_CONFIGURED', surveyNotOpen: 'SURVEY_NOT_OPEN' } as const;

export interface CampaignSenderOptions {
  db: CentralDb;
  writes: ServiceWriter;
  clock: Clock;
  logger: Logger;
  /** Null without SMTP settings. */
  mailer: Mailer | null;
  /** Where citizens reach the public pages (read at each pass: the listening address is known late). */
  publicUrl: () => string;
  /** Between passes (default 1 s). */
  intervalMs?: number;
  /** Attempts of one email before it is recorded as failed (transient failures only; default 5). */
  maxAttempts?: number;
  /** After-a-case invitations have no rate setting: this one (default 60 a minute). */
  afterCaseRatePerMinute?: number;
}

export interface PassSummary {
  selected: number;
  invitedForCases: number;
  sent: number;
  reminded: number;
  retried: number;
  failed: number;
}

export interface CampaignSender {
  /** One pass: select, send what the rates allow, remind, invite closed cases, update the stats. */
  runOnce(): Promise<PassSummary>;
  /** Passes every `intervalMs` until `stop`; failures are logged and the next pass tries again. */
  start(): void;
  /** Stops the passes, waits for the one running, closes the SMTP connections. */
  stop(): Promise<void>;
}

const day = 86_400_000;
/** The longest an email's sending may take before another pass (or instance) may claim it again. */
const leaseMs = 10 * 60_000;
/** Emails claimed at once per collector and pass, whatever the rate. */
const maxBatch = 1_000;
/**
 * Campaigns not sending (paused, done: answers and unsubscribes still move their counts, reminders are due
 * days later) are looked at this often, not every pass.
 */
const sweepEveryMs = 30_000;

export function isSurveyOpen(survey: WorkCollector['survey'], now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return (
    survey.status === 'open' &&
    (survey.opensOn === null || survey.opensOn <= today) &&
    (survey.closesOn === null || survey.closesOn >= today)
  );
}

/**
 * The campaign sender, started with the service: polls the collectors (a campaign set to `sending` starts
 * within a pass), and sends through the mailer. Several instances may run on one database: claims are
 * leased and skip rows another holds, the rate is a bucket in the database, and every count is recomputed
 * from the invitations, so none of it depends on which instance did what.
 */
export function createCampaignSender(options: CampaignSenderOptions): CampaignSender {
  const { db, clock, logger, mailer } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const afterCaseRate = options.afterCaseRatePerMinute ?? 60;
  let lastSweep = Number.NEGATIVE_INFINITY;

  const send = async (collector: WorkCollector, kind: ClaimKind, ratePerMinute: number, sentBefore?: Date) => {
    if (mailer === null) return [];
    const now = clock.now();
    const claimed = await claimInvitations(db, collector.id, now, {
      kind,
      ratePerMinute,
      max: maxBatch,
      leaseMs,
      maxAttempts,
      ...(sentBefore ? { sentBefore } : {}),
    });
    if (claimed.length === 0) return [];
    const base = options.publicUrl();
    const results = await Promise.all(
      claimed.map(async (invitation): Promise<SendResult> => {
        const links = { answer: `${base}/s/${collector.surveyId}?t=${invitation.token}`, unsubscribe: `${base}/u/${invitation.token}` };
        const email = invitationEmail(collector.survey, links, { reminder: kind === 'remind' });
        const outcome = await mailer.send({ to: invitation.email, ...email });
        return sendResult(invitation.id, invitation.attempts, outcome, maxAttempts, clock.now());
      }),
    );
    await recordResults(db, kind, results, clock.now(), maxAttempts);
    return results;
  };

  /** Writes a collector's stats (and status) when they differ from its row, only if an agent did not move it meanwhile. */
  const publish = async (collector: WorkCollector, stats: CollectorStats, status: CollectorStatus) => {
    if (sameStats(stats, collector.stats) && status === collector.status) return;
    await options.writes('campaign.progress', async (tx) => {
      const current = (await tx.row('surveyCollector', collector.id)) as { status: CollectorStatus; stats: CollectorStats } | null;
      if (current === null) return { effects: [], result: null };
      const nextStatus = current.status === collector.status ? status : current.status;
      if (sameStats(current.stats, stats) && nextStatus === current.status) return { effects: [], result: null };
      return {
        effects: [{ op: 'update', entity: 'surveyCollector', id: collector.id, patch: { stats, status: nextStatus } }],
        result: null,
      };
    });
  };

  const runOnce = async (): Promise<PassSummary> => {
    const summary: PassSummary = { selected: 0, invitedForCases: 0, sent: 0, reminded: 0, retried: 0, failed: 0 };
    const now = clock.now();
    const sweep = now.getTime() - lastSweep >= sweepEveryMs;
    if (sweep) lastSweep = now.getTime();
    const collectors = await workCollectors(db, { all: sweep });
    const tally = (results: SendResult[], sentKey: 'sent' | 'reminded') => {
      for (const result of results) {
        if (result.outcome === 'sent') summary[sentKey]++;
        else if (result.outcome === 'retry') summary.retried++;
        else summary.failed++;
      }
    };

    const rules: AfterCaseRule[] = collectors
      .filter((collector) => collector.settings.kind === 'afterCase' && isSurveyOpen(collector.survey, now))
      .map((collector) => ({
        collectorId: collector.id,
        surveyId: collector.surveyId,
        categoryIds: collector.settings.kind === 'afterCase' ? collector.settings.categoryIds : [],
        createdAt: collector.createdAt,
      }));
    summary.invitedForCases = await inviteClosedCases(db, rules, now);

    const problems = new Map<string, string | null>();
    for (const collector of collectors) {
      const { settings } = collector;
      const open = isSurveyOpen(collector.survey, now);
      if (settings.kind === 'email' && collector.status === 'sending') {
        const problem = mailer === null ? campaignProblems.smtpNotConfigured : open ? null : campaignProblems.surveyNotOpen;
        problems.set(collector.id, problem);
        if (problem !== null) continue;
        const selection = {
          id: collector.id,
          surveyId: collector.surveyId,
          segment: settings.segment,
          ratePerMinute: settings.ratePerMinute,
        };
        summary.selected += (await selectRecipients(db, selection, now)) ?? 0;
        await dropIneligible(db, collector.id);
        tally(await send(collector, 'invite', settings.ratePerMinute), 'sent');
      } else if (settings.kind === 'afterCase' && collector.status === 'active' && open) {
        await dropIneligible(db, collector.id);
        tally(await send(collector, 'invite', afterCaseRate), 'sent');
      }
      if (
        settings.kind === 'email' &&
        settings.reminderAfterDays !== null &&
        open &&
        (collector.status === 'sending' || collector.status === 'done')
      ) {
        const sentBefore = new Date(now.getTime() - settings.reminderAfterDays * day);
        tally(await send(collector, 'remind', settings.ratePerMinute, sentBefore), 'reminded');
      }
    }

    const counts = await countInvitations(
      db,
      collectors.map((collector) => collector.id),
    );
    for (const collector of collectors) {
      const count = counts.get(collector.id);
      const problem = problems.has(collector.id) ? (problems.get(collector.id) ?? null) : collector.stats.problem;
      // Sending without a problem means selected this pass: done when nothing waits (retries wait too).
      const finished = collector.status === 'sending' && problem === null && (count?.pending ?? 0) === 0;
      const status: CollectorStatus = finished ? 'done' : collector.status;
      await publish(collector, statsFrom(count, problem), status);
    }
    return summary;
  };

  const passes = repeatingPass(runOnce, { intervalMs: options.intervalMs ?? 1_000, logger, failure: 'campaign pass failed' });
  return {
    runOnce,
    start: passes.start,
    async stop() {
      await passes.stop();
      mailer?.close();
    },
  };
}
