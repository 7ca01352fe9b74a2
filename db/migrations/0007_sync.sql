CREATE TABLE "integrations" (
	"vendor" text PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"api_key_enc" text NOT NULL,
	"api_secret_enc" text NOT NULL,
	"api_key_hint" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tested_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vendor" text NOT NULL,
	"group_id" uuid NOT NULL,
	"remote_group_id" text NOT NULL,
	"remote_group_name" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"status_message" text DEFAULT '' NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"last_synced_at" timestamp with time zone,
	"guard_percent" integer DEFAULT 10 NOT NULL,
	"guard_minimum" integer DEFAULT 25 NOT NULL,
	"pending_removals" jsonb,
	"approved_removals" integer,
	"plan_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_members" (
	"link_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"message" text DEFAULT '' NOT NULL,
	"fields_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_members_link_id_record_type_record_id_pk" PRIMARY KEY("link_id","record_type","record_id")
);
--> statement-breakpoint
CREATE TABLE "sync_ops" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_ops_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"link_id" uuid NOT NULL,
	"plan_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"person_id" uuid,
	"remote_user_id" text,
	"email" text,
	"name" text DEFAULT '' NOT NULL,
	"payload" jsonb,
	"fields_hash" text,
	"message" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_remote_ids" (
	"vendor" text NOT NULL,
	"person_id" uuid NOT NULL,
	"remote_user_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_remote_ids_vendor_person_id_pk" PRIMARY KEY("vendor","person_id")
);
--> statement-breakpoint
ALTER TABLE "sync_links" ADD CONSTRAINT "sync_links_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_members" ADD CONSTRAINT "sync_members_link_id_sync_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."sync_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_ops" ADD CONSTRAINT "sync_ops_link_id_sync_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."sync_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_links_group_idx" ON "sync_links" USING btree ("vendor","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_links_remote_idx" ON "sync_links" USING btree ("vendor","remote_group_id");--> statement-breakpoint
CREATE INDEX "sync_members_state_idx" ON "sync_members" USING btree ("link_id","state");--> statement-breakpoint
CREATE INDEX "sync_ops_plan_idx" ON "sync_ops" USING btree ("link_id","plan_id","state");--> statement-breakpoint
CREATE INDEX "sync_ops_pending_idx" ON "sync_ops" USING btree ("link_id") WHERE state in ('pending','in_flight');--> statement-breakpoint
CREATE INDEX "sync_remote_ids_remote_idx" ON "sync_remote_ids" USING btree ("vendor","remote_user_id");