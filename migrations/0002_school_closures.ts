// School closure periods per council (SEND Regulations 2014 reg 10(4)(a) and 13(3)(a)): the long closures (in practice the summer
// holiday) that relieve the 6, 16 and 20 week limits when advice was asked of a school around them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE school_closure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
  first_day_closed date NOT NULL,
  reopens date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (reopens > first_day_closed)
);
CREATE INDEX school_closure_council ON school_closure (council_id, first_day_closed);
ALTER TABLE school_closure ENABLE ROW LEVEL SECURITY;
CREATE POLICY school_closure_council ON school_closure
  USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());
GRANT SELECT, INSERT, DELETE ON school_closure TO send_app;
`)
    .execute(db);
}
