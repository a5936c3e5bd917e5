import { z } from 'zod';
import { isoDateTimeSchema, textSchema } from './common';
import { agentSchema } from './entities';

/**
 * The central service's sign-in contract, shared by the service (which validates) and the desktop (which
 * calls it). Emails compare case-insensitively: they are trimmed and lower-cased before anything else.
 */
export const signInInputSchema = z.object({
  email: textSchema({ max: 254 }).toLowerCase().pipe(z.email()),
  // Bounded so an attacker cannot make the server hash megabytes.
  password: z.string().min(1).max(1024),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

/** An http(s) address without a trailing slash, as the central service tells citizens' pages' origin. */
export const publicUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .transform((url) => url.replace(/\/+$/, ''));

export const signInResultSchema = z.object({
  /** Opaque bearer token: `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: isoDateTimeSchema,
  agent: agentSchema,
  /**
   * The city's rules a workspace applies on its own: how long it keeps its local audit rows. Absent from an
   * older central service (the workspace then keeps its default).
   */
  policy: z
    .object({
      localAuditRetentionDays: z.number().int().min(1).max(36_500),
      /** Where citizens reach the public pages (survey links, QR codes); absent from an older central service. */
      publicUrl: publicUrlSchema.optional(),
    })
    .optional(),
});
export type SignInResult = z.infer<typeof signInResultSchema>;

export const currentSessionSchema = z.object({
  agent: agentSchema,
  expiresAt: isoDateTimeSchema,
});
export type CurrentSession = z.infer<typeof currentSessionSchema>;

/**
 * Signing out of a workspace: its unsent changes are pushed first, under the signing-out agent's identity.
 * When some cannot be (offline, session over), the sign-out does not happen unless `keep` says to keep them
 * on this desk for the agent's next session here (they are never pushed as another agent's).
 */
export const signOutInputSchema = z.object({ keep: z.boolean().default(false) }).default({ keep: false });
export type SignOutInput = z.input<typeof signOutInputSchema>;

export interface SignOutResult {
  signedOut: boolean;
  /** Changes still waiting on this desk for the agent (kept when `signedOut`). */
  pending: number;
}

/** The demo agents a newcomer may sign in as, and their shared password, for the sign-in screen. */
export const demoAccountsSchema = z.object({
  password: z.string().min(1).max(100),
  accounts: z.array(z.object({ name: z.string().min(1).max(200), email: z.email().max(254) })).max(20),
});
export type DemoAccounts = z.infer<typeof demoAccountsSchema>;
