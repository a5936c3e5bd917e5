/**
 * Campaign emails handed to a local SMTP server per second (issue 12's `bench:voice`), against a raw
 * baseline: nodemailer sending the same messages straight, without selection, claims, tokens, rate bucket,
 * outcome records or stats. The lead's runner calls `measureEmails`; `npx tsx tests/bench/voice/emails.ts`
 * runs it alone and prints the lines.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { CentralDbKind } from '../../../src-central/db/central-db-types';
import { applyCentralMigrations } from '../../../src-central/db/migrations';
import { openCentralDb } from '../../../src-central/db/open-central-db';
import { citizens, departments, surveyCollectors, surveys } from '../../../src-central/db/schema';
import { createCampaignSender } from '../../../src-central/mail/campaign-sender';
import { createMailer } from '../../../src-central/mail/mailer';
import { invitationEmail } from '../../../src-central/mail/templates';
import { createPgSyncStore } from '../../../src-central/stores/postgres/pg-store';
import { createServiceWriter } from '../../../src-central/sync/service-writes';
import { ManualClock } from '../../support/manual-clock';
import { startTestSmtpServer } from '../../support/smtp-test-server';

export interface EmailBenchOptions {
  kinds?: CentralDbKind[];
  /** Emails a run sends (default 2,000). */
  emails?: number;
  /** PostgreSQL admin URL (a database is created and dropped); default DATABASE_URL or the local server. */
  adminDatabaseUrl?: string;
}

export interface EmailBenchLine {
  name: string;
  value: number;
  unit: string;
  raw: number | null;
}

const migrationsDir = join(import.meta.dirname, '..', '..', '..', 'drizzle', 'central');
const mailFrom = 'Ville de Rivebelle <participation@ville.example>';
const publicUrl = 'https://participer.ville.example';
const survey = {
  purpose: { fr: 'La ville recueille votre avis sur la piscine pour adapter ses horaires.', en: 'Pool hours.' },
  definition: { title: { default: 'Pool', fr: 'La piscine et vous' }, pages: [] },
  closesOn: null,
};
const round = (value: number) => Math.round(value * 10) / 10;

async function admin(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The campaign path: a sending campaign to `count` consenting citizens, passes until all are handed over. */
async function campaignRate(kind: CentralDbKind, count: number, adminUrl: string): Promise<number> {
  let url: string | null = null;
  const name = `guichet_bench_${randomBytes(5).toString('hex')}`;
  if (kind === 'postgres') {
    await admin(adminUrl, `CREATE DATABASE ${name}`);
    const target = new URL(adminUrl);
    target.pathname = `/${name}`;
    url = target.toString();
  }
  const logger = pino({ level: 'silent' });
  const database = await openCentralDb({ databaseUrl: url, pgliteDir: null, databasePoolSize: 5 }, logger);
  const smtp = await startTestSmtpServer();
  try {
    const db = database.db;
    await applyCentralMigrations(db, migrationsDir);
    const departmentId = uuidv7();
    await db.insert(departments).values({ id: departmentId, code: 'BENCH', name: 'Sports', rowVersion: 0 });
    const surveyId = uuidv7();
    const at = '2026-03-01T09:00:00.000Z';
    await db.insert(surveys).values({
      id: surveyId,
      departmentId,
      status: 'open',
      opensOn: null,
      closesOn: null,
      anonymity: 'identified',
      purpose: survey.purpose,
      definition: survey.definition,
      createdAt: at,
      updatedAt: at,
      version: 1,
      rowVersion: 0,
    });
    for (let start = 0; start < count; start += 1_000) {
      const rows = Array.from({ length: Math.min(1_000, count - start) }, (_, index) => ({
        id: uuidv7(),
        firstName: 'Habitant',
        lastName: `N${start + index}`,
        email: `habitant${start + index}@exemple.fr`,
        preferredChannel: 'email' as const,
        consentEmail: true,
        consentSms: false,
        consentSurveys: true,
        certification: 'declared' as const,
        createdAt: at,
        updatedAt: at,
        version: 1,
        rowVersion: 0,
      }));
      await db.insert(citizens).values(rows);
    }
    await db.insert(surveyCollectors).values({
      id: uuidv7(),
      surveyId,
      departmentId,
      label: 'Banc d’essai',
      settings: {
        kind: 'email',
        segment: { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] },
        ratePerMinute: 60_000,
        reminderAfterDays: null,
      },
      status: 'sending',
      stats: { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null },
      createdAt: at,
      updatedAt: at,
      rowVersion: 0,
    });
    // The rate bucket refills with the manual clock (a second a pass): what is measured is the machinery, not the limit.
    const clock = new ManualClock();
    const sender = createCampaignSender({
      db,
      clock,
      logger,
      writes: createServiceWriter(createPgSyncStore(db), async () => undefined, clock),
      mailer: createMailer({ smtpUrl: smtp.url, mailFrom }),
      publicUrl: () => publicUrl,
    });
    const started = performance.now();
    while (smtp.messages.length < count) {
      const summary = await sender.runOnce();
      clock.advance(1_000);
      if (summary.sent + summary.selected + summary.retried === 0 && smtp.messages.length < count) throw new Error('the campaign stalled');
    }
    const seconds = (performance.now() - started) / 1_000;
    await sender.stop();
    return count / seconds;
  } finally {
    await smtp.close();
    await database.close();
    if (kind === 'postgres') await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** The same messages through nodemailer alone, with the mailer's pool settings. */
async function rawRate(count: number): Promise<number> {
  const smtp = await startTestSmtpServer();
  const transport = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 3, maxMessages: 500 }, { from: mailFrom });
  try {
    const started = performance.now();
    for (let start = 0; start < count; start += 1_000) {
      await Promise.all(
        Array.from({ length: Math.min(1_000, count - start) }, async (_, index) => {
          const token = randomBytes(32).toString('base64url');
          const email = invitationEmail(
            survey,
            { answer: `${publicUrl}/s/${uuidv7()}?t=${token}`, unsubscribe: `${publicUrl}/u/${token}` },
            { reminder: false },
          );
          await transport.sendMail({ to: `habitant${start + index}@exemple.fr`, ...email });
        }),
      );
    }
    return count / ((performance.now() - started) / 1_000);
  } finally {
    transport.close();
    await smtp.close();
  }
}

export async function measureEmails(options: EmailBenchOptions = {}): Promise<EmailBenchLine[]> {
  const count = options.emails ?? 2_000;
  const adminUrl = options.adminDatabaseUrl ?? (process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test');
  const raw = await rawRate(count);
  const lines: EmailBenchLine[] = [];
  for (const kind of options.kinds ?? (['pglite', 'postgres'] as const)) {
    const value = await campaignRate(kind, count, adminUrl);
    lines.push({
      name: `campaign emails handed to the local SMTP server, ${count} recipients (${kind})`,
      value: round(value),
      unit: 'emails/s',
      raw: round(raw),
    });
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lines = await measureEmails();
  process.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
}
