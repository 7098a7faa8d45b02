// Messages (issue 15): an outbox written in the same transaction as the change that causes it and
// sent by a job; each council's choice of channel and wording per kind of message; and advice
// requests with a secure link a professional follows without an account.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- One row per message. The idempotency key (for example "adviceDueSoon:<link id>") is unique per
-- council, so a job that runs twice, a second worker or a restart writes it once; sending claims
-- the row (pending -> sending) in its own transaction before anything leaves, so it goes once.
CREATE TABLE outbox_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  idempotency_key text NOT NULL,
  kind text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('log', 'smtp', 'notify')),
  recipient text NOT NULL,
  -- To an address outside the council: the wording carries no child's name (issue 15, safe wording).
  outside boolean NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  -- The placeholder values (for GOV.UK Notify's own templates); nothing that names a child.
  personalisation jsonb NOT NULL DEFAULT '{}',
  case_id uuid REFERENCES child_case(id),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'bounced')),
  attempts integer NOT NULL DEFAULT 0,
  -- What the mail server or Notify said, last time.
  answer text,
  provider_id text,
  -- Notify's final word on delivery (delivered, permanent-failure...), looked up after sending.
  delivery_status text,
  created_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  UNIQUE (council_id, idempotency_key)
);
CREATE INDEX outbox_message_state ON outbox_message (council_id, state, created_at);
CREATE INDEX outbox_message_case ON outbox_message (council_id, case_id);
${councilTableSql("outbox_message")}

CREATE TABLE notification_channel (
  council_id uuid NOT NULL REFERENCES council(id),
  kind text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('log', 'smtp', 'notify')),
  PRIMARY KEY (council_id, kind)
);
${councilTableSql("notification_channel")}

CREATE TABLE notification_template (
  council_id uuid NOT NULL REFERENCES council(id),
  kind text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (council_id, kind)
);
${councilTableSql("notification_template")}

CREATE TABLE notification_settings (
  council_id uuid PRIMARY KEY REFERENCES council(id),
  -- The link works until the advice is due plus this many days.
  link_grace_days integer NOT NULL DEFAULT 14 CHECK (link_grace_days BETWEEN 0 AND 90),
  reminder_working_days integer NOT NULL DEFAULT 5 CHECK (reminder_working_days BETWEEN 0 AND 30),
  escalate_after_days integer NOT NULL DEFAULT 5 CHECK (escalate_after_days BETWEEN 1 AND 60)
);
${councilTableSql("notification_settings")}

-- An advice request sent to a professional (SEND Regs 2014 reg 6): the link's token is kept only
-- as its SHA-256, so the table cannot be used to open a link.
CREATE TABLE advice_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  request_id text NOT NULL,
  advice_index integer NOT NULL,
  reference text NOT NULL,
  recipient text NOT NULL,
  service text NOT NULL,
  due date NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  used_at timestamptz,
  outcome text CHECK (outcome IN ('returned', 'declined')),
  advice_text text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, reference)
);
CREATE INDEX advice_link_case ON advice_link (council_id, case_id);
${councilTableSql("advice_link")}

-- Which council a link belongs to, found by the token's hash before anyone is known (so no
-- row-level security): it holds a digest and two ids, nothing about anybody.
CREATE TABLE advice_link_lookup (
  token_hash text PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  link_id uuid NOT NULL
);
GRANT SELECT, INSERT ON advice_link_lookup TO send_app;
`)
    .execute(db);
}
