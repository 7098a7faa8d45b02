// Improvement plans (SPEC A1-A5, A10): plans, sections of any depth, actions, governance forums
// and their meetings, and the append-only history of dated updates.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE forum (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  UNIQUE (council_id, code)
);

CREATE TABLE forum_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  forum_id uuid NOT NULL REFERENCES forum(id),
  meeting_date date NOT NULL,
  UNIQUE (forum_id, meeting_date)
);

CREATE TABLE plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 100),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  type text NOT NULL CHECK (type IN ('wsoa', 'priority-action-plan', 'peer-review', 'scrutiny-review', 'strategy', 'other')),
  source_title text,
  source_date date,
  source_url text,
  owner text NOT NULL,
  -- The plan's own copy of its status scheme: a built-in one or a custom one (SPEC A4).
  status_scheme jsonb NOT NULL,
  cadence text,
  approved_on date NOT NULL,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closed')),
  continues_plan_id uuid REFERENCES plan(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (council_id, external_id)
);

CREATE TABLE plan_section (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  plan_id uuid NOT NULL REFERENCES plan(id),
  parent_id uuid REFERENCES plan_section(id),
  position integer NOT NULL,
  number text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL,
  aim text,
  kpis text
);
CREATE INDEX plan_section_plan ON plan_section (plan_id, position);

CREATE TABLE plan_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  plan_id uuid NOT NULL REFERENCES plan(id),
  section_id uuid NOT NULL REFERENCES plan_section(id),
  position integer NOT NULL,
  number text NOT NULL,
  external_id text NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  success_measures text,
  lead_name text,
  lead_role text,
  start_date date,
  due_text text NOT NULL DEFAULT 'TBC',
  due_precision text NOT NULL DEFAULT 'tbc' CHECK (due_precision IN ('day', 'month', 'quarter', 'term', 'season', 'year', 'tbc')),
  due_date date,
  external_dependency text,
  weight numeric,
  progress integer CHECK (progress BETWEEN 0 AND 100),
  evidence_links text[] NOT NULL DEFAULT '{}',
  -- The day the action joined the plan: as-at views before it do not show it.
  added_on date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, external_id),
  CHECK ((due_precision = 'tbc') = (due_date IS NULL))
);
CREATE INDEX plan_action_plan ON plan_action (plan_id, position);
CREATE INDEX plan_action_section ON plan_action (section_id);

CREATE TABLE plan_action_forum (
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  forum_id uuid NOT NULL REFERENCES forum(id),
  PRIMARY KEY (action_id, forum_id)
);
CREATE INDEX plan_action_forum_forum ON plan_action_forum (forum_id);

-- Append-only (SPEC A5): a correction is a new entry that says what it corrects.
CREATE TABLE action_update (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  update_date date NOT NULL,
  sequence integer NOT NULL DEFAULT 0,
  status text NOT NULL,
  commentary text NOT NULL DEFAULT '' CHECK (length(commentary) <= 10000),
  progress integer CHECK (progress BETWEEN 0 AND 100),
  author_user_id uuid REFERENCES app_user(id),
  author_name text,
  corrects_update_id uuid REFERENCES action_update(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_update_action ON action_update (action_id, update_date, sequence);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['forum', 'forum_meeting', 'plan', 'plan_section', 'plan_action', 'plan_action_forum', 'action_update'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id())', t || '_council', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON forum, forum_meeting, plan, plan_section, plan_action TO send_app;
GRANT SELECT, INSERT, DELETE ON plan_action_forum TO send_app;
GRANT SELECT, INSERT ON action_update TO send_app;
`)
    .execute(db);
}
