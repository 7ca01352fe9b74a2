DROP INDEX "people_sort_name_idx";--> statement-breakpoint
CREATE INDEX "people_sort_name_c_idx" ON "people" USING btree (lower("last_name") collate "C",lower("first_name") collate "C","id");