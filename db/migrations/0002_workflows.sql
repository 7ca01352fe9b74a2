CREATE TABLE "wf_events" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"run_id" text,
	"step_id" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"concurrency_key" text,
	"dedupe_key" text,
	"payload" jsonb
);
--> statement-breakpoint
CREATE TABLE "wf_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"fn_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"event" jsonb NOT NULL,
	"version" integer DEFAULT -1 NOT NULL,
	"disable_immediate" boolean DEFAULT false NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"rediscover" boolean DEFAULT false NOT NULL,
	"concurrency_key" text,
	"singleton_key" text,
	"parent_run_id" text,
	"parent_step_id" text,
	"output" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wf_steps" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"name" text NOT NULL,
	"op" text NOT NULL,
	"status" text NOT NULL,
	"memo" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "wf_steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "wf_waits" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"event" text NOT NULL,
	"expr" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wf_waits_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
CREATE INDEX "wf_events_received_idx" ON "wf_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "wf_jobs_due_idx" ON "wf_jobs" USING btree ("run_at");--> statement-breakpoint
CREATE INDEX "wf_jobs_run_idx" ON "wf_jobs" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wf_jobs_dedupe_idx" ON "wf_jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "wf_runs_created_idx" ON "wf_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "wf_runs_fn_status_idx" ON "wf_runs" USING btree ("fn_id","status");--> statement-breakpoint
CREATE INDEX "wf_runs_singleton_idx" ON "wf_runs" USING btree ("singleton_key") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "wf_steps_seq_idx" ON "wf_steps" USING btree ("run_id","seq");--> statement-breakpoint
CREATE INDEX "wf_waits_event_idx" ON "wf_waits" USING btree ("event");