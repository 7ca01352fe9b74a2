CREATE TABLE "oidc_client_sign_ins" (
	"person_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"last_signed_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oidc_client_sign_ins_person_id_client_id_pk" PRIMARY KEY("person_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "sso_clients" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "visible_to_members" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_client_sign_ins" ADD CONSTRAINT "oidc_client_sign_ins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_client_sign_ins" ADD CONSTRAINT "oidc_client_sign_ins_client_id_sso_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."sso_clients"("id") ON DELETE cascade ON UPDATE no action;