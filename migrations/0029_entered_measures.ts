// Issue 16 part 2: measures entered by hand, for what the product cannot compute yet (audit grades
// from another system, survey results): the council defines the measure, then enters its actuals
// with their date and source. Entries are appended, never edited: a correction is a new row that
// supersedes the old one, so the history stays. A success measure can bind to an entered measure
// as to a registry one (action_measure_link, migration 0016).
//
// Issue 16 part 3: the "out of authority" filter. Each flow fact says whether the child was placed
// outside the council's area on the fact's day (the spans already say so for each day).
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE entered_measure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  unit text NOT NULL CHECK (unit IN ('count', 'percent')),
  higher_is_better boolean NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- For the composite keys below: an entry or a binding names a measure of its own council.
  UNIQUE (council_id, id)
);
CREATE UNIQUE INDEX entered_measure_title ON entered_measure (council_id, lower(title));
${councilTableSql("entered_measure", ["SELECT", "INSERT"])}

CREATE TABLE entered_measure_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  measure_id uuid NOT NULL,
  value numeric NOT NULL CHECK (value >= 0),
  date date NOT NULL,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  note text CHECK (length(note) <= 1000),
  -- A correction names the entry it replaces; each entry is corrected at most once (correct the latest).
  supersedes uuid UNIQUE REFERENCES entered_measure_entry(id),
  entered_by uuid REFERENCES app_user(id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (council_id, measure_id) REFERENCES entered_measure (council_id, id)
);
CREATE INDEX entered_measure_entry_measure ON entered_measure_entry (council_id, measure_id, date);
${councilTableSql("entered_measure_entry", ["SELECT", "INSERT"])}

-- A binding to an entered measure keeps the measure's id twice: as the text id every binding has
-- ('entered:' and the uuid, so one action binds a measure once) and as a key of the same council.
ALTER TABLE action_measure_link ADD COLUMN entered_measure_id uuid;
ALTER TABLE action_measure_link ADD FOREIGN KEY (council_id, entered_measure_id) REFERENCES entered_measure (council_id, id);
ALTER TABLE action_measure_link ADD CHECK (
  (entered_measure_id IS NULL AND measure_id NOT LIKE 'entered:%')
  OR measure_id = 'entered:' || entered_measure_id::text
);

ALTER TABLE measure_fact ADD COLUMN out_of_authority boolean NOT NULL DEFAULT false;
-- The facts already stored, by the rule the registry uses (a placement outside the area on the
-- fact's day: placementsOn in src/domain/measures/registry.ts). The migration runs as the owner.
UPDATE measure_fact f SET out_of_authority = true
  FROM child_case c
 WHERE c.id = f.case_id
   AND EXISTS (
     SELECT 1 FROM jsonb_array_elements(c.record->'placements') AS p
      WHERE (p->>'outOfAuthority')::boolean
        AND p->>'start' <= f.date::text
        AND (p->>'end' IS NULL OR p->>'end' >= f.date::text)
   );
`)
    .execute(db);
}
