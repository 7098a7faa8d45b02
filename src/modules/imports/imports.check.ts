// Checking a council's file before anything is saved (SPEC A11): read its tables, choose the
// status scheme, map the columns, and gather what the person must still answer. The same check
// runs before a dry run and before the import itself, so both see the same problems.
import path from "node:path";
import { schemeFromFileValues } from "../../domain/imports/file-scheme.ts";
import { detectHeader, type ImportedSection, type ImportProblem, type ImportResult, inferScheme, mapTables } from "../../domain/imports/mapping.ts";
import type { FileDetails } from "../../domain/imports/reading.ts";
import type { Table } from "../../domain/imports/table.ts";
import { planSizeProblem } from "../../domain/plans/limits.ts";
import { BUILT_IN_SCHEMES, findScheme } from "../../domain/plans/schemes.ts";
import type { PlanType, StatusScheme } from "../../domain/plans/types.ts";
import type { Actor } from "../../platform/transaction.ts";
import type { PlansService } from "../plans/plans.service.ts";
import type { ImportPreview, ImportReport, ImportRequest, OnProgress, PlannedSection, RunResult } from "./imports.types.ts";
import { readTables } from "./readers/index.ts";

type ImportTarget = Awaited<ReturnType<PlansService["importTarget"]>>;
type Mapped = Extract<ImportResult, { ok: true }>;
type Found = { value: string; where: string };
type MapOptions = Parameters<typeof mapTables>[1];

/** A file that passed the check: what the preview shows, and what applying it needs. */
export interface CheckedFile {
  ok: true;
  result: RunResult;
  existing: ImportTarget | undefined;
  mapped: Mapped;
  scheme: StatusScheme;
  /** A scheme made from the file's own values, for a new plan (issue 11). */
  ownScheme: StatusScheme | undefined;
  asOf: string | undefined;
  title: Found | undefined;
  type: { value: PlanType; where: string } | undefined;
  respondsTo: Found | undefined;
  approved: Found | undefined;
}

/** Reads and checks the file: refused (`ok: false`, with the problems in the report) or ready to apply. */
export async function checkFile(
  plans: PlansService,
  actor: Actor,
  request: ImportRequest,
  onProgress: OnProgress,
): Promise<{ ok: false; result: RunResult } | CheckedFile> {
  const headers: { table: string; columns: string[] }[] = [];
  let mappings: ImportPreview["mappings"] = [];
  let extra: Omit<RunResult, "report" | "mappings" | "headers"> = {};
  const done = (report: ImportReport) => ({ ok: false as const, result: { report, mappings, headers, ...extra } });
  const report: ImportReport = {
    planId: request.planId ?? null,
    dryRun: request.dryRun,
    created: { sections: 0, actions: 0, updates: 0 },
    changed: { actions: 0, updates: 0 },
    problems: [],
  };
  const fail = (message: string) => done({ ...report, problems: [{ row: 0, column: "", message }] });
  onProgress("reading", 0, 0);
  const read = await readTables(request.fileName, request.bytes);
  if (!read.ok) return fail(read.problem);
  const rows = read.tables.reduce((sum, t) => sum + t.rows.length, 0);
  onProgress("checking", 0, rows);
  for (const table of read.tables) {
    const header = detectHeader(table.rows);
    if (header) headers.push({ table: table.name, columns: (table.rows[header.index] ?? []).map((c) => c.text.trim()) });
  }

  const existing = request.planId ? await plans.importTarget(actor, request.planId) : undefined;
  const chosen = chooseScheme(read.tables, request, existing, {
    forums: existing?.forums ?? [],
    ...(request.mapping ? { mapping: request.mapping } : {}),
    ...(read.properties ? { properties: read.properties } : {}),
    ...(existing?.repeatedNumbers.size ? { repeatedNumbers: existing.repeatedNumbers } : {}),
  });
  if (!chosen.ok) return fail(chosen.problem);
  const { base, scheme, ownScheme, schemeWhere, schemeProblems } = chosen;
  // Read with what is known; read again only if the file's own dates change the reading.
  const datesFor = (asOf: string | undefined, approvedOn: string | undefined) => ({
    ...((approvedOn ?? asOf) ? { planStart: (approvedOn ?? asOf) as string } : {}),
    ...(asOf ? { updateDate: asOf } : {}),
  });
  const known = datesFor(request.asOf, existing?.approvedOn ?? request.approvedOn);
  let mapped = mapTables(read.tables, { ...base, scheme, ...known });
  if (!mapped.ok) return fail(mapped.problem);
  const fileSays: FileDetails = mapped.details;
  const asOf = request.asOf ?? fileSays.asOf?.value;
  const approvedOn = existing?.approvedOn ?? request.approvedOn ?? fileSays.approvedOn?.value;
  const dates = datesFor(asOf, approvedOn);
  if (dates.planStart !== known.planStart || dates.updateDate !== known.updateDate) mapped = mapTables(read.tables, { ...base, scheme, ...dates });
  if (!mapped.ok) return fail(mapped.problem);
  onProgress("checking", rows, rows);
  mappings = mapped.mappings;
  const from = (given: string | undefined, file: Found | undefined) =>
    given !== undefined && given !== ""
      ? { value: given, where: "entered on the check page" }
      : file
        ? { value: file.value, where: `from ${file.where}` }
        : undefined;
  const title = from(request.title, fileSays.title);
  const type = from(request.type, fileSays.type) as { value: PlanType; where: string } | undefined;
  const respondsTo = from(request.respondsTo, fileSays.respondsTo);
  const dated = from(request.asOf, fileSays.asOf);
  // With no approval date written, the date the file speaks for (never the day of the import).
  const approved = existing
    ? { value: existing.approvedOn, where: "the plan's" }
    : (from(request.approvedOn, fileSays.approvedOn) ??
      (dated ? { value: dated.value, where: `the date the file speaks for (${dated.where})` } : undefined));
  const missing = { value: null, where: "not in the file: enter it below" };
  extra = {
    plan: plannedSections(mapped.sections, scheme),
    details: {
      title: title ?? missing,
      type: type ?? missing,
      respondsTo: respondsTo ?? missing,
      approvedOn: approved ?? missing,
      asOf: dated ?? (mapped.undated ? missing : { value: null, where: "every update is dated in the file" }),
      scheme: { code: scheme.code, name: scheme.name, where: schemeWhere },
    },
    statusValues: mapped.statusValues,
    statuses: scheme.statuses.map((s) => ({ code: s.code, label: s.label })),
    leftOut: mapped.leftOut,
    ...(base.mapping ? { used: base.mapping } : {}),
  };
  const questions: ImportProblem[] = [];
  if (mapped.undated > 0 && !asOf)
    questions.push({
      row: 0,
      column: "",
      message: `${mapped.undated} update${mapped.undated === 1 ? " has" : "s have"} no date in the file (no date column, no date in the text or the column's header): enter the date the file speaks for`,
    });
  if (!existing) {
    if (!title) questions.push({ row: 0, column: "", message: "the file has no title line: enter the plan's title" });
    if (!approved)
      questions.push({ row: 0, column: "", message: "the file does not say when the plan was approved: enter the date it was approved" });
  }
  // A new plan's size is known now, so its check says so first, before asking anything (issue 12); into an existing plan,
  // applyImport counts its actions with the file's new ones, in the check and the import alike.
  const tooBig = existing ? undefined : planSizeProblem(mapped.counts.actions);
  if (tooBig) return fail(tooBig);
  const problems = [...questions, ...schemeProblems, ...mapped.problems];
  if (problems.length) return done({ ...report, problems: problems.map(withTableName) });
  return { ok: true, result: done(report).result, existing, mapped, scheme, ownScheme, asOf, title, type, respondsTo, approved };
}

/**
 * The scheme: the plan's, the one chosen, the one that names the file's statuses, or (for a new
 * plan, issue 11) one made from the file's own values: their words, a colour each, which count as
 * done. A scheme made from the file that is refused leaves the one worked out, and says what to fix.
 */
function chooseScheme(tables: Table[], request: ImportRequest, existing: ImportTarget | undefined, given: Omit<MapOptions, "scheme">) {
  let base = given;
  let scheme: StatusScheme | undefined = existing?.scheme ?? (request.scheme ? findScheme(request.scheme) : undefined);
  if (request.scheme && !scheme)
    return { ok: false as const, problem: `Unknown status scheme "${request.scheme}": use four-state, five-level or rag-blue` };
  let schemeWhere = existing ? "the plan's scheme" : scheme ? "chosen" : "worked out from the statuses in the file";
  scheme ??= inferScheme(tables, BUILT_IN_SCHEMES, base) ?? BUILT_IN_SCHEMES[0];
  if (!scheme) return { ok: false as const, problem: "No status scheme" };
  let ownScheme: StatusScheme | undefined;
  const schemeProblems: ImportProblem[] = [];
  if (request.statusesFromFile) {
    if (existing)
      return {
        ok: false as const,
        problem:
          "the plan already has its status scheme: choose which of its statuses each value means, or change the scheme on the plan's set-up page",
      };
    const found = mapTables(tables, { ...base, scheme });
    if (!found.ok) return { ok: false as const, problem: found.problem };
    const made = schemeFromFileValues(found.statusValues, request.statusesFromFile, `Statuses from ${path.basename(request.fileName)}`);
    if (!made.ok) schemeProblems.push(...made.problems.map((p) => ({ row: 0, column: "", message: p.message })));
    else {
      ownScheme = made.scheme;
      scheme = made.scheme;
      schemeWhere = "made from the statuses in the file";
      base = { ...base, mapping: { ...(request.mapping ?? {}), statuses: made.statuses } };
    }
  }
  return { ok: true as const, base, scheme, ownScheme, schemeWhere, schemeProblems };
}

/** The sections and actions in reading order, as the preview lists them. */
function plannedSections(sections: ImportedSection[], scheme: StatusScheme, depth = 0): PlannedSection[] {
  const label = (code: string) => scheme.statuses.find((s) => s.code === code)?.label ?? "Not yet rated";
  return sections.flatMap((section) => [
    {
      number: section.number,
      title: section.title,
      depth,
      actions: section.actions.map((a) => {
        const latest = a.updates.at(-1);
        return {
          number: a.number,
          text: a.text,
          lead: a.leadRole ?? a.leadName ?? "",
          due: a.due,
          status: latest ? label(latest.status) : "Not yet rated",
          updateDate: latest?.date ?? "",
          notes: a.assumptions,
          row: `${a.source.table}, row ${a.source.row}`,
        };
      }),
    },
    ...plannedSections(section.sections ?? [], scheme, depth + 1),
  ]);
}

function withTableName(problem: ImportProblem) {
  return { row: problem.row, column: problem.column, message: problem.table ? `${problem.table}: ${problem.message}` : problem.message };
}
