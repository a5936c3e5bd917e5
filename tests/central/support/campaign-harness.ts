import { eq } from 'drizzle-orm';
import { afterEach } from 'vitest';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { surveyCollectors, surveyInvitations } from '../../../src-central/db/schema';
import { createCampaignSender, type CampaignSender, type CampaignSenderOptions } from '../../../src-central/mail/campaign-sender';
import { createMailer } from '../../../src-central/mail/mailer';
import { createPgSyncStore } from '../../../src-central/stores/postgres/pg-store';
import { createServiceWriter } from '../../../src-central/sync/service-writes';
import type { ManualClock } from '../../support/manual-clock';
import { silentLogger } from './central-test-db';

export const mailFrom = 'Ville de Rivebelle <participation@ville.example>';
export const publicUrl = 'https://participer.ville.example';

/**
 * Campaign senders as the service builds them (real mailer, real service writes), on a test database and a
 * manual clock; every sender made is stopped after the test.
 */
export function useCampaignSenders() {
  const made: CampaignSender[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((sender) => sender.stop()));
  });
  return (
    db: CentralDb,
    clock: ManualClock,
    options: { smtpUrl: string | null } & Partial<Omit<CampaignSenderOptions, 'db' | 'clock'>>,
  ): CampaignSender => {
    const { smtpUrl, ...rest } = options;
    const sender = createCampaignSender({
      db,
      clock,
      logger: silentLogger,
      writes: createServiceWriter(createPgSyncStore(db), async () => undefined, clock),
      mailer: createMailer({ smtpUrl, mailFrom }),
      publicUrl: () => publicUrl,
      ...rest,
    });
    made.push(sender);
    return sender;
  };
}

export async function collectorRow(db: CentralDb, id: string) {
  const [row] = await db.select().from(surveyCollectors).where(eq(surveyCollectors.id, id));
  if (row === undefined) throw new Error(`no collector ${id}`);
  return row;
}

export async function invitationsOf(db: CentralDb, collectorId: string) {
  return db.select().from(surveyInvitations).where(eq(surveyInvitations.collectorId, collectorId));
}

/**
 * Passes until the sender has had nothing to do twice in a row (what is due now is done), moving the clock a
 * second between them.
 */
export async function drain(sender: CampaignSender, clock: ManualClock, maxPasses = 100): Promise<void> {
  let idle = 0;
  for (let pass = 0; pass < maxPasses && idle < 2; pass++) {
    const summary = await sender.runOnce();
    clock.advance(1_000);
    const busy = summary.sent + summary.reminded + summary.retried + summary.failed + summary.selected + summary.invitedForCases;
    idle = busy === 0 ? idle + 1 : 0;
  }
}
