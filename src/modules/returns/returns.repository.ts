// SQL for the SEN2 return: the council's header settings, the case records it is made from, and
// the files read in.
import { sql } from "kysely";
import type { Trx } from "../../platform/transaction.ts";

export async function findSettings(trx: Trx) {
  return trx.selectFrom("sen2_settings").select(["la_number", "dmo", "dco", "dsco", "last_serial_no"]).executeTakeFirst();
}

export async function saveSettings(
  trx: Trx,
  councilId: string,
  s: { laNumber: string; dmo: string | null; dco: string | null; dsco: string | null },
) {
  await trx
    .insertInto("sen2_settings")
    .values({ council_id: councilId, la_number: s.laNumber, dmo: s.dmo, dco: s.dco, dsco: s.dsco })
    .onConflict((oc) => oc.column("council_id").doUpdateSet({ la_number: s.laNumber, dmo: s.dmo, dco: s.dco, dsco: s.dsco, updated_at: sql`now()` }))
    .execute();
}

/** The next serial number for an exported file; the caller's transaction keeps it if the export is kept. */
export async function takeSerialNo(trx: Trx): Promise<number> {
  const row = await trx.updateTable("sen2_settings").set({ last_serial_no: sql`last_serial_no + 1` }).returning("last_serial_no").executeTakeFirst();
  return row?.last_serial_no ?? 1;
}

export async function listCaseRecords(trx: Trx) {
  return trx.selectFrom("child_case").select(["id", "record"]).orderBy("child_name").orderBy("date_of_birth").orderBy("upn").orderBy("id").execute();
}

export async function findImport(trx: Trx, fileSha256: string) {
  return trx.selectFrom("sen2_import").select(["imported_at", "created"]).where("file_sha256", "=", fileSha256).executeTakeFirst();
}

export async function insertImport(
  trx: Trx,
  row: { councilId: string; fileSha256: string; censusYear: number; persons: number; created: number; importedBy: string | null },
) {
  await trx
    .insertInto("sen2_import")
    .values({
      council_id: row.councilId,
      file_sha256: row.fileSha256,
      census_year: row.censusYear,
      persons: row.persons,
      created: row.created,
      imported_by: row.importedBy,
    })
    .execute();
}
