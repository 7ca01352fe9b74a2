-- Every follower of the change log keeps its place in one table: a key's webhook fan-out moves from
-- webhook_cursors to outbox_followers (name "webhooks:<key id>", its feed position in "position").
ALTER TABLE "outbox_followers" ADD COLUMN "position" text;--> statement-breakpoint
INSERT INTO "outbox_followers" ("name", "position", "updated_at")
  SELECT 'webhooks:' || "api_key_id", "feed_cursor", "updated_at" FROM "webhook_cursors"
  ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
DROP TABLE "webhook_cursors" CASCADE;--> statement-breakpoint
-- One token hash for every high-entropy secret (lib/core/crypto.ts hashToken: SHA-256, base64url). API key
-- hashes were stored as hex; re-encode them (the same digest, so every issued key keeps working).
UPDATE "api_keys" SET "secret_hash" = rtrim(translate(encode(decode("secret_hash", 'hex'), 'base64'), '+/', '-_'), '=')
  WHERE "secret_hash" ~ '^[0-9a-f]{64}$';--> statement-breakpoint
UPDATE "api_keys" SET "previous_hash" = rtrim(translate(encode(decode("previous_hash", 'hex'), 'base64'), '+/', '-_'), '=')
  WHERE "previous_hash" ~ '^[0-9a-f]{64}$';
