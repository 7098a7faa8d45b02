// Issue 13, parts 6 to 8. Partners' comments: a parent carer forum or partner representative (the
// new `partner` role) comments on an action; the improvement lead approves a comment before
// anyone else sees it, or hides it with a reason. Scheduled publication: each publication is a
// dated row, and the public page shows the plan as at the latest one whose date has come. Closure
// narratives: the few sentences a lead writes under each group of the closure table.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check CHECK (
  cardinality(roles) > 0 AND roles <@ ARRAY['administrator','send_manager','caseworker','improvement_lead','board_member','councillor','partner']::text[]
);

CREATE TABLE partner_comment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  author_user_id uuid NOT NULL REFERENCES app_user(id),
  author_name text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
  organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  moderation text NOT NULL DEFAULT 'pending' CHECK (moderation IN ('pending', 'approved', 'hidden')),
  moderated_by uuid REFERENCES app_user(id),
  moderated_at timestamptz,
  hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 1 AND 500),
  CHECK ((moderation = 'hidden') = (hidden_reason IS NOT NULL))
);
CREATE INDEX partner_comment_action ON partner_comment (council_id, action_id, created_at);
${councilTableSql("partner_comment")}

CREATE TABLE plan_publication (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  plan_id uuid NOT NULL REFERENCES plan(id),
  publish_on date NOT NULL,
  show_statuses boolean NOT NULL DEFAULT true,
  show_commentary boolean NOT NULL DEFAULT true,
  publish_names boolean NOT NULL DEFAULT false,
  scheduled_by uuid REFERENCES app_user(id),
  scheduled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_publication_plan ON plan_publication (council_id, plan_id, publish_on);
${councilTableSql("plan_publication", ["SELECT", "INSERT", "UPDATE", "DELETE"])}

-- Plans already published keep their public page: published as at the day of this migration.
INSERT INTO plan_publication (council_id, plan_id, publish_on, publish_names)
  SELECT council_id, id, current_date, publish_names FROM plan WHERE published;

CREATE TABLE plan_closure_narrative (
  council_id uuid NOT NULL REFERENCES council(id),
  plan_id uuid NOT NULL REFERENCES plan(id),
  disposition text NOT NULL CHECK (disposition IN ('completed', 'business-as-usual', 'carried', 'owner', 'retired')),
  narrative text NOT NULL CHECK (length(narrative) <= 5000),
  PRIMARY KEY (plan_id, disposition)
);
${councilTableSql("plan_closure_narrative")}
`)
    .execute(db);
}
