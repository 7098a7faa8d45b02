// Forms for improvement plans, and the messages people see. Each parser reads only the fields it
// knows, so a forged field cannot reach the database.
import { isIsoDate } from "../../domain/dates.ts";
import { IMPACT_JUDGEMENTS, type ImpactJudgement, isImpactJudgement } from "../../domain/plans/progress.ts";
import { parseTimescale } from "../../domain/plans/timescales.ts";
import type { DueDate, StatusScheme } from "../../domain/plans/types.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { dateFromParts, type FormShape } from "../../platform/forms.ts";

const text = (value: unknown, max: number): string => (typeof value === "string" ? value.trim().slice(0, max + 1) : "");

export interface NewUpdate {
  date: string;
  status: string;
  commentary: string;
  progress: number | null;
  correctsUpdateId: string | null;
}

/** An update from the form (day/month/year parts) or the API (`date` as YYYY-MM-DD). */
export function parseNewUpdate(body: Record<string, unknown>, scheme: StatusScheme, today: string): { value: NewUpdate; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const date = typeof body.date === "string" ? body.date.trim() : dateFromParts(body, "date");
  if (!date) problems.push({ field: "date", message: "Enter the date of the update" });
  else if (!isIsoDate(date)) problems.push({ field: "date", message: "Date of the update must be a real date" });
  else if (date > today) problems.push({ field: "date", message: "Date of the update must be today or in the past" });

  const status = text(body.status, 60);
  if (!status) problems.push({ field: "status", message: "Select the status of the action" });
  else if (!scheme.statuses.some((s) => s.code === status)) problems.push({ field: "status", message: "Select one of the plan's statuses" });

  const commentary = text(body.commentary, 10_000);
  if (commentary.length > 10_000) problems.push({ field: "commentary", message: "Commentary must be 10,000 characters or fewer" });

  let progress: number | null = null;
  const rawProgress = text(body.progress, 10);
  if (rawProgress) {
    if (!/^\d{1,3}$/.test(rawProgress) || Number(rawProgress) > 100)
      problems.push({ field: "progress", message: "Progress must be a whole number from 0 to 100" });
    else progress = Number(rawProgress);
  }
  const corrects = text(body.correctsUpdateId, 40);
  return { value: { date, status, commentary, progress, correctsUpdateId: corrects || null }, problems };
}

/** The update form's fields (add-update.njk), and the API's: `date` as YYYY-MM-DD, `submissionId` a one-time key. */
export const UPDATE_FORM: FormShape = { fields: ["status", "commentary", "progress", "correctsUpdateId", "submissionId"], dates: ["date"] };

/** The fields `PUT /api/actions/:id` takes (camelCase, as its OpenAPI document says); any other is refused. */
export const ACTION_EDIT_FIELDS = [
  "number",
  "text",
  "successMeasures",
  "leadName",
  "leadRole",
  "timescale",
  "externalDependency",
  "startDate",
  "weight",
  "progress",
  "impact",
  "evidenceLinks",
  "version",
];

/** The change-an-action form (edit-action.njk): the API's fields, the start date as three boxes. */
export const ACTION_EDIT_FORM: FormShape = { fields: ACTION_EDIT_FIELDS.filter((f) => f !== "startDate"), dates: ["startDate"] };

export interface ActionEdit {
  number: string;
  text: string;
  successMeasures: string | null;
  leadName: string | null;
  leadRole: string | null;
  due: DueDate;
  externalDependency: string | null;
  startDate: string | null;
  weight: number | null;
  evidenceLinks: string[];
  /** Percent complete, 0-100, or null for none; undefined when the request did not send it (kept). */
  progress?: number | null;
  /** The impact judgement; undefined when the request did not send it (kept). */
  impact?: ImpactJudgement;
  version: number;
}

export function parseActionEdit(body: Record<string, unknown>, planStart: string): { value: ActionEdit; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const optional = (field: string, label: string, max: number): string | null => {
    const value = text(body[field], max);
    if (value.length > max) problems.push({ field, message: `${label} must be ${max.toLocaleString("en-GB")} characters or fewer` });
    return value || null;
  };
  const number = text(body.number, 20);
  if (!number) problems.push({ field: "number", message: "Enter the action's number, like 1.2 or 6a" });
  else if (number.length > 20) problems.push({ field: "number", message: "Number must be 20 characters or fewer" });
  const actionText = text(body.text, 5000);
  if (!actionText) problems.push({ field: "text", message: "Enter what the action is" });
  else if (actionText.length > 5000) problems.push({ field: "text", message: "Action must be 5,000 characters or fewer" });
  const timescale = text(body.timescale, 100);
  let due: DueDate = { precision: "tbc", date: null, text: "TBC" };
  if (!timescale) problems.push({ field: "timescale", message: 'Enter the timescale, like "March 2026", "Autumn 2026" or "TBC"' });
  else {
    const parsed = parseTimescale(timescale, { planStart });
    if (parsed.ok) due = parsed.due;
    else problems.push({ field: "timescale", message: parsed.message });
  }
  const start = typeof body.startDate === "string" ? body.startDate.trim() : dateFromParts(body, "startDate");
  if (start && !isIsoDate(start)) problems.push({ field: "startDate", message: "Start date must be a real date" });
  const rawWeight = text(body.weight, 10);
  const weight = rawWeight ? Number(rawWeight) : null;
  if (weight !== null && (!Number.isFinite(weight) || weight < 0 || weight > 1000)) {
    problems.push({ field: "weight", message: "Weight must be a number from 0 to 1,000" });
  }
  // One link per line; only web addresses, so nothing else can be slipped into a page as a link.
  const evidenceLinks = (
    typeof body.evidenceLinks === "string" ? body.evidenceLinks : Array.isArray(body.evidenceLinks) ? body.evidenceLinks.join("\n") : ""
  )
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (evidenceLinks.length > 20) problems.push({ field: "evidenceLinks", message: "Give at most 20 evidence links" });
  else if (evidenceLinks.some((l) => !/^https?:\/\/[^\s<>"]{1,2000}$/.test(l))) {
    problems.push({ field: "evidenceLinks", message: "Each evidence link must be a web address starting https:// or http://, one per line" });
  }
  // Percent complete and impact (issue 13): a request that leaves them out keeps them as they are.
  let progress: number | null | undefined;
  if (Object.hasOwn(body, "progress")) {
    const raw = typeof body.progress === "number" ? String(body.progress) : body.progress === null ? "" : text(body.progress, 10);
    if (raw === "") progress = null;
    else if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100)
      problems.push({ field: "progress", message: "Percent complete must be a whole number from 0 to 100, or left empty" });
    else progress = Number(raw);
  }
  let impact: ImpactJudgement | undefined;
  if (Object.hasOwn(body, "impact")) {
    if (isImpactJudgement(body.impact)) impact = body.impact;
    else problems.push({ field: "impact", message: `Choose the impact judgement: one of ${IMPACT_JUDGEMENTS.join(", ")}` });
  }
  // A form sends the version as text; the API as the integer its OpenAPI document describes.
  const version = typeof body.version === "number" ? body.version : Number(text(body.version, 12) || Number.NaN);
  if (!Number.isInteger(version) || version < 1) problems.push({ field: "version", message: "Reload the action and make your change again" });
  return {
    value: {
      number,
      text: actionText,
      successMeasures: optional("successMeasures", "Success measures", 5000),
      leadName: optional("leadName", "Lead", 200),
      leadRole: optional("leadRole", "Lead's role", 200),
      due,
      externalDependency: optional("externalDependency", "External dependency", 1000),
      startDate: start && isIsoDate(start) ? start : null,
      weight: weight !== null && Number.isFinite(weight) ? weight : null,
      evidenceLinks,
      ...(progress === undefined ? {} : { progress }),
      ...(impact === undefined ? {} : { impact }),
      version,
    },
    problems,
  };
}

/** An as-at date from a query string (`asAt=2022-03-15` or day/month/year parts), or undefined. */
export function parseAsAt(query: Record<string, unknown>, name = "asAt"): { date?: string; problem?: FieldProblem } {
  const raw = typeof query[name] === "string" ? (query[name] as string).trim() : dateFromParts(query, name);
  if (!raw) return {};
  if (!isIsoDate(raw)) return { problem: { field: name, message: "The date must be a real date" } };
  return { date: raw };
}
