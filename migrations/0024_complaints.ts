// Enquiries and complaints (issue 18 part 3, SPEC B9): a contact from a family, young person,
// councillor or MP, recorded against a child's case or none, with its themes, owner and the
// learning (which can be linked to an action of an improvement plan). Each stage (an enquiry; a
// complaint's stage 1, stage 2, the Ombudsman) is its own row with its own response target, so the
// history of a complaint is kept: escalating appends a stage, it does not overwrite the last.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE complaint (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  -- The council's own running number, shown as C-0001: what people quote on the phone.
  number integer NOT NULL CHECK (number > 0),
  kind text NOT NULL CHECK (kind IN ('enquiry', 'complaint')),
  from_type text NOT NULL CHECK (from_type IN ('parent', 'youngPerson', 'councillor', 'mp', 'setting', 'other')),
  from_name text NOT NULL CHECK (length(from_name) BETWEEN 1 AND 200),
  channel text NOT NULL CHECK (channel IN ('email', 'phone', 'letter', 'online', 'inPerson')),
  case_id uuid REFERENCES child_case(id),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
  themes jsonb NOT NULL DEFAULT '[]',
  owner_user_id uuid REFERENCES app_user(id),
  received_on date NOT NULL,
  learning text CHECK (length(learning) <= 4000),
  learning_action_id uuid REFERENCES plan_action(id),
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, number)
);
CREATE INDEX complaint_received ON complaint (council_id, received_on);
CREATE INDEX complaint_case ON complaint (council_id, case_id);
${councilTableSql("complaint")}

-- One row per stage; a stage is answered once (respond), so only that row's answer is updated.
CREATE TABLE complaint_stage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  complaint_id uuid NOT NULL REFERENCES complaint(id),
  stage text NOT NULL CHECK (stage IN ('enquiry', 'stage1', 'stage2', 'ombudsman')),
  opened_on date NOT NULL,
  target_working_days integer NOT NULL CHECK (target_working_days BETWEEN 1 AND 65),
  -- Worked out from opened_on and the target with England and Wales bank holidays
  -- (src/domain/quality/complaints.ts), kept so worklists and figures are one query.
  due_on date NOT NULL,
  responded_on date,
  outcome text CHECK (outcome IN ('upheld', 'partlyUpheld', 'notUpheld', 'answered', 'withdrawn')),
  response text CHECK (length(response) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((responded_on IS NULL) = (outcome IS NULL)),
  CHECK (responded_on IS NULL OR responded_on >= opened_on),
  UNIQUE (complaint_id, stage)
);
CREATE INDEX complaint_stage_due ON complaint_stage (council_id, responded_on, due_on);
${councilTableSql("complaint_stage")}
`)
    .execute(db);
}
