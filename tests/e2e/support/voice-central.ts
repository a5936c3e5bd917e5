import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { defaultMigrationsDir, parseCentralConfig } from '../../../src-central/config';
import { citizens } from '../../../src-central/db/schema';
import { applyCentralMigrations } from '../../../src-central/db/migrations';
import { openCentralDb } from '../../../src-central/db/open-central-db';
import { nextVersion } from '../../../src-central/db/versions';
import { citizenRow, loadDemoCity } from '../../../src-central/demo';
import { startCentralService, type RunningCentral } from '../../../src-central/service';
import type { Citizen } from '../../../src-shared/schemas/entities';
import { startTestSmtpServer, type TestSmtpServer } from '../../support/smtp-test-server';

/** A postal code no demo citizen lives in: a campaign segment on it reaches the consenting citizens below only. */
export const consentingPostalCode = '45299';

/** The three citizens a campaign writes to: consented to surveys, with an address, in {@link consentingPostalCode}. */
export const consentingCitizens = [
  { firstName: 'Inès', lastName: 'Moreau', email: 'ines.moreau@exemple.fr' },
  { firstName: 'Hugo', lastName: 'Lefèvre', email: 'hugo.lefevre@exemple.fr' },
  { firstName: 'Awa', lastName: 'Diallo', email: 'awa.diallo@exemple.fr' },
] as const;

export interface VoiceCentral {
  /** The service's address, also its GUICHET_PUBLIC_URL: what citizens reach. */
  url: string;
  central: RunningCentral;
  /** The loopback SMTP server GUICHET_SMTP_URL names. */
  smtp: TestSmtpServer;
  close(): Promise<void>;
}

/** A port free on 127.0.0.1 now: the service's public address must be known before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address !== 'object') throw new Error('no free port');
  return address.port;
}

function consentingCitizen(person: (typeof consentingCitizens)[number], index: number, at: string): Citizen {
  return {
    id: uuidv7(),
    firstName: person.firstName,
    lastName: person.lastName,
    birthDate: null,
    email: person.email,
    phone: null,
    address: { line1: `${index + 1} rue des Tanneurs`, line2: null, postalCode: consentingPostalCode, city: 'Rivebelle' },
    latitude: null,
    longitude: null,
    preferredChannel: 'email',
    consents: { email: true, sms: false, surveys: true },
    certification: 'declared',
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * The central service as `npm run central -- --demo` runs it (sync, public pages from the built dist-public,
 * voice routes, campaign sender), on PGlite, with GUICHET_PUBLIC_URL its own address and GUICHET_SMTP_URL a
 * loopback SMTP server. A small demo city (same agents) plus three citizens who consented to surveys.
 */
export async function startVoiceCentral(): Promise<VoiceCentral> {
  const smtp = await startTestSmtpServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-voice-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = parseCentralConfig({
    env: {
      GUICHET_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      GUICHET_PUBLIC_URL: url,
      GUICHET_SMTP_URL: smtp.url,
      GUICHET_MAIL_FROM: 'Ville de Rivebelle <participation@rivebelle.example>',
    },
    argv: ['--demo'],
    defaultMigrationsDir,
  });
  const logger = pino({ level: 'silent' });
  try {
    const database = await openCentralDb(config, logger);
    try {
      await applyCentralMigrations(database.db, config.migrationsDir);
      await loadDemoCity(database.db, { citizens: 40, cases: 60, notesPerCase: 0 });
      await database.db.transaction(async (tx) => {
        const version = await nextVersion(tx);
        const at = new Date().toISOString();
        await tx
          .insert(citizens)
          .values(consentingCitizens.map((person, index) => citizenRow(consentingCitizen(person, index, at), version)));
      });
    } finally {
      await database.close();
    }
    const central = await startCentralService(config, logger);
    return {
      url,
      central,
      smtp,
      close: async () => {
        await central.close();
        await smtp.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
