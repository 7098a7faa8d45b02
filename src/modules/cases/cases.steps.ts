// A long form asked as GOV.UK question pages (issue 20: "one thing per page", then "check your
// answers"). Nothing is kept on the server between pages: each page carries the answers given so
// far as hidden fields, every post is read strictly by readForm against the whole form, and only
// the check answers page's "confirm" saves anything.
import { formatDate, isIsoDate } from "../../domain/dates.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { type FormField, readForm } from "../../platform/forms.ts";

/** One question page: a heading and the few fields that belong together. */
export interface FormStep {
  id: string;
  title: string;
  hint?: string;
  fields: FormField[];
}

/** The page after the last question. */
export const CHECK = "check";

/** The fields a stepped form sends besides its answers. */
export const STEP_CONTROLS = ["step", "go", "checking"] as const;

/** What a post asks for: the next page, a named page (Back, Change), or to save. */
export type StepMove = { kind: "continue" } | { kind: "confirm" } | { kind: "show"; to: string };

export interface StepPost {
  /** The page the post came from. */
  from: string;
  move: StepMove;
  /** Came from the check answers page to change an answer: Continue goes back there. */
  checking: boolean;
  values: Record<string, string>;
  /** Forged or unreadable fields: nothing may be saved and the person starts that page again. */
  problems: FieldProblem[];
}

const text = (body: Record<string, unknown>, name: string) =>
  Object.hasOwn(body, name) && typeof body[name] === "string" ? (body[name] as string) : "";

/**
 * Reads a stepped form's post. A post without `step` is the whole form at once (the one-page form
 * this replaced, or a program), which asks to save. Controls other than those offered are refused.
 */
export function readStepPost(body: unknown, steps: readonly FormStep[], extra: readonly string[] = []): StepPost {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const { values, problems } = readForm(
    source,
    steps.flatMap((s) => s.fields),
    [...STEP_CONTROLS, ...extra],
  );
  const ids = new Set([...steps.map((s) => s.id), CHECK]);
  const stepped = Object.hasOwn(source, "step");
  const from = stepped ? text(source, "step") : CHECK;
  const go = stepped ? text(source, "go") || "continue" : "confirm";
  const to = go.startsWith("show:") ? go.slice(5) : "";
  const move: StepMove | undefined = go === "continue" || go === "confirm" ? { kind: go } : to && ids.has(to) ? { kind: "show", to } : undefined;
  for (const name of [...STEP_CONTROLS, ...extra]) {
    if (Object.hasOwn(source, name) && typeof source[name] !== "string")
      problems.push({ field: "main-content", message: `${name} must be sent once, as text` });
  }
  if (!ids.has(from) || !move || (move.kind === "continue" && from === CHECK) || (move.kind === "confirm" && from !== CHECK)) {
    problems.push({ field: "main-content", message: "The form asked for a page it does not have. Start again from the first question" });
  }
  return {
    from: ids.has(from) ? from : (steps[0]?.id ?? CHECK),
    move: move ?? { kind: "show", to: steps[0]?.id ?? CHECK },
    checking: text(source, "checking") === "yes",
    values,
    problems,
  };
}

export function stepById(steps: readonly FormStep[], id: string): FormStep | undefined {
  return steps.find((s) => s.id === id);
}

/** The step that asks for a field. */
export function stepOfField(steps: readonly FormStep[], field: string): FormStep | undefined {
  return steps.find((s) => s.fields.some((f) => f.name === field));
}

/** Where Continue leads: the next question, or back to the check answers page when changing one answer. */
export function nextStep(steps: readonly FormStep[], id: string, checking: boolean): string {
  const index = steps.findIndex((s) => s.id === id);
  return checking || index < 0 || index === steps.length - 1 ? CHECK : (steps[index + 1] as FormStep).id;
}

/** Where Back leads: the previous question (none before the first), or the check answers page when changing one. */
export function previousStep(steps: readonly FormStep[], id: string, checking: boolean): string | undefined {
  if (id === CHECK) return steps.at(-1)?.id;
  if (checking) return CHECK;
  const index = steps.findIndex((s) => s.id === id);
  return index > 0 ? (steps[index - 1] as FormStep).id : undefined;
}

/** Every answer except the shown page's own, as hidden fields: what carries the form from page to page. */
export function hiddenAnswers(steps: readonly FormStep[], shown: string, values: Record<string, string>): { name: string; value: string }[] {
  return steps
    .filter((s) => s.id !== shown)
    .flatMap((s) => s.fields)
    .filter((f) => Object.hasOwn(values, f.name) && values[f.name] !== "")
    .map((f) => ({ name: f.name, value: values[f.name] as string }));
}

/**
 * The values a page's inputs show: a date as its three boxes. What was typed into the boxes is
 * shown again as typed when it was refused (the body's own parts win over the stored date).
 */
export function shownValues(fields: readonly FormField[], values: Record<string, string>, body: unknown = {}): Record<string, string> {
  const source = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const shown: Record<string, string> = { ...values };
  for (const field of fields) {
    if (field.kind !== "date") continue;
    const parts = ["day", "month", "year"] as const;
    if (parts.some((p) => Object.hasOwn(source, `${field.name}-${p}`))) {
      for (const p of parts) shown[`${field.name}-${p}`] = text(source, `${field.name}-${p}`);
    } else if (isIsoDate(values[field.name] ?? "")) {
      const [year, month, day] = (values[field.name] as string).split("-");
      Object.assign(shown, {
        [`${field.name}-day`]: String(Number(day)),
        [`${field.name}-month`]: String(Number(month)),
        [`${field.name}-year`]: year,
      });
    }
  }
  return shown;
}

/** The check answers page's rows: each answer in words, grouped by the page that asked it. */
export function answerRows(steps: readonly FormStep[], values: Record<string, string>) {
  return steps.map((step) => ({
    id: step.id,
    title: step.title,
    rows: step.fields.map((field) => {
      const value = values[field.name] ?? "";
      let answer = value;
      if (field.kind === "select" || field.kind === "radios") answer = field.options.find((o) => o.value === value && value !== "")?.text ?? "";
      else if (field.kind === "date") answer = isIsoDate(value) ? formatDate(value) : "";
      else if (field.kind === "checkbox") answer = value === "yes" ? "Yes" : "No";
      return { name: field.name, label: field.label, answer: answer || "Not given" };
    }),
  }));
}
