// The only SQL for casework, always inside a service's transaction under row-level security.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export interface CaseRow {
  id: string;
  record: unknown;
  version: number;
}

export interface DerivedCase {
  councilId: string;
  record: unknown;
  childName: string;
  dateOfBirth: string;
  upn: string | null;
  caseworkerUserId: string | null;
  hasPlan: boolean;
  register: unknown | null;
  derivedOn: string;
}

/** A derived case as its child_case columns (also the national benchmark's bulk load). */
export const caseValues = (c: DerivedCase) => ({
  council_id: c.councilId,
  record: JSON.stringify(c.record),
  child_name: c.childName,
  date_of_birth: c.dateOfBirth,
  upn: c.upn,
  caseworker_user_id: c.caseworkerUserId,
  has_plan: c.hasPlan,
  register: c.register === null ? null : JSON.stringify(c.register),
  derived_on: c.derivedOn,
});

export async function insertCases(trx: Trx, cases: (DerivedCase & { id: string })[]) {
  if (cases.length === 0) return;
  await trx
    .insertInto("child_case")
    .values(cases.map((c) => ({ id: c.id, ...caseValues(c) })))
    .execute();
}

export async function findCase(trx: Trx, id: string): Promise<CaseRow | undefined> {
  return trx.selectFrom("child_case").select(["id", "record", "version"]).where("id", "=", id).executeTakeFirst();
}

/** Saves the derived record only if nobody else has changed the case since `expectedVersion`. */
export async function updateCase(trx: Trx, id: string, expectedVersion: number, c: DerivedCase): Promise<boolean> {
  const result = await trx
    .updateTable("child_case")
    .set({ ...caseValues(c), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The daily refresh's write: only what depends on today (the register row, whether there is a
 * plan, the date worked out), for many cases in one statement. The record and its version are
 * left alone, so a caseworker's open form is not put out of date by the calendar; a case changed
 * since it was read (another version) is skipped, its own change having worked it out already.
 */
export async function refreshDerived(
  trx: Trx,
  rows: { id: string; version: number; hasPlan: boolean; register: unknown | null; derivedOn: string }[],
) {
  if (rows.length === 0) return;
  const values = JSON.stringify(
    rows.map((r) => ({ id: r.id, version: r.version, has_plan: r.hasPlan, register: r.register, derived_on: r.derivedOn })),
  );
  await sql`
    UPDATE child_case AS c
       SET has_plan = v.has_plan, register = v.register, derived_on = v.derived_on
      FROM jsonb_to_recordset(${values}::jsonb) AS v(id uuid, version integer, has_plan boolean, register jsonb, derived_on date)
     WHERE c.id = v.id AND c.version = v.version`.execute(trx);
}

export async function insertEvents(
  trx: Trx,
  events: { councilId: string; caseId: string; kind: string; data: unknown; recordedBy: string | null }[],
) {
  if (events.length === 0) return;
  await trx
    .insertInto("case_event")
    .values(
      events.map((e) => ({ council_id: e.councilId, case_id: e.caseId, kind: e.kind, data: JSON.stringify(e.data), recorded_by: e.recordedBy })),
    )
    .execute();
}

export async function listEvents(trx: Trx, caseId: string) {
  return trx
    .selectFrom("case_event")
    .leftJoin("app_user", "app_user.id", "case_event.recorded_by")
    .select(["case_event.id", "case_event.kind", "case_event.data", "case_event.recorded_at", "app_user.display_name as recorded_by_name"])
    .where("case_event.case_id", "=", caseId)
    .orderBy("case_event.id", "desc")
    .execute();
}

export async function replaceWorklistEntries(
  trx: Trx,
  caseIds: string[],
  entries: { councilId: string; caseId: string; list: string; reason: string; due: string | null; subject: string | null }[],
) {
  if (caseIds.length) await trx.deleteFrom("case_worklist_entry").where("case_id", "in", caseIds).execute();
  for (let i = 0; i < entries.length; i += 1000) {
    await trx
      .insertInto("case_worklist_entry")
      .values(
        entries
          .slice(i, i + 1000)
          .map((e) => ({ council_id: e.councilId, case_id: e.caseId, list: e.list, reason: e.reason, due: e.due, subject: e.subject })),
      )
      .execute();
  }
}

/** Each list's count; the council's whole lists need no join to the cases (every entry has its case in the same council). */
export async function countWorklists(trx: Trx, caseworkerUserId: string | null) {
  if (!caseworkerUserId) {
    return trx
      .selectFrom("case_worklist_entry")
      .select(["list", sql<number>`count(*)::int`.as("count")])
      .groupBy("list")
      .execute();
  }
  // From the caseworker's cases to each case's entries (`offset 0` keeps the planner from turning
  // this into a hash join over every entry of the council, which it chose at times: 60 ms, not 10).
  const { rows } = await sql<{ list: string; count: number }>`
    select l.list, count(*)::int as count
      from child_case c
     cross join lateral (select e.list from case_worklist_entry e where e.case_id = c.id offset 0) l
     where c.caseworker_user_id = ${caseworkerUserId}
     group by l.list`.execute(trx);
  return rows;
}

export async function listWorklist(
  trx: Trx,
  list: string,
  options: { caseworkerUserId: string | null; limit: number; offset: number; order: "due" | "name" },
) {
  let query = trx
    .selectFrom("case_worklist_entry")
    .innerJoin("child_case", "child_case.id", "case_worklist_entry.case_id")
    .leftJoin("app_user", "app_user.id", "child_case.caseworker_user_id")
    .select([
      "child_case.id as case_id",
      "child_case.child_name",
      "child_case.date_of_birth",
      "case_worklist_entry.reason",
      "case_worklist_entry.due",
      "case_worklist_entry.subject",
      "app_user.display_name as caseworker",
    ])
    .where("case_worklist_entry.list", "=", list);
  if (options.caseworkerUserId) query = query.where("child_case.caseworker_user_id", "=", options.caseworkerUserId);
  query =
    options.order === "name"
      ? query.orderBy("child_case.child_name").orderBy("child_case.id")
      : query.orderBy(sql`case_worklist_entry.due asc nulls last`).orderBy("child_case.child_name").orderBy("child_case.id");
  return query.limit(options.limit).offset(options.offset).execute();
}

export async function countRegister(trx: Trx, search: string) {
  let query = trx.selectFrom("child_case").select(sql<number>`count(*)::int`.as("count")).where("has_plan", "=", true);
  if (search) query = query.where("child_name", "ilike", `%${escapeLike(search)}%`);
  return (await query.executeTakeFirstOrThrow()).count;
}

export async function listRegister(trx: Trx, options: { search: string; limit: number | null; offset: number }) {
  let query = trx
    .selectFrom("child_case")
    .select(["id", "register"])
    .where("has_plan", "=", true)
    .orderBy(sql`register->>'lastName'`)
    .orderBy(sql`register->>'firstName'`)
    .orderBy("date_of_birth")
    .orderBy("id");
  if (options.search) query = query.where("child_name", "ilike", `%${escapeLike(options.search)}%`);
  if (options.limit !== null) query = query.limit(options.limit).offset(options.offset);
  return query.execute();
}

/**
 * One refresh at a time per council, until the transaction ends: a second (another page, the
 * background timer, another server) waits, then finds nothing stale, rather than writing every
 * worklist entry twice.
 */
export async function lockRefresh(trx: Trx, councilId: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`worklist-refresh:${councilId}`}))`.execute(trx);
}

/** Whether any case was worked out before today (the index on council and derived_on answers it). */
export async function anyStaleCase(trx: Trx, today: string): Promise<boolean> {
  const row = await trx.selectFrom("child_case").select("id").where("derived_on", "<", today).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Cases whose derived lists were worked out before `today`: dates move on, so they are refreshed. */
export async function listStaleCases(trx: Trx, today: string, limit: number) {
  return trx.selectFrom("child_case").select(["id", "record", "version"]).where("derived_on", "<", today).limit(limit).execute();
}

export async function listCaseworkers(trx: Trx) {
  return trx
    .selectFrom("app_user")
    .select(["id", "display_name"])
    .where(sql<boolean>`roles && ARRAY['caseworker','send_manager']::text[]`)
    .orderBy("display_name")
    .execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Fresh planner statistics after a bulk load (see migration 0008), so the next pages are planned well. */
export async function refreshStatistics(db: Kysely<DB>): Promise<void> {
  await sql`select refresh_casework_statistics()`.execute(db);
}

/** Every council's id, for the background refresh (before any council is acting). */
export async function listCouncilIds(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select council_ids() as id`.execute(db);
  return rows.map((r) => r.id);
}

// ---- reasons to see a child's record (SPEC D1) ------------------------------------------------------

export async function insertAccessReason(trx: Trx, row: { councilId: string; caseId: string; userId: string; reason: string; detail: string }) {
  await trx
    .insertInto("case_access_reason")
    .values({ council_id: row.councilId, case_id: row.caseId, user_id: row.userId, reason: row.reason, detail: row.detail })
    .execute();
}

/** The reason this person last gave for this child's record, if given since `since`. */
export async function latestAccessReason(trx: Trx, userId: string, caseId: string, since: Date) {
  return trx
    .selectFrom("case_access_reason")
    .select(["reason", "detail", "given_at"])
    .where("user_id", "=", userId)
    .where("case_id", "=", caseId)
    .where("given_at", ">=", since)
    .orderBy("given_at", "desc")
    .limit(1)
    .executeTakeFirst();
}
