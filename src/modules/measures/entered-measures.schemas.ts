// The forms of measures entered by hand and the messages people see: read strictly (readForm: only
// the form's own fields, each once as text), then checked field by field. The API's JSON is read
// the same way once its numbers and booleans are put as the form would send them.
import { isIsoDate } from "../../domain/dates.ts";
import { type EnteredUnit, valueProblem } from "../../domain/measures/entered.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { type FormField, readDateParts, readForm } from "../../platform/forms.ts";

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 1000;
export const SOURCE_MAX = 200;
export const NOTE_MAX = 1000;
/** Actuals before this are not taken: the product's measures start in 2016, a typo is likelier. */
export const FIRST_ENTRY_DATE = "2000-01-01";

export const DEFINITION_FIELDS: readonly FormField[] = [
  { kind: "text", name: "title", label: "Title", hint: "What it measures, as the plan says it, for example: EHC plans audited as good or better" },
  {
    kind: "radios",
    name: "unit",
    label: "Unit",
    options: [
      { value: "percent", text: "A percentage (0 to 100)" },
      { value: "count", text: "A count" },
    ],
  },
  {
    kind: "radios",
    name: "higherIsBetter",
    label: "Which way is better",
    options: [
      { value: "yes", text: "Higher is better" },
      { value: "no", text: "Lower is better" },
    ],
  },
  { kind: "textarea", name: "description", label: "What it counts and where the figures come from" },
];

export const ENTRY_FIELDS: readonly FormField[] = [
  { kind: "text", name: "value", label: "Value", hint: "A number; a percentage without the % sign" },
  { kind: "date", name: "date", label: "Date the figure is for", hint: "The day it was measured, for example the end of the quarter" },
  { kind: "text", name: "source", label: "Source", hint: "Where the figure comes from, for example: Quarterly audit report, moderated" },
  { kind: "textarea", name: "note", label: "Note (optional)" },
];

export const CORRECTION_FIELDS: readonly FormField[] = [...ENTRY_FIELDS, { kind: "textarea", name: "reason", label: "Why you correct it" }];

const text = (v: string | undefined) => (v ?? "").replace(/\r\n/g, "\n").trim();

/** The API's JSON as the form sends it: a number as text, true or false as yes or no. */
export function asFormBody(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === "number" ? String(v) : typeof v === "boolean" && k === "higherIsBetter" ? (v ? "yes" : "no") : v,
    ]),
  );
}

export interface DefinitionInput {
  title: string;
  unit: EnteredUnit;
  higherIsBetter: boolean;
  description: string;
}

export function parseDefinition(body: unknown): { input?: DefinitionInput; values: Record<string, string>; problems: FieldProblem[] } {
  const { values, problems } = readForm(body, DEFINITION_FIELDS);
  const title = text(values.title);
  const description = text(values.description);
  if (!title) problems.push({ field: "title", message: "Enter the measure's title" });
  else if (title.length > TITLE_MAX) problems.push({ field: "title", message: `The title must be ${TITLE_MAX} characters or fewer` });
  if (!values.unit && !problems.some((p) => p.field === "unit"))
    problems.push({ field: "unit", message: "Select whether it is a percentage or a count" });
  if (!values.higherIsBetter && !problems.some((p) => p.field === "higherIsBetter"))
    problems.push({ field: "higherIsBetter", message: "Select whether higher or lower is better" });
  if (!description) problems.push({ field: "description", message: "Enter what it counts and where the figures come from" });
  else if (description.length > DESCRIPTION_MAX)
    problems.push({ field: "description", message: `The description must be ${DESCRIPTION_MAX.toLocaleString("en-GB")} characters or fewer` });
  if (problems.length) return { values, problems };
  return {
    values,
    problems,
    input: { title, unit: values.unit as EnteredUnit, higherIsBetter: values.higherIsBetter === "yes", description },
  };
}

export interface EntryInput {
  value: number;
  date: string;
  source: string;
  note: string | null;
}

/** A date sent whole (YYYY-MM-DD, the API) or in the form's three boxes, checked; today is the latest. */
function readDate(body: unknown, name: string, label: string, today: string): { date?: string; problem?: FieldProblem } {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const own = (k: string) => (Object.hasOwn(source, k) && typeof source[k] === "string" ? (source[k] as string).trim() : "");
  let date: string;
  if (Object.hasOwn(source, name)) {
    date = own(name);
    if (!date) return { problem: { field: name, message: `Enter the ${label}` } };
    if (!isIsoDate(date)) return { problem: { field: name, message: `The ${label} must be a real date, like 2026-09-30` } };
  } else {
    const [day, month, year] = [own(`${name}-day`), own(`${name}-month`), own(`${name}-year`)];
    if (!day && !month && !year) return { problem: { field: name, message: `Enter the ${label}` } };
    const read = readDateParts(day, month, year);
    if (typeof read !== "string") return { problem: { field: name, message: `The ${label} ${read.problem}` } };
    date = read;
  }
  if (date > today) return { problem: { field: name, message: `The ${label} must be today or earlier: a figure is entered once it is known` } };
  if (date < FIRST_ENTRY_DATE) return { problem: { field: name, message: `The ${label} must be in 2000 or later` } };
  return { date };
}

/** An actual: its value (checked against the measure's unit), date, source and note. */
export function parseEntry(
  body: unknown,
  unit: EnteredUnit,
  today: string,
  fields: readonly FormField[] = ENTRY_FIELDS,
): { input?: EntryInput; values: Record<string, string>; problems: FieldProblem[] } {
  const { values, problems } = readForm(body, fields);
  const raw = text(values.value).replace(/%$/, "").replace(/,/g, "");
  let value = Number.NaN;
  if (!raw) problems.push({ field: "value", message: "Enter the value, like 42" });
  else {
    value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    const problem = valueProblem(unit, value);
    if (problem) problems.push({ field: "value", message: `The value ${problem}` });
  }
  const { date, problem } = readDate(body, "date", "date the figure is for", today);
  if (problem && !problems.some((p) => p.field === "date")) problems.push(problem);
  const source = text(values.source);
  if (!source) problems.push({ field: "source", message: "Enter where the figure comes from" });
  else if (source.length > SOURCE_MAX) problems.push({ field: "source", message: `The source must be ${SOURCE_MAX} characters or fewer` });
  const note = text(values.note);
  if (note.length > NOTE_MAX) problems.push({ field: "note", message: `The note must be ${NOTE_MAX.toLocaleString("en-GB")} characters or fewer` });
  if (problems.length || date === undefined) return { values, problems };
  return { values, problems, input: { value, date, source, note: note || null } };
}

/** A correction: a new entry, and why the old one was wrong (kept in the audit row and the note). */
export function parseCorrection(
  body: unknown,
  unit: EnteredUnit,
  today: string,
): { input?: EntryInput & { reason: string }; values: Record<string, string>; problems: FieldProblem[] } {
  const parsed = parseEntry(body, unit, today, CORRECTION_FIELDS);
  const reason = text(parsed.values.reason);
  const problems = [...parsed.problems];
  if (!reason) problems.push({ field: "reason", message: "Enter why you correct the figure" });
  else if (reason.length > NOTE_MAX)
    problems.push({ field: "reason", message: `The reason must be ${NOTE_MAX.toLocaleString("en-GB")} characters or fewer` });
  if (problems.length || !parsed.input) return { values: parsed.values, problems };
  return { values: parsed.values, problems, input: { ...parsed.input, reason } };
}
