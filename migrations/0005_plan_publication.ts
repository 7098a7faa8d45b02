// Publication (SPEC A13): a plan can be published as a public page with open data. The owner
// chooses whether leads' names are shown, and which updates' commentary is public; the history of
// updates itself stays append-only, so the choice is kept beside it in public_commentary.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE plan
  ADD COLUMN published boolean NOT NULL DEFAULT false,
  ADD COLUMN publish_names boolean NOT NULL DEFAULT false;

CREATE TABLE public_commentary (
  council_id uuid NOT NULL REFERENCES council(id),
  update_id uuid PRIMARY KEY REFERENCES action_update(id)
);

ALTER TABLE public_commentary ENABLE ROW LEVEL SECURITY;
CREATE POLICY public_commentary_council ON public_commentary USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());

GRANT SELECT, INSERT, DELETE ON public_commentary TO send_app;
`)
    .execute(db);
}
