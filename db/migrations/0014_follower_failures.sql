CREATE TABLE "follower_failures" (
	"follower" text NOT NULL,
	"cursor" bigint NOT NULL,
	"error" text NOT NULL,
	"tries" integer DEFAULT 1 NOT NULL,
	"set_aside" boolean DEFAULT false NOT NULL,
	"first_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_tried_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follower_failures_follower_cursor_pk" PRIMARY KEY("follower","cursor")
);
