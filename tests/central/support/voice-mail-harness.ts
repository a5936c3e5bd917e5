import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterEach } from 'vitest';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { categories, surveyResponses, voiceMails } from '../../../src-central/db/schema';
import { createMailer, type Mailer } from '../../../src-central/mail/mailer';
import { createVoiceMailSender, type VoiceMailSender, type VoiceMailSenderOptions } from '../../../src-central/mail/voice-mail-sender';
import { createPgSyncStore } from '../../../src-central/stores/postgres/pg-store';
import { createServiceWriter, type ServiceWriter } from '../../../src-central/sync/service-writes';
import { recordFeedback } from '../../../src-central/voice/feedback';
import type { Outcome } from '../../../src-shared/schemas/voice';
import type { ManualClock } from '../../support/manual-clock';
import { campaignBuilders } from './campaign-city';
import { mailFrom, publicUrl } from './campaign-harness';
import { silentLogger } from './central-test-db';

export { publicUrl };

/**
 * Voice mail senders as the service builds them (real mailer), on a test database and a manual clock; every
 * sender made is stopped and its mailer closed after the test.
 */
export function useVoiceMailSenders() {
  const made: { sender: VoiceMailSender; mailer: Mailer | null }[] = [];
  afterEach(async () => {
    for (const { sender, mailer } of made.splice(0)) {
      await sender.stop();
      mailer?.close();
    }
  });
  return (
    db: CentralDb,
    clock: ManualClock,
    options: { smtpUrl: string | null } & Partial<Omit<VoiceMailSenderOptions, 'db' | 'clock' | 'mailer'>>,
  ): VoiceMailSender => {
    const { smtpUrl, ...rest } = options;
    const mailer = createMailer({ smtpUrl, mailFrom });
    const writes = createServiceWriter(createPgSyncStore(db), async () => undefined, clock);
    const sender = createVoiceMailSender({ db, writes, clock, logger: silentLogger, mailer, publicUrl: () => publicUrl, ...rest });
    made.push({ sender, mailer });
    return sender;
  };
}

/** Passes until two in a row had nothing to do, a second apart. */
export async function drainVoiceMails(sender: VoiceMailSender, clock: ManualClock, maxPasses = 50): Promise<void> {
  let idle = 0;
  for (let pass = 0; pass < maxPasses && idle < 2; pass++) {
    const summary = await sender.runOnce();
    clock.advance(1_000);
    const busy = summary.selected + summary.skipped + summary.sent + summary.retried + summary.failed;
    idle = busy === 0 ? idle + 1 : 0;
  }
}

export async function voiceMailsOf(db: CentralDb, outcomeId?: string) {
  const rows = await db.select().from(voiceMails);
  return outcomeId === undefined ? rows : rows.filter((row) => row.outcomeId === outcomeId);
}

/**
 * A city whose voice writes go through the service's writes (versioned, as a push): citizens, cases, surveys
 * and answers from the campaign builders, feedback through `recordFeedback`, outcomes and public replies as
 * the workspace's mutators write them.
 */
export function voiceMailCity(db: CentralDb, clock: ManualClock) {
  const build = campaignBuilders(db);
  const writes: ServiceWriter = createServiceWriter(createPgSyncStore(db), async () => undefined, clock);

  const buildFeedbackCategory = async (departmentId: string) => {
    const category = await build.buildCategory(departmentId, 'Avis sur la piscine');
    await db.update(categories).set({ kind: 'feedback' }).where(eq(categories.id, category.id));
    return category;
  };

  const answer = async (options: { surveyId: string; departmentId: string; citizenId: string | null }) => {
    const id = uuidv7();
    await db.insert(surveyResponses).values({
      id,
      surveyId: options.surveyId,
      departmentId: options.departmentId,
      channel: 'link',
      citizenId: options.citizenId,
      answers: { q1: 'oui' },
      submittedAt: '2026-03-02T10:00:00.000Z',
      rowVersion: 1,
    });
    return id;
  };

  const feedback = async (options: { categoryId: string; email?: string; consent: boolean; comment?: string }) => {
    const id = uuidv7();
    const received = await recordFeedback(
      writes,
      {
        id,
        categoryId: options.categoryId,
        rating: 2,
        comment: options.comment ?? 'Les horaires du soir ne conviennent pas.',
        ...(options.email === undefined ? {} : { email: options.email }),
        consent: options.consent,
        via: 'web',
      },
      clock.now(),
    );
    return { id, trackingCode: received?.trackingCode ?? '' };
  };

  const outcomeRow = (fields: Pick<Outcome, 'departmentId' | 'surveyIds' | 'caseIds'> & Partial<Outcome>): Outcome => {
    const at = clock.now().toISOString();
    return {
      id: uuidv7(),
      title: { fr: 'La piscine ouvre le soir', en: 'The pool opens in the evening' },
      body: { fr: 'Dès avril, la piscine ouvre jusqu’à 21 h.', en: 'From April, the pool opens until 9 pm.' },
      status: 'published',
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
      version: 2,
      mailStats: null,
      ...fields,
    };
  };

  /** Writes an outcome (published unless said otherwise), as `outcome.save` then `outcome.publish` leave it. */
  const outcome = async (fields: Pick<Outcome, 'departmentId' | 'surveyIds' | 'caseIds'> & Partial<Outcome>) => {
    const row = outcomeRow(fields);
    await writes('outcome.publish', async () => ({ effects: [{ op: 'insert', entity: 'outcome', row }], result: null }));
    return row;
  };

  /** An update of an outcome (a correction, a publication of a draft), versioned as a push writes it. */
  const updateOutcome = async (id: string, patch: Partial<Outcome>) =>
    writes('outcome.save', async () => ({ effects: [{ op: 'update', entity: 'outcome', id, patch }], result: null }));

  /** A public reply on a case, as `case.comment` records it. */
  const reply = async (caseId: string, body: string) => {
    const id = uuidv7();
    await writes('case.comment', async () => ({
      effects: [
        {
          op: 'insert',
          entity: 'caseEvent',
          row: { id, caseId, type: 'public_reply', at: clock.now().toISOString(), agentId: null, data: { body, delivery: 'pending' } },
        },
      ],
      result: null,
    }));
    return id;
  };

  return { ...build, writes, buildFeedbackCategory, answer, feedback, outcome, updateOutcome, reply };
}
