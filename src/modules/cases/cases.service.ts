// Casework use cases (SPEC B1-B6). Each change appends an event, derives the new record, the
// worklists and the register row, and writes one audit row, all in one transaction. Viewing a
// child's record is audited too. Board members and councillors see no child-level data.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { caseClock, monitoringVisitDue } from "../../domain/cases/case-clock.ts";
import { applyCaseEvent, type CaseEvent, EVENT_KINDS, EVENT_TITLES, type EventKind } from "../../domain/cases/events.ts";
import { type CaseRecord, newCaseRecord } from "../../domain/cases/types.ts";
import {
  caseStage,
  REGISTER_COLUMNS,
  type RegisterRow,
  registerCells,
  registerRows,
  WORKLISTS,
  type WorklistName,
  worklistsFor,
} from "../../domain/cases/worklists.ts";
import { formatDate, isIsoDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import type { Closure } from "../../domain/statutory/input.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import * as closures from "../deadlines/deadlines.repository.ts";
import { generateCaseload } from "../demo/caseload-generator.ts";
import { keepMeasureRows } from "../measures/measures.service.ts";
import { eventFields } from "./cases.forms.ts";
import * as repository from "./cases.repository.ts";
import { eventDataFrom, parseAccessReason, parseNewChild } from "./cases.schemas.ts";

export class CaseNotFound extends NotFound {}
export class CaseConflict extends Error {}
/** The person is not the child's caseworker and has not said, in the last 12 hours, why they need the record. */
export class ReasonNeeded extends Error {}
/** A page found cases worked out before today: its transaction is rolled back, they are refreshed, and it is read again. */
class StaleCases extends Error {}

/** A reason to see a child's record holds this long: the longest a session lasts. */
const REASON_HOURS = 12;

type Person = Pick<CurrentUser, "id" | "councilId" | "roles">;

export const PAGE_SIZE = 50;

/** Told of each recorded event inside its transaction (messages, issue 15): what it writes commits or rolls back with the event. */
export type CaseEventHook = (
  trx: Trx,
  event: { councilId: string; caseId: string; kind: EventKind; record: CaseRecord; data: Record<string, unknown>; today: string },
) => Promise<void>;

export class CasesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  private readonly hooks: CaseEventHook[] = [];

  onEvent(hook: CaseEventHook): void {
    this.hooks.push(hook);
  }

  async caseworkers(user: Person) {
    this.check(user, "readCases");
    return readAs(this.db, actorOf(user), (trx) => repository.listCaseworkers(trx));
  }

  /** Registers a child; the caseworker is the one chosen, or the person registering. */
  async createCase(user: Person, body: Record<string, unknown>) {
    this.check(user, "editCases");
    const today = this.today();
    return changeAs(this.db, actorOf(user), async (trx) => {
      const { value, problems } = newChildFrom(body, today, user.id, await repository.listCaseworkers(trx));
      if (problems.length) throw new InvalidInput(problems);
      const id = randomUUID();
      const record = newCaseRecord(id, { id: randomUUID(), ...value });
      await repository.insertCases(trx, [{ id, ...deriveCase(user.councilId, record, today) }]);
      await repository.insertEvents(trx, [{ councilId: user.councilId, caseId: id, kind: "childRegistered", data: value, recordedBy: user.id }]);
      await this.saveWorklists(trx, user.councilId, [record], today);
      return { result: { id }, audit: { action: "case.created", subjectType: "case", subjectId: id, after: { caseId: id } } };
    });
  }

  /** What is wrong with a new child's answers so far, saving nothing: the stepped form checks each page with it. */
  async newChildProblems(user: Person, body: Record<string, unknown>): Promise<FieldProblem[]> {
    this.check(user, "editCases");
    return newChildFrom(body, this.today(), user.id, await this.caseworkers(user)).problems;
  }

  /** What is wrong with an event's answers so far, saving nothing: the stepped forms check each page with it. */
  async eventProblems(user: Person, caseId: string, kind: string, body: Record<string, unknown>): Promise<FieldProblem[]> {
    this.check(user, "editCases");
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new CaseNotFound("No such thing to record.");
    const today = this.today();
    return readAs(this.db, actorOf(user), async (trx) => {
      const row = await repository.findCase(trx, caseId);
      if (!row) throw new CaseNotFound("No such case.");
      const record = row.record as CaseRecord;
      const read = eventDataFrom(body, eventFields(kind as EventKind, record));
      if (read.problems.length) return read.problems;
      const applied = applyCaseEvent(record, { kind: kind as EventKind, data: read.data }, today, randomUUID);
      return applied.ok ? [] : applied.problems;
    });
  }

  /** Records what happened (a request, a decision, a final plan, a review...) on a case. */
  async recordEvent(user: Person, caseId: string, kind: string, body: Record<string, unknown>) {
    this.check(user, "editCases");
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new CaseNotFound("No such thing to record.");
    const today = this.today();
    return changeAs(this.db, actorOf(user), async (trx) => {
      const record = await this.recordEventIn(trx, actorOf(user), caseId, kind, body, today);
      // Only ids and the kind of event go in the audit trail; the facts are in case_event.
      return { result: record, audit: { action: `case.${kind}`, subjectType: "case", subjectId: caseId, after: { event: kind } } };
    });
  }

  /** Records an event inside the caller's transaction (which writes the audit row): the form above, or a professional's returned advice. */
  async recordEventIn(trx: Trx, actor: Actor, caseId: string, kind: string, body: Record<string, unknown>, today = this.today()) {
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new CaseNotFound("No such thing to record.");
    const row = await repository.findCase(trx, caseId);
    if (!row) throw new CaseNotFound("No such case.");
    const version = Number(body.version ?? row.version);
    // Only the fields of this event's form are kept: the case_event table is append-only.
    const read = eventDataFrom(body, eventFields(kind as EventKind, row.record as CaseRecord));
    if (read.problems.length) throw new InvalidInput(read.problems);
    const event: CaseEvent = { kind: kind as EventKind, data: read.data };
    const applied = applyCaseEvent(row.record as CaseRecord, event, today, randomUUID);
    if (!applied.ok) throw new InvalidInput(applied.problems);
    const saved = await repository.updateCase(trx, caseId, version, deriveCase(actor.councilId, applied.record, today));
    if (!saved)
      throw new CaseConflict("Someone else recorded something on this case while you were entering this. Check the case, then enter it again.");
    await repository.insertEvents(trx, [{ councilId: actor.councilId, caseId, kind, data: applied.data, recordedBy: actor.userId }]);
    await this.saveWorklists(trx, actor.councilId, [applied.record], today);
    for (const hook of this.hooks)
      await hook(trx, { councilId: actor.councilId, caseId, kind: kind as EventKind, record: applied.record, data: applied.data, today });
    return applied.record;
  }

  /** A child's case with its deadlines; every view is recorded in the audit trail. */
  async viewCase(user: Person, caseId: string) {
    this.check(user, "readCases");
    const today = this.today();
    return changeAs(this.db, actorOf(user), async (trx) => {
      const row = await repository.findCase(trx, caseId);
      if (!row) throw new CaseNotFound("No such case.");
      const record = row.record as CaseRecord;
      // SPEC D1: the child's caseworker has a standing reason; anyone else says why first.
      const given = await repository.latestAccessReason(trx, user.id, caseId, new Date(Date.now() - REASON_HOURS * 3_600_000));
      const reason = record.child.caseworker.id === user.id ? "caseworker" : given?.reason;
      if (!reason) throw new ReasonNeeded("Say why you need to see this child's record.");
      const clock = caseClock(record, { today, closures: await this.closures(trx) });
      const events = await repository.listEvents(trx, caseId);
      return {
        result: {
          record,
          version: row.version,
          today,
          stage: caseStage(record, today),
          deadlines: clock.deadlines,
          warnings: clock.warnings,
          visit: monitoringVisitDue(record, today),
          events: events.map((e) => ({
            ...e,
            title:
              EVENT_TITLES[e.kind as EventKind] ??
              (e.kind === "childRegistered" ? "Child registered" : e.kind === "caseImported" ? "Case imported" : e.kind),
            summary: summariseEvent(e.data as Record<string, unknown>),
          })),
        },
        audit: { action: "case.viewed", subjectType: "case", subjectId: caseId, after: { reason } },
      };
    });
  }

  /** Records why a person who is not the child's caseworker needs the record (SPEC D1). */
  async giveAccessReason(user: Person, caseId: string, body: Record<string, unknown>) {
    this.check(user, "readCases");
    const { value, problems } = parseAccessReason(body);
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actorOf(user), async (trx) => {
      if (!(await repository.findCase(trx, caseId))) throw new CaseNotFound("No such case.");
      await repository.insertAccessReason(trx, { councilId: user.councilId, caseId, userId: user.id, ...value });
      return { result: undefined, audit: { action: "case.access-reason-given", subjectType: "case", subjectId: caseId, after: value } };
    });
  }

  /** A page of a worklist with every list's count and the caseworkers to filter by, in one transaction. */
  async worklist(user: Person, list: WorklistName, options: { mine: boolean; page: number; caseworker?: string }) {
    this.check(user, "readCases");
    const caseworkerUserId = options.mine ? user.id : options.caseworker || null;
    return this.whenFresh(actorOf(user), (checkFresh) =>
      readAs(this.db, actorOf(user), async (trx) => {
        await checkFresh(trx);
        const counts = Object.fromEntries(WORKLISTS.map((name) => [name, 0])) as Record<WorklistName, number>;
        for (const row of await repository.countWorklists(trx, caseworkerUserId)) counts[row.list as WorklistName] = row.count;
        const rows = await repository.listWorklist(trx, list, {
          caseworkerUserId,
          limit: PAGE_SIZE,
          offset: (options.page - 1) * PAGE_SIZE,
          order: list === "my-cases" ? "name" : "due",
        });
        return { counts, rows, total: counts[list], caseworkers: await repository.listCaseworkers(trx) };
      }),
    );
  }

  /** A page of the register; every view is recorded, with how many children it showed (SPEC D1). */
  async register(user: Person, options: { search: string; page: number }) {
    this.check(user, "readCases");
    return this.whenFresh(actorOf(user), (checkFresh) =>
      changeAs(this.db, actorOf(user), async (trx) => {
        await checkFresh(trx);
        const total = await repository.countRegister(trx, options.search);
        const rows = (await repository.listRegister(trx, { search: options.search, limit: PAGE_SIZE, offset: (options.page - 1) * PAGE_SIZE })).map(
          (r) => r.register as RegisterRow,
        );
        return {
          result: { total, rows },
          audit: {
            action: "cases.register.viewed",
            subjectType: "register",
            subjectId: user.councilId,
            after: { format: "page", search: options.search, page: options.page, children: rows.length, total },
          },
        };
      }),
    );
  }

  /**
   * Runs a page's reads once no case of the council is stale (worked out before today). The check
   * is one indexed query inside the page's own transaction; only when it finds some (the first
   * page after midnight, before the background refresh) does the locked refresh run, and the page
   * is read again. Before, every page took the council's refresh lock in a transaction of its own.
   */
  private async whenFresh<T>(actor: Actor, read: (checkFresh: (trx: Trx) => Promise<void>) => Promise<T>): Promise<T> {
    const today = this.today();
    const checkFresh = async (trx: Trx) => {
      if (await repository.anyStaleCase(trx, today)) throw new StaleCases();
    };
    try {
      return await read(checkFresh);
    } catch (error) {
      if (!(error instanceof StaleCases)) throw error;
    }
    await this.refreshStale(actor);
    // Read without the check now: a case changed meanwhile was worked out by its own change.
    return read(async () => {});
  }

  /** The whole register as CSV, Excel or JSON, for the command line and the download links; every download is recorded. */
  async exportRegister(actor: Actor, roles: readonly string[] | "system", format: "csv" | "xlsx" | "json"): Promise<Buffer> {
    if (roles !== "system") this.check({ roles }, "readCases");
    await this.refreshStale(actor);
    const rows = await changeAs(this.db, actor, async (trx) => {
      const rows = (await repository.listRegister(trx, { search: "", limit: null, offset: 0 })).map((r) => r.register as RegisterRow);
      // The command line acts as the system (no person): say so, so the trail reads plainly.
      const after = { format, children: rows.length, ...(roles === "system" ? { via: "command line" } : {}) };
      return { result: rows, audit: { action: "cases.register.downloaded", subjectType: "register", subjectId: actor.councilId, after } };
    });
    const headers = REGISTER_COLUMNS.map((c) => c.header);
    if (format === "json") {
      return Buffer.from(
        JSON.stringify(
          rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, registerCells(row, { dates: "iso" })[i]]))),
          null,
          2,
        ),
      );
    }
    if (format === "csv") {
      const lines = [headers, ...rows.map((row) => registerCells(row, { dates: "iso" }))].map((cells) => cells.map(csvCell).join(","));
      return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`);
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Register", { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = REGISTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === "setting" ? 40 : 18 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(registerCells(row, { dates: "iso" }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** A generated, realistic caseload (demo data and benchmarks), shared among the council's caseworkers. */
  async generateCaseload(actor: Actor, options: { plans: number; seed: number }) {
    const caseworkers = await readAs(this.db, actor, (trx) => repository.listCaseworkers(trx));
    const records = generateCaseload({
      seed: options.seed,
      plans: options.plans,
      today: this.today(),
      caseworkers: caseworkers.map((c) => ({ id: c.id, name: c.display_name })),
    });
    return this.importCases(actor, records);
  }

  /** Loads cases in one transaction, with one audit row. */
  async importCases(actor: Actor, generated: CaseRecord[]) {
    const loaded = await changeAs(this.db, actor, async (trx) => {
      const cases = await this.loadRecords(trx, actor, generated, { source: "generated demo caseload" });
      return {
        result: { cases },
        audit: { action: "cases.imported", subjectType: "council", subjectId: actor.councilId, after: { cases } },
      };
    });
    await repository.refreshStatistics(this.db);
    return loaded;
  }

  /**
   * Inside the caller's transaction: saves records as new cases, each with one "caseImported" event
   * carrying `source`, and their worklists. The caller audits and then calls refreshStatistics.
   */
  async loadRecords(
    trx: Trx,
    actor: Actor,
    generated: CaseRecord[],
    source: Record<string, unknown>,
    /** The events each record stands for (after "caseImported"), for its timeline. */
    eventsOf: (record: CaseRecord) => { kind: string; data: Record<string, unknown> }[] = () => [],
  ): Promise<number> {
    const today = this.today();
    // Cases get ids of this installation's form; ids inside a record are the record's own.
    const records = generated.map((record) => ({ ...record, id: randomUUID() }));
    const closureList = await this.closures(trx);
    for (let i = 0; i < records.length; i += 500) {
      const chunk = records.slice(i, i + 500);
      await repository.insertCases(
        trx,
        chunk.map((record) => ({ id: record.id, ...deriveCase(actor.councilId, record, today) })),
      );
      const events = chunk.flatMap((record) =>
        [{ kind: "caseImported", data: source }, ...eventsOf(record)].map((e) => ({
          councilId: actor.councilId,
          caseId: record.id,
          kind: e.kind,
          data: e.data,
          recordedBy: actor.userId,
        })),
      );
      // Kept well under PostgreSQL's 65,535 parameters a statement.
      for (let j = 0; j < events.length; j += 5000) await repository.insertEvents(trx, events.slice(j, j + 5000));
      await this.saveWorklistEntries(trx, actor.councilId, chunk, today, closureList, true);
    }
    // All the measure rows at once: their totals are kept per statement (see replaceMeasureRows).
    await keepMeasureRows(trx, actor.councilId, records, { today, closures: closureList }, true);
    return records.length;
  }

  async refreshStatistics(): Promise<void> {
    await repository.refreshStatistics(this.db);
  }

  /** The background refresh: every council's cases, so nobody waits for it on a page. */
  async refreshAllCouncils(): Promise<void> {
    for (const councilId of await repository.listCouncilIds(this.db)) await this.refreshStale({ councilId, userId: null });
  }

  /** Dates move on: cases last worked out before today are worked out again. Returns how many. */
  async refreshStale(actor: Actor): Promise<number> {
    const today = this.today();
    let total = 0;
    for (;;) {
      const refreshed = await readAs(this.db, actor, async (trx) => {
        await repository.lockRefresh(trx, actor.councilId);
        const stale = await repository.listStaleCases(trx, today, 2000);
        if (stale.length === 0) return 0;
        const closureList = await this.closures(trx);
        const records = stale.map((s) => s.record as CaseRecord);
        await repository.refreshDerived(
          trx,
          stale.map((row) => {
            const derived = deriveCase(actor.councilId, row.record as CaseRecord, today);
            return { id: row.id, version: row.version, hasPlan: derived.hasPlan, register: derived.register, derivedOn: today };
          }),
        );
        await this.saveWorklists(trx, actor.councilId, records, today, closureList);
        return stale.length;
      });
      total += refreshed;
      if (refreshed < 2000) return total;
    }
  }

  private async saveWorklists(trx: Trx, councilId: string, records: CaseRecord[], today: string, closureList?: Closure[]) {
    const list = closureList ?? (await this.closures(trx));
    await this.saveWorklistEntries(trx, councilId, records, today, list, false);
    // The measures are counted from stored rows (issue 16), kept in step with the worklists.
    await keepMeasureRows(trx, councilId, records, { today, closures: list });
  }

  /** `fresh` cases were created in this transaction, so they have no entries to replace. */
  private async saveWorklistEntries(trx: Trx, councilId: string, records: CaseRecord[], today: string, list: Closure[], fresh: boolean) {
    await repository.replaceWorklistEntries(trx, fresh ? [] : records.map((r) => r.id), worklistEntriesOf(councilId, records, today, list));
  }

  private async closures(trx: Trx): Promise<Closure[]> {
    return (await closures.listSchoolClosures(trx)).map((c) => ({ from: c.first_day_closed, reopens: c.reopens, reason: c.description }));
  }

  private check(user: { roles: readonly string[] }, permission: "readCases" | "editCases"): void {
    if (!can(user.roles, permission)) throw new NotAllowed(permission === "readCases" ? "children's records" : "record casework");
  }
}

function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}

/** Each record's worklist entries as at today (also used by the national benchmark's bulk load). */
export function worklistEntriesOf(councilId: string, records: readonly CaseRecord[], today: string, closures: readonly Closure[]) {
  return records.flatMap((record) =>
    worklistsFor([record], { today, caseworkerId: record.child.caseworker.id, closures }).map((row) => ({
      councilId,
      caseId: record.id,
      list: row.list,
      reason: row.reason,
      due: row.date ?? null,
      subject: row.service ?? null,
    })),
  );
}

/** What the register and lists need from a record, worked out as at today. */
export function deriveCase(councilId: string, record: CaseRecord, today: string): repository.DerivedCase {
  const register = registerRows([record], today)[0] ?? null;
  return {
    councilId,
    record,
    childName: `${record.child.firstName} ${record.child.lastName}`,
    dateOfBirth: record.child.dateOfBirth,
    upn: record.child.upn ?? null,
    caseworkerUserId: record.child.caseworker.id || null,
    hasPlan: register !== null,
    register,
    derivedOn: today,
  };
}

/** An event's facts in words for the timeline: dates for people, ids left out. */
function summariseEvent(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([key, value]) => !/id$/i.test(key) && key !== "caseworker" && key !== "needs" && value !== "" && typeof value !== "object")
    .map(
      ([key, value]) =>
        `${key.replace(/([A-Z])/g, " $1").toLowerCase()}: ${typeof value === "string" && isIsoDate(value) ? formatDate(value) : String(value)}`,
    )
    .join("; ");
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value;
}

/** A new child from the form, with its caseworker: the one chosen, or the person registering. */
function newChildFrom(body: Record<string, unknown>, today: string, userId: string, caseworkers: readonly { id: string; display_name: string }[]) {
  const chosen = caseworkers.find((c) => c.id === (typeof body.caseworker === "string" && body.caseworker ? body.caseworker : userId));
  const parsed = parseNewChild(body, today, chosen ? { id: chosen.id, name: chosen.display_name } : { id: "", name: "" });
  if (!chosen) parsed.problems.push({ field: "caseworker", message: "Select the caseworker responsible" });
  return parsed;
}
