import type { Trx } from "../../platform/transaction.ts";

export async function listSchoolClosures(trx: Trx) {
  return trx.selectFrom("school_closure").select(["id", "description", "first_day_closed", "reopens"]).orderBy("first_day_closed").execute();
}

export async function listSchoolClosuresPage(trx: Trx, offset: number, limit: number) {
  return trx
    .selectFrom("school_closure")
    .select(["id", "description", "first_day_closed", "reopens"])
    .orderBy("first_day_closed", "desc")
    .orderBy("id")
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function countSchoolClosures(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom("school_closure")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSchoolClosure(trx: Trx, closure: { councilId: string; description: string; firstDayClosed: string; reopens: string }) {
  return trx
    .insertInto("school_closure")
    .values({ council_id: closure.councilId, description: closure.description, first_day_closed: closure.firstDayClosed, reopens: closure.reopens })
    .returning(["id", "description", "first_day_closed", "reopens"])
    .executeTakeFirstOrThrow();
}
