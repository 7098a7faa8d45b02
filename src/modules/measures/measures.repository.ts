// The only SQL for measures: the council's case records and school closures, read under its
// row-level security inside a service's transaction.
import type { Trx } from "../../platform/transaction.ts";

export async function listCaseRecords(trx: Trx) {
  return (await trx.selectFrom("child_case").select("record").execute()).map((r) => r.record);
}
