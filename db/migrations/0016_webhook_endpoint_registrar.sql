ALTER TABLE "webhook_endpoints" ADD COLUMN "registered_by" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "description" text DEFAULT '' NOT NULL;