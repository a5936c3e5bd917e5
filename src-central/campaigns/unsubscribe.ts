import { sql } from 'drizzle-orm';
import type { Effect } from '../../src-shared/mutations';
import type { Citizen } from '../../src-shared/schemas/entities';
import type { CollectorStats } from '../../src-shared/schemas/surveys';
import type { CentralDb } from '../db/central-db-types';
import { surveyInvitations } from '../db/schema';
import type { ServiceWriter } from '../sync/service-writes';
import { isOptedOut, optOut, voiceMailByTokenHash, type TokenVoiceMail } from '../voice/voice-mail-repository';
import { countInvitations } from './invitation-repository';
import { optOutCitizenAddress } from './opt-outs';
import { hashToken } from './tokens';

export interface TokenInvitation {
  id: string;
  collectorId: string;
  citizenId: string;
  status: string;
}

/** The invitation a token belongs to: the first email's or the reminder's token. */
export async function invitationByToken(db: CentralDb, token: string): Promise<TokenInvitation | null> {
  const hash = hashToken(token);
  const [found] = await db
    .select({
      id: surveyInvitations.id,
      collectorId: surveyInvitations.collectorId,
      citizenId: surveyInvitations.citizenId,
      status: surveyInvitations.status,
    })
    .from(surveyInvitations)
    .where(sql`${surveyInvitations.tokenHash} = ${hash} or ${surveyInvitations.reminderTokenHash} = ${hash}`)
    .limit(1);
  return found ?? null;
}

/**
 * The citizen behind the token no longer consents to surveys: their file says so on every workspace (an
 * update through the service's writes, with the campaign's new count in the same version), and the
 * invitation is marked `unsubscribed` (an answered one stays answered). Idempotent: a second call changes
 * nothing. Every later campaign skips the citizen, since selection reads the consent.
 */
export async function unsubscribe(db: CentralDb, writes: ServiceWriter, invitation: TokenInvitation, now: Date): Promise<void> {
  await db
    .update(surveyInvitations)
    .set({ status: 'unsubscribed', leaseUntil: null })
    .where(sql`${surveyInvitations.id} = ${invitation.id} and ${surveyInvitations.status} in ('pending', 'sent', 'failed')`);
  // The page promises no more questionnaires nor outcomes: the address leaves the voice's emails too.
  await optOutCitizenAddress(db, invitation.citizenId, now);
  const counts = (await countInvitations(db, [invitation.collectorId])).get(invitation.collectorId);
  await writes('campaign.unsubscribe', async (tx) => {
    const citizen = (await tx.row('citizen', invitation.citizenId)) as Citizen | null;
    const collector = (await tx.row('surveyCollector', invitation.collectorId)) as { stats: CollectorStats } | null;
    const effects: Effect[] = [...withdrawSurveyConsent(citizen, now)];
    if (collector !== null && counts !== undefined && collector.stats.unsubscribed !== counts.unsubscribed) {
      effects.push({
        op: 'update' as const,
        entity: 'surveyCollector' as const,
        id: invitation.collectorId,
        patch: { stats: { ...collector.stats, unsubscribed: counts.unsubscribed } },
      });
    }
    return { effects, result: null };
  });
}

/** The update that withdraws a citizen's consent to surveys (none when already withdrawn). */
function withdrawSurveyConsent(citizen: Citizen | null, now: Date): Effect[] {
  if (citizen === null || !citizen.consents.surveys) return [];
  return [
    {
      op: 'update' as const,
      entity: 'citizen' as const,
      id: citizen.id,
      patch: { consents: { ...citizen.consents, surveys: false }, updatedAt: now.toISOString(), version: citizen.version + 1 },
    },
  ];
}

/** What an unsubscribe token was sent with: a campaign's invitation, or one of the voice's emails. */
export type UnsubscribeTarget = { kind: 'invitation'; invitation: TokenInvitation } | { kind: 'voiceMail'; mail: TokenVoiceMail };

export async function unsubscribeTarget(db: CentralDb, token: string): Promise<UnsubscribeTarget | null> {
  const invitation = await invitationByToken(db, token);
  if (invitation !== null) return { kind: 'invitation', invitation };
  const mail = await voiceMailByTokenHash(db, hashToken(token));
  return mail === null ? null : { kind: 'voiceMail', mail };
}

export async function isUnsubscribed(db: CentralDb, target: UnsubscribeTarget): Promise<boolean> {
  return target.kind === 'invitation' ? target.invitation.status === 'unsubscribed' : isOptedOut(db, target.mail.addressKey);
}

/**
 * Unsubscribes through a link of the voice's emails (an outcome, a reply to feedback): the address gets none
 * of them any more and, when the email went to a citizen file, its consent to surveys is withdrawn (the consent
 * that decided it), as a campaign's link does. Idempotent.
 */
export async function unsubscribeVoiceMail(db: CentralDb, writes: ServiceWriter, mail: TokenVoiceMail, now: Date): Promise<void> {
  await optOut(db, mail.addressKey, now);
  const { citizenId } = mail;
  if (citizenId === null) return;
  await writes('voice.unsubscribe', async (tx) => ({
    effects: withdrawSurveyConsent((await tx.row('citizen', citizenId)) as Citizen | null, now),
    result: null,
  }));
}
