// The SEN2 return (SPEC C4, D5): the council's header settings (LA number, designated officer
// flags, the last serial number used) and a record of each SEN2 file read in, so the same file
// read twice creates nothing the second time.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE sen2_settings (
  council_id uuid PRIMARY KEY REFERENCES council(id),
  la_number text NOT NULL CHECK (la_number ~ '^[0-9]{3}$'),
  dmo text CHECK (dmo IN ('Yes', 'No', 'Recruiting')),
  dco text CHECK (dco IN ('Yes', 'No', 'Recruiting')),
  dsco text CHECK (dsco IN ('Yes', 'No', 'Recruiting')),
  last_serial_no integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
${councilTableSql("sen2_settings")}

CREATE TABLE sen2_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  census_year integer NOT NULL,
  persons integer NOT NULL,
  created integer NOT NULL,
  imported_by uuid REFERENCES app_user(id),
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sen2_import_file ON sen2_import (council_id, file_sha256);
${councilTableSql("sen2_import", ["SELECT", "INSERT"])}
`)
    .execute(db);
}
