// The SEN2 return (SPEC C4, D5): make it from the council's case records, check it, and read a
// council's last return in to start its caseload. Only SEND managers; every export, every
// validation and every import is audited (without any child's details).
import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { can } from "../../domain/roles.ts";
import { DESIGNATED_OFFICER_VALUES, MAX_IMPORT_BYTES } from "../../domain/sen2/constants.ts";
import { buildReturn, censusPeriod } from "../../domain/sen2/export.ts";
import { eventsForRecord, personKey, recordsFromReturn } from "../../domain/sen2/import.ts";
import { type ItemNotHeld, itemsNotHeld } from "../../domain/sen2/not-held.ts";
import { type ReconciliationRow, reconcile, returnTotals } from "../../domain/sen2/reconcile.ts";
import { errorCount, RULES, type Sen2Issue, validateReturn } from "../../domain/sen2/validation.ts";
import { parseSen2Xml, type Sen2Problem, sen2ToXml } from "../../domain/sen2/xml.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CasesService } from "../cases/cases.service.ts";
import type { MeasuresService } from "../measures/measures.service.ts";
import * as repository from "./returns.repository.ts";

/** Who is asking: a person with roles, or the command line acting for the council ("system"). */
export type Roles = readonly string[] | "system";

export class ExportRefused extends Error {
  constructor(
    message: string,
    readonly issues: Sen2Issue[],
  ) {
    super(message);
  }
}

/** A SEN2 file refused on reading: every problem by person and item (also as fields, for the API and command line). */
export class Sen2FileRefused extends InvalidInput {
  constructor(readonly sen2Problems: Sen2Problem[]) {
    super(sen2Problems.map(toFieldProblem));
  }
}

export interface ValidationReport {
  year: number;
  censusDay: string;
  children: number;
  errors: number;
  queries: number;
  issues: Sen2Issue[];
}

export interface ImportResult {
  dryRun: boolean;
  alreadyRead: boolean;
  year: number;
  persons: number;
  /** Children created (or that would be), and those already held (matched by UPN, ULN or name and date of birth). */
  created: number;
  alreadyHeld: number;
  requests: number;
  plans: number;
  placements: number;
  reviews: number;
  needs: number;
  problems: Sen2Problem[];
}

export class ReturnsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cases: CasesService,
    private readonly measures: MeasuresService,
    private readonly today: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async settings(actor: Actor, roles: Roles) {
    this.check(roles);
    return readAs(this.db, actor, (trx) => repository.findSettings(trx));
  }

  async saveSettings(actor: Actor, roles: Roles, body: Record<string, unknown>) {
    this.check(roles);
    const problems: { field: string; message: string }[] = [];
    const laNumber = typeof body.laNumber === "string" ? body.laNumber.trim() : "";
    if (!/^\d{3}$/.test(laNumber)) problems.push({ field: "laNumber", message: "Enter the council's 3-digit DfE LA number, like 883" });
    const officer = (field: string) => {
      const value = typeof body[field] === "string" ? (body[field] as string).trim() : "";
      if (!value) return null;
      if (!(DESIGNATED_OFFICER_VALUES as readonly string[]).includes(value)) problems.push({ field, message: "Select Yes, No or Recruiting" });
      return value;
    };
    const values = { laNumber, dmo: officer("dmo"), dco: officer("dco"), dsco: officer("dsco") };
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actor, async (trx) => {
      await repository.saveSettings(trx, actor.councilId, values);
      return { result: values, audit: { action: "sen2.settings.saved", subjectType: "council", subjectId: actor.councilId, after: values } };
    });
  }

  /** Every error and query, by child, for the census year. */
  async validate(actor: Actor, roles: Roles, year: number): Promise<ValidationReport> {
    this.check(roles);
    checkYear(year);
    return changeAs(this.db, actor, async (trx) => {
      const { sen2, caseIds } = await this.build(trx, year, 0);
      const issues = validateReturn(sen2, caseIds);
      const report = {
        year,
        censusDay: censusPeriod(year).censusDay,
        children: sen2.persons.length,
        errors: errorCount(issues),
        queries: issues.length - errorCount(issues),
        issues,
      };
      return {
        result: report,
        audit: {
          action: "sen2.validated",
          subjectType: "council",
          subjectId: actor.councilId,
          after: { year, children: report.children, errors: report.errors, queries: report.queries, ...via(roles) },
        },
      };
    });
  }

  /**
   * The return's totals beside the product's measures for the same days (issue 17, part 3): the
   * activity year's flows, and plans on census day once it has come. Any difference is a defect.
   */
  async reconcile(actor: Actor, roles: Roles, year: number): Promise<{ year: number; censusDay: string; rows: ReconciliationRow[] }> {
    this.check(roles);
    checkYear(year);
    const period = censusPeriod(year);
    const sen2 = await readAs(this.db, actor, async (trx) => (await this.build(trx, year, 0)).sen2);
    const measured = async (from: string, to: string, label: string) => (await this.measures.forPeriod(actor, "system", { from, to, label })).values;
    const lastDay = `${this.measures.years()[0]}-12-31`;
    const flows = period.activityEnd <= lastDay ? await measured(period.activityStart, period.activityEnd, String(year - 1)) : [];
    const censusCome = period.censusDay <= this.today() && period.censusDay <= lastDay;
    const census = censusCome ? await measured(period.censusDay, period.censusDay, period.censusDay) : null;
    return { year, censusDay: period.censusDay, rows: reconcile(returnTotals(sen2, period), flows, census, period) };
  }

  /**
   * The items of the return some case records leave blank, each with the number of children in
   * the return it applies to (src/domain/sen2/not-held.ts).
   */
  async itemsNotHeld(actor: Actor, roles: Roles, year: number): Promise<{ year: number; censusDay: string; children: number; items: ItemNotHeld[] }> {
    this.check(roles);
    checkYear(year);
    const period = censusPeriod(year);
    return readAs(this.db, actor, async (trx) => {
      const { sen2, caseIds, records } = await this.build(trx, year, 0);
      const byId = new Map(records.map((r) => [r.id, r]));
      const items = itemsNotHeld(
        sen2.persons,
        caseIds.map((id) => byId.get(id)),
        period,
      );
      return { year, censusDay: period.censusDay, children: sen2.persons.length, items };
    });
  }

  /** The return as XML. Refused while errors remain, unless a reason to send it anyway is given (audited). */
  async exportReturn(actor: Actor, roles: Roles, year: number, options: { allowErrors?: string } = {}) {
    this.check(roles);
    checkYear(year);
    const reason = options.allowErrors?.trim() ?? "";
    if (options.allowErrors !== undefined && reason.length < 10)
      throw new InvalidInput([{ field: "allowErrors", message: "Give the reason for sending the return with errors, in at least 10 characters" }]);
    return changeAs(this.db, actor, async (trx) => {
      const serialNo = await repository.takeSerialNo(trx);
      const { sen2, caseIds } = await this.build(trx, year, serialNo);
      const issues = validateReturn(sen2, caseIds);
      const errors = errorCount(issues);
      if (errors > 0 && !reason)
        throw new ExportRefused(
          `The return has ${errors} error${errors === 1 ? "" : "s"}. Fix them (see sen2 validate), or give a reason to export anyway.`,
          issues,
        );
      const xml = sen2ToXml(sen2);
      return {
        result: { xml, year, serialNo, children: sen2.persons.length, errors, queries: issues.length - errors },
        audit: {
          action: "sen2.exported",
          subjectType: "council",
          subjectId: actor.councilId,
          after: { year, serialNo, children: sen2.persons.length, errors, ...(errors && reason ? { allowErrorsReason: reason } : {}), ...via(roles) },
        },
      };
    });
  }

  /**
   * Reads a SEN2 file in, all or nothing. Children already held (by UPN, ULN, or name and date of
   * birth) are left as they are, so reading the same file again creates nothing.
   */
  async importReturn(actor: Actor, roles: Roles, file: Buffer, options: { dryRun: boolean }): Promise<ImportResult> {
    this.check(roles);
    if (file.length > MAX_IMPORT_BYTES)
      throw new Sen2FileRefused([
        {
          where: "File",
          item: "",
          message: `The file is ${Math.round(file.length / 1048576)} MB; a SEN2 return is at most ${MAX_IMPORT_BYTES / 1048576} MB`,
        },
      ]);
    const parsed = parseSen2Xml(file.toString("utf8"));
    if (!parsed.ok) throw new Sen2FileRefused(parsed.problems);
    const { sen2 } = parsed;
    const year = Number(sen2.header.Year);
    const headerProblems: Sen2Problem[] = [];
    if (!Number.isInteger(year) || year < 2023 || year > 2100)
      headerProblems.push({ where: "Header", item: "Year", message: `"${sen2.header.Year}" is not a census year like 2027` });
    // Errors stop the import; queries are reported and the children read in.
    const issues = validateReturn(sen2).filter((i) => i.severity === "error" && !(i.rule === "S2-05" && i.where === "Header"));
    const problems = [
      ...headerProblems,
      ...issues.map((i) => ({ where: i.where, item: i.item, message: `${i.message} (${i.rule}: ${RULES[i.rule]?.text ?? ""})` })),
    ];
    if (problems.length) throw new Sen2FileRefused(problems);
    const sha = createHash("sha256").update(file).digest("hex");
    const caseworker = { id: "", name: "Not assigned" };
    const records = recordsFromReturn(sen2, { newId: randomUUID, caseworker });

    const work = async (trx: Trx) => {
      const already = await repository.findImport(trx, sha);
      const held = new Set((await repository.listCaseRecords(trx)).map((row) => keyOfRecord(row.record as CaseRecord)));
      const fresh = records.filter((r) => !held.has(keyOfRecord(r)));
      const count = (f: (r: CaseRecord) => number) => fresh.reduce((sum, r) => sum + f(r), 0);
      const result: ImportResult = {
        dryRun: options.dryRun,
        alreadyRead: !!already,
        year,
        persons: sen2.persons.length,
        created: fresh.length,
        alreadyHeld: records.length - fresh.length,
        requests: count((r) => r.requests.length),
        plans: count((r) => r.plans.length),
        placements: count((r) => r.placements.length),
        reviews: count((r) => r.reviews.length),
        needs: count((r) => r.child.needs.length),
        problems: [],
      };
      return { result, fresh };
    };
    if (options.dryRun) return readAs(this.db, actor, async (trx) => (await work(trx)).result);
    const result = await changeAs(this.db, actor, async (trx) => {
      const { result, fresh } = await work(trx);
      await this.cases.loadRecords(trx, actor, fresh, { source: "SEN2 return", fileSha256: sha, year }, (record) =>
        eventsForRecord(record).map(({ kind, data }) => ({ kind, data })),
      );
      await repository.insertImport(trx, {
        councilId: actor.councilId,
        fileSha256: sha,
        censusYear: year,
        persons: result.persons,
        created: result.created,
        importedBy: actor.userId,
      });
      return {
        result,
        audit: {
          action: "sen2.imported",
          subjectType: "council",
          subjectId: actor.councilId,
          after: { year, fileSha256: sha, persons: result.persons, created: result.created, alreadyHeld: result.alreadyHeld, ...via(roles) },
        },
      };
    });
    await this.cases.refreshStatistics();
    return result;
  }

  private async build(trx: Trx, year: number, serialNo: number) {
    const settings = await repository.findSettings(trx);
    if (!settings)
      throw new InvalidInput([{ field: "laNumber", message: "Record the council's SEN2 settings (LA number and designated officers) first" }]);
    const records = (await repository.listCaseRecords(trx)).map((row) => ({ ...(row.record as CaseRecord), id: row.id }));
    const built = buildReturn(records, year, {
      settings: {
        laNumber: settings.la_number,
        ...(settings.dmo ? { dmo: settings.dmo } : {}),
        ...(settings.dco ? { dco: settings.dco } : {}),
        ...(settings.dsco ? { dsco: settings.dsco } : {}),
      },
      serialNo: serialNo || settings.last_serial_no + 1,
      dateTime: this.now().toISOString().slice(0, 19),
    });
    return { ...built, records };
  }

  private check(roles: Roles): void {
    if (roles !== "system" && !can(roles, "manageReturns")) throw new NotAllowed("the SEN2 return");
  }
}

function keyOfRecord(r: CaseRecord): string {
  const c = r.child;
  return personKey({ UPN: c.upn, UniqueLearnerNumber: c.uln, Surname: c.lastName, Forename: c.firstName, PersonBirthDate: c.dateOfBirth });
}

function toFieldProblem(p: Sen2Problem) {
  return { field: [p.where, p.item].filter(Boolean).join(" / "), message: p.message };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2023 || year > 2100) throw new InvalidInput([{ field: "year", message: "Enter the census year, like 2027" }]);
}

function via(roles: Roles) {
  return roles === "system" ? { via: "command line" } : {};
}
