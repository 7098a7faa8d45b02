// Running a plan in the product (issue 13, SPEC A1-A4, A10): plans are created and edited on
// pages, sections are versioned like actions, an action can be moved between sections (each move
// kept, so as-at views before it show the old section) and retired with a reason (never deleted:
// as-at views before its retirement still show it). "Accelerated progress plan" joins the types.
// Forums gain their kind, members' roles and cycle; a meeting's decisions on actions are kept;
// a form that appends carries a one-time token.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE plan DROP CONSTRAINT plan_type_check;
ALTER TABLE plan ADD CONSTRAINT plan_type_check
  CHECK (type IN ('wsoa', 'accelerated-progress-plan', 'priority-action-plan', 'peer-review', 'scrutiny-review', 'strategy', 'other'));
ALTER TABLE plan ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE plan_section ADD COLUMN version integer NOT NULL DEFAULT 1;

ALTER TABLE plan_action
  ADD COLUMN retired_on date,
  ADD COLUMN retired_reason text CHECK (length(retired_reason) BETWEEN 1 AND 2000),
  ADD CONSTRAINT plan_action_retired_with_reason CHECK ((retired_on IS NULL) = (retired_reason IS NULL));

-- Append-only: where an action sat before each move, so a past date shows the section it was in.
CREATE TABLE plan_action_move (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  from_section_id uuid NOT NULL REFERENCES plan_section(id),
  to_section_id uuid NOT NULL REFERENCES plan_section(id),
  moved_on date NOT NULL,
  moved_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_section_id <> to_section_id)
);
CREATE INDEX plan_action_move_action ON plan_action_move (action_id, moved_on, created_at);
${councilTableSql("plan_action_move", ["SELECT", "INSERT"])}

-- Forums as councils run them: a board, committee or operational group, its members' roles and
-- its cycle of meetings.
ALTER TABLE forum
  ADD COLUMN kind text NOT NULL DEFAULT 'board' CHECK (kind IN ('board', 'committee', 'operational-group')),
  ADD COLUMN members text CHECK (length(members) <= 2000),
  ADD COLUMN cycle text CHECK (length(cycle) <= 200),
  ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Append-only: what a meeting decided about an action ("agreed complete", "deadline moved to
-- June"). Part of the action's history and of the forum's next meeting pack.
CREATE TABLE meeting_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  forum_id uuid NOT NULL,
  meeting_date date NOT NULL,
  action_id uuid NOT NULL REFERENCES plan_action(id),
  decision text NOT NULL CHECK (length(decision) BETWEEN 1 AND 2000),
  recorded_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (forum_id, meeting_date) REFERENCES forum_meeting (forum_id, meeting_date)
);
CREATE INDEX meeting_decision_action ON meeting_decision (action_id, meeting_date);
${councilTableSql("meeting_decision", ["SELECT", "INSERT"])}

-- One-time tokens of forms that append (issue 13): a form posted twice (Back and submit again, or
-- a double click) adds its update once.
CREATE TABLE form_submission (
  id uuid PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  used_at timestamptz NOT NULL DEFAULT now()
);
${councilTableSql("form_submission", ["SELECT", "INSERT"])}
`)
    .execute(db);
}
