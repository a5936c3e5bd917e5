import { sql, type SQL } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { citizens, voiceMailOptOuts } from '../db/schema';

/** An address as the opt-out list keeps it: hashed, trimmed and lower-cased (the address itself is not kept). */
export const addressKey = (address: SQL) => sql`encode(sha256(convert_to(lower(btrim(${address})), 'UTF8')), 'hex')`;

/**
 * The address has not opted out. One list for every email the city's voice sends: an unsubscribe through a
 * campaign's link or through an outcome's or a reply's stops them all (docs/surveys.md, "Unsubscribing").
 */
export const notOptedOut = (address: SQL) =>
  sql`${addressKey(address)} not in (select ${voiceMailOptOuts.addressKey} from ${voiceMailOptOuts})`;

/** The citizen file's address goes on the opt-out list (idempotent; nothing when it has none). */
export async function optOutCitizenAddress(db: CentralDb, citizenId: string, now: Date): Promise<void> {
  await db.execute(sql`
    insert into ${voiceMailOptOuts} (address_key, at)
    select ${addressKey(sql`${citizens.email}`)}, ${now.toISOString()}::timestamptz from ${citizens}
    where ${citizens.id} = ${citizenId} and ${citizens.email} is not null and btrim(${citizens.email}) <> ''
    on conflict do nothing`);
}
