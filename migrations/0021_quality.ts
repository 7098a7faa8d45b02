// Quality audits of EHC plans (issue 18, SPEC B8): a council's audit framework, versioned (a new
// row for every edit, so an audit keeps the version it was graded against); samples drawn from
// the casework with their rule and seed; and one audit per sampled plan, graded by an auditor and
// agreed by a moderator.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- Append-only: an edit is a new version.
CREATE TABLE quality_framework (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL,
  -- [{ code, label, goodOrBetter }], best first (src/domain/quality/framework.ts).
  grades jsonb NOT NULL,
  -- [{ title, criteria: [{ id, text }] }].
  sections jsonb NOT NULL,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, version)
);
${councilTableSql("quality_framework", ["SELECT", "INSERT"])}

-- How a sample was drawn, so it can be explained and drawn again: the rule and the seed.
CREATE TABLE quality_sample (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  framework_id uuid NOT NULL REFERENCES quality_framework(id),
  method text NOT NULL CHECK (method IN ('random', 'newPlans', 'perCaseworker')),
  seed bigint NOT NULL,
  size integer NOT NULL CHECK (size BETWEEN 1 AND 500),
  period_from date NOT NULL,
  period_to date NOT NULL,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quality_sample_council ON quality_sample (council_id, created_at);
${councilTableSql("quality_sample", ["SELECT", "INSERT"])}

CREATE TABLE quality_audit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  sample_id uuid NOT NULL REFERENCES quality_sample(id),
  framework_id uuid NOT NULL REFERENCES quality_framework(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  -- The caseworker when the plan was sampled: the "team" the figures are grouped by.
  caseworker_user_id uuid REFERENCES app_user(id),
  caseworker_name text,
  auditor_user_id uuid REFERENCES app_user(id),
  moderator_user_id uuid REFERENCES app_user(id),
  state text NOT NULL DEFAULT 'unassigned' CHECK (state IN ('unassigned', 'assigned', 'submitted', 'agreed')),
  -- { "<criterion id>": { grade, comment } }
  grades jsonb NOT NULL DEFAULT '{}',
  proposed_grade text,
  summary text,
  moderation_comment text,
  agreed_grade text,
  submitted_at timestamptz,
  agreed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (moderator_user_id IS NULL OR auditor_user_id IS NULL OR moderator_user_id <> auditor_user_id),
  UNIQUE (sample_id, case_id)
);
CREATE INDEX quality_audit_case ON quality_audit (council_id, case_id);
CREATE INDEX quality_audit_agreed ON quality_audit (council_id, state, agreed_on);
${councilTableSql("quality_audit")}

-- Feedback from families (issue 18 part 2). The council's questions; the WSOA's when it has none.
CREATE TABLE survey_questions (
  council_id uuid PRIMARY KEY REFERENCES council(id),
  questions jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
${councilTableSql("survey_questions")}

-- A one-time link sent to a family after a stage, like an advice link: only the token's SHA-256 is
-- kept. It carries the questions it was sent with.
CREATE TABLE survey_invite (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  stage text NOT NULL CHECK (stage IN ('planIssued', 'reviewHeld')),
  stage_date date NOT NULL,
  questions jsonb NOT NULL,
  recipient text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, case_id, stage, stage_date)
);
${councilTableSql("survey_invite")}

-- Which council a survey link belongs to, found by the token's hash before anyone is known.
CREATE TABLE survey_link_lookup (
  token_hash text PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  invite_id uuid NOT NULL
);
GRANT SELECT, INSERT ON survey_link_lookup TO send_app;

-- An answer, kept apart from its invite: no case, no recipient, the month only, so a report cannot
-- lead back to a family (issue 18 part 5). Append-only.
CREATE TABLE survey_response (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  stage text NOT NULL CHECK (stage IN ('planIssued', 'reviewHeld')),
  answered_month date NOT NULL,
  questions jsonb NOT NULL,
  answers jsonb NOT NULL,
  comment text
);
CREATE INDEX survey_response_month ON survey_response (council_id, answered_month);
${councilTableSql("survey_response", ["SELECT", "INSERT"])}
`)
    .execute(db);
}
