// One transaction per change (DESIGN.md): it says who is acting for which council, so row-level
// security applies, and writes exactly one audit row beside the change. If anything fails,
// nothing is saved: not the change, not the audit row.
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "./db-types.ts";

/** Who is acting. `userId` is null for the system (the command line, demo seeding). */
export interface Actor {
  councilId: string;
  userId: string | null;
}

export type Trx = Transaction<DB>;

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Reads for one council, under row-level security. */
export async function readAs<T>(db: Kysely<DB>, actor: Actor, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await actAs(trx, actor);
    return work(trx);
  });
}

/** A change for one council: the work returns its result and the one audit entry that records it. */
export async function changeAs<T>(db: Kysely<DB>, actor: Actor, work: (trx: Trx) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await actAs(trx, actor);
    const { result, audit } = await work(trx);
    await trx
      .insertInto("audit_event")
      .values({
        council_id: actor.councilId,
        actor_user_id: actor.userId,
        action: audit.action,
        subject_type: audit.subjectType,
        subject_id: audit.subjectId,
        before: audit.before === undefined ? null : JSON.stringify(audit.before),
        after: audit.after === undefined ? null : JSON.stringify(audit.after),
      })
      .execute();
    return result;
  });
}

async function actAs(trx: Trx, actor: Actor): Promise<void> {
  // `true`: the settings last only until this transaction ends.
  await sql`select set_config('app.council_id', ${actor.councilId}, true), set_config('app.user_id', ${actor.userId ?? ""}, true)`.execute(trx);
}

/** Bookkeeping that changes none of the council's records (how far a job has got), so no audit row. */
export async function bookkeepAs(db: Kysely<DB>, actor: Actor, work: (trx: Trx) => Promise<void>): Promise<void> {
  await readAs(db, actor, work);
}
