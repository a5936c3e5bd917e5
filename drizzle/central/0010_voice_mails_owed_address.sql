ALTER TABLE "voice_mails" ADD COLUMN "owed_address_key" text;--> statement-breakpoint
-- Emails owed before: the address they have now is the one known (one that followed a move lost its first).
UPDATE "voice_mails" SET "owed_address_key" = "address_key" WHERE "kind" = 'outcome';
