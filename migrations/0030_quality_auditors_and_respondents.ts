// Issue 18, what was left. A role for health and social care colleagues who grade the plan quality
// audits assigned to them and read no other casework (`quality_auditor`, src/domain/roles.ts).
// Feedback surveys for young people and settings as well as parents and carers: each invite, answer
// and set of questions says whom it is for.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check CHECK (
  cardinality(roles) > 0 AND roles <@ ARRAY['administrator','send_manager','caseworker','improvement_lead','board_member','councillor','partner','quality_auditor']::text[]
);

ALTER TABLE survey_questions ADD COLUMN respondent text NOT NULL DEFAULT 'parentCarer'
  CHECK (respondent IN ('parentCarer', 'youngPerson', 'setting'));
ALTER TABLE survey_questions DROP CONSTRAINT survey_questions_pkey;
ALTER TABLE survey_questions ADD PRIMARY KEY (council_id, respondent);

ALTER TABLE survey_invite ADD COLUMN respondent text NOT NULL DEFAULT 'parentCarer'
  CHECK (respondent IN ('parentCarer', 'youngPerson', 'setting'));
ALTER TABLE survey_invite DROP CONSTRAINT survey_invite_council_id_case_id_stage_stage_date_key;
ALTER TABLE survey_invite ADD CONSTRAINT survey_invite_once UNIQUE (council_id, case_id, stage, stage_date, respondent);

-- Whom the answer came from, and nothing more: the figures are shown by kind, small groups withheld.
ALTER TABLE survey_response ADD COLUMN respondent text NOT NULL DEFAULT 'parentCarer'
  CHECK (respondent IN ('parentCarer', 'youngPerson', 'setting'));
DROP INDEX survey_response_month;
CREATE INDEX survey_response_month ON survey_response (council_id, respondent, answered_month);
`)
    .execute(db);
}
