// Messages, what was left of issue 15: advice returned as a file through the secure link (kept in
// the council's own rows with its virus scan), GOV.UK Notify's delivery receipts (found by Notify's
// id before the council is known), and each person's choice to switch a digest off.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- A professional's advice as a file (SEND Regs 2014 reg 6), PDF or Word, type judged from the
-- content. Append-only: a returned file is never changed. scan is "clean" (with the engine that said
-- so) or "not-scanned" (an installation with no virus scanner, never in production).
CREATE TABLE advice_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  link_id uuid NOT NULL REFERENCES advice_link(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 200),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 20971520),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  scan text NOT NULL CHECK (scan IN ('clean', 'not-scanned')),
  scanned_with text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX advice_file_case ON advice_file (council_id, case_id);
CREATE INDEX advice_file_link ON advice_file (link_id);
${councilTableSql("advice_file", ["SELECT", "INSERT"])}

-- Notify's delivery receipt: when it came and what it said, kept apart from our own sending state.
ALTER TABLE outbox_message ADD COLUMN delivery_at timestamptz;

-- Which council a Notify id belongs to, for its delivery receipt, which carries no council (so no
-- row-level security): Notify's id and two of ours, nothing about anybody.
CREATE TABLE notify_receipt_lookup (
  provider_id text PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  message_id uuid NOT NULL REFERENCES outbox_message(id)
);
GRANT SELECT, INSERT ON notify_receipt_lookup TO send_app;

-- A person who switched a weekly digest off (issue 15, What to build 5). No row: it is on.
CREATE TABLE digest_opt_out (
  council_id uuid NOT NULL REFERENCES council(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  kind text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (council_id, user_id, kind)
);
${councilTableSql("digest_opt_out", ["SELECT", "INSERT", "DELETE"])}
`)
    .execute(db);
}
