// Forms as data, reading GOV.UK form patterns from a request body, and the error summary.
import { type FieldProblem, InvalidInput } from "./errors.ts";

/** A field of a form described as data, drawn by the `field` macro of src/views/partials/form-fields.njk. */
export type FormField =
  | { kind: "date" | "text" | "textarea" | "year" | "checkbox"; name: string; label: string; hint?: string }
  | { kind: "select" | "radios"; name: string; label: string; hint?: string; options: { value: string; text: string }[] };

/** A date typed in three boxes as YYYY-MM-DD, or what is wrong with it and in which box. */
export function readDateParts(day: string, month: string, year: string): string | { problem: string; part: "day" | "month" | "year" } {
  if (!day) return { problem: "must include a day", part: "day" };
  if (!month) return { problem: "must include a month", part: "month" };
  if (!year) return { problem: "must include a year", part: "year" };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return {
      problem: "must be a real date, like 27 3 2026, with a 4-digit year",
      part: /^\d{1,2}$/.test(day) ? (/^\d{1,2}$/.test(month) ? "year" : "month") : "day",
    };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12) return { problem: "must be a real date: the month must be between 1 and 12", part: "month" };
  if (check.getUTCDate() !== d) return { problem: `must be a real date: ${d}/${m}/${y} does not exist`, part: "day" };
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A GOV.UK date input's parts (`prefix-day`, `-month`, `-year`) as YYYY-MM-DD, "" when all are empty, "invalid" otherwise. */
export function dateFromParts(body: Record<string, unknown>, prefix: string): string {
  const part = (p: string) => {
    const value = Object.hasOwn(body, `${prefix}-${p}`) ? body[`${prefix}-${p}`] : undefined;
    return typeof value === "string" ? value.trim() : "";
  };
  const [day, month, year] = [part("day"), part("month"), part("year")];
  if (!day && !month && !year) return "";
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "invalid";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * A refusal's problems as the GOV.UK error summary's items, each linking to its field; a date's
 * link goes to its day box, the first input of the three.
 */
export function errorSummary(problems: readonly FieldProblem[], dateFields: readonly string[] = []): { text: string; href: string }[] {
  return problems.map((p) => ({ text: p.message, href: `#${p.field}${dateFields.includes(p.field) ? "-day" : ""}` }));
}

const DATE_PARTS = ["day", "month", "year"] as const;

/** A field a form may send: its exact name, or a pattern for fields named per row (`disposition-<id>`). */
export type FieldName = string | RegExp;

export interface FormShape {
  /** Fields sent once, as text (a select, radios, a text box, a hidden field). */
  fields: readonly FieldName[];
  /** Dates: `name` (YYYY-MM-DD) or its three boxes, `name-day`, `name-month`, `name-year`. */
  dates?: readonly string[];
  /** Fields that may come more than once or not as text (checkboxes; a JSON body's numbers and lists). */
  repeatable?: readonly FieldName[];
}

const matches = (names: readonly FieldName[], key: string) => names.some((n) => (typeof n === "string" ? n === key : n.test(key)));

/**
 * What is wrong with a submitted form's fields (issue 12): every field it does not have, named,
 * and a field sent twice or not as text. Own properties only; `_csrf` is every form's. Nothing is
 * read from the body: the caller reads its values once this list is empty.
 */
export function formFieldProblems(body: unknown, shape: FormShape): FieldProblem[] {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const repeatable = shape.repeatable ?? [];
  const dates = shape.dates ?? [];
  const single: FieldName[] = ["_csrf", ...shape.fields, ...dates, ...dates.flatMap((d) => DATE_PARTS.map((p) => `${d}-${p}`))];
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(source)) {
    if (matches(repeatable, key)) continue;
    if (!matches(single, key)) {
      problems.push({
        field: "main-content",
        message: `The form sent a field it does not have: ${key.slice(0, 40)}. Reload the page and enter it again`,
      });
    } else if (typeof source[key] !== "string") {
      problems.push({ field: key.replace(/-(day|month|year)$/, ""), message: `${key.slice(0, 40)} must be sent once, as text` });
    }
  }
  return problems;
}

/** A JSON body's fields that its operation does not have, each named (issue 12: one strict dialect). */
export function unknownJsonFields(body: unknown, names: readonly string[]): FieldProblem[] {
  const source = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return Object.keys(source)
    .filter((key) => !names.includes(key))
    .map((key) => ({ field: key.slice(0, 40), message: `${key.slice(0, 40)} is not a field of this request: send only ${names.join(", ")}` }));
}

/** Refuses a form with fields it does not have: InvalidInput naming them, so nothing is saved. */
export function assertFormFields(body: unknown, shape: FormShape): void {
  const problems = formFieldProblems(body, shape);
  if (problems.length) throw new InvalidInput(problems);
}

/**
 * A submitted form read strictly (issue 12): only the fields the form has (a date as its three
 * boxes, or as YYYY-MM-DD from the API), own properties only, one text value each, and a choice
 * only from the options offered. Anything else is a problem that names it, so nothing unknown is
 * ever stored. `extra` names fields read elsewhere (a version, a return address).
 */
export function readForm(
  body: unknown,
  fields: readonly FormField[],
  extra: readonly string[] = [],
): { values: Record<string, string>; problems: FieldProblem[] } {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const own = (name: string): unknown => (Object.hasOwn(source, name) ? source[name] : undefined);
  const problems = formFieldProblems(source, {
    fields: fields.filter((f) => f.kind !== "date").map((f) => f.name),
    dates: fields.filter((f) => f.kind === "date").map((f) => f.name),
    repeatable: extra,
  });
  const values: Record<string, string> = Object.create(null);
  for (const field of fields) {
    const value = own(field.name);
    if (field.kind === "date") {
      const date = typeof value === "string" ? value.trim() : dateFromParts(source, field.name);
      if (date) values[field.name] = date;
      continue;
    }
    if (typeof value !== "string") continue;
    if ((field.kind === "select" || field.kind === "radios") && value !== "" && !field.options.some((o) => o.value === value)) {
      problems.push({ field: field.name, message: `${field.label}: choose one of the options given` });
      continue;
    }
    values[field.name] = value;
  }
  return { values, problems };
}

/** Text fields by name, for forms whose fields are checked by their service (the label is only for choices). */
export function textFields(...names: string[]): FormField[] {
  return names.map((name) => ({ kind: "text", name, label: name }));
}

/**
 * `readForm`, refusing the whole form at once if it has a field it should not (InvalidInput: a 400
 * page naming the field, nothing saved). The values are the form's own fields only, with the `extra`
 * fields' own values as sent (a list of checkboxes, a number from the API), never anything else.
 */
export function strictForm(body: unknown, fields: readonly FormField[], extra: readonly string[] = []): Record<string, unknown> {
  const { values, problems } = readForm(body, fields, extra);
  if (problems.length) throw new InvalidInput(problems);
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = Object.create(null);
  Object.assign(out, values);
  for (const name of extra) if (Object.hasOwn(source, name)) out[name] = source[name];
  return out;
}
