// Forms as data, reading GOV.UK form patterns from a request body, and the error summary.
import type { FieldProblem } from "./errors.ts";

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
  const part = (p: string) => (typeof body[`${prefix}-${p}`] === "string" ? (body[`${prefix}-${p}`] as string).trim() : "");
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
