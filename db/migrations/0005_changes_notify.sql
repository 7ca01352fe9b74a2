-- Wakes followers of the change outbox in other processes (LISTEN guildhall_changes). NOTIFY is delivered
-- at commit, once per transaction, so a follower woken by it always sees the committed rows.
CREATE OR REPLACE FUNCTION guildhall_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('guildhall_changes', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER changes_notify AFTER INSERT ON "changes" FOR EACH STATEMENT EXECUTE FUNCTION guildhall_changes_notify();
