// Forms and API bodies for setting up and reshaping a plan (issue 13), and the messages people
// see. Each parser reads only the fields it knows, so a forged field cannot reach the database.
// Dates come as YYYY-MM-DD from the API and command line, or as GOV.UK date input parts from pages.
import { isIsoDate } from "../../domain/dates.ts";
import { findScheme, STATUS_COLOURS } from "../../domain/plans/schemes.ts";
import type { StatusColour } from "../../domain/plans/types.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { type FormShape, readDateParts } from "../../platform/forms.ts";

const text = (value: unknown, max: number): string => (typeof value === "string" ? value.trim().slice(0, max + 1) : "");

/** A version from a form (text) or the API (a number); 0 when there is none. */
export const versionOf = (value: unknown): number => (typeof value === "number" ? value : Number(text(value, 12) || Number.NaN));

/** The plan types a new plan can have (the issue's list); "priority-action-plan" stays valid for plans that have it. */
export const NEW_PLAN_TYPES = ["wsoa", "accelerated-progress-plan", "peer-review", "scrutiny-review", "strategy", "other"] as const;
const ALL_PLAN_TYPES: readonly string[] = [...NEW_PLAN_TYPES, "priority-action-plan"];

export const SECTION_KINDS = {
  "significant-weakness": "Area of significant weakness",
  recommendation: "Recommendation",
  priority: "Priority",
  theme: "Theme",
  "improvement-area": "Area for improvement",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The fields of each set-up form, as its template draws them (issue 12: a form is read strictly;
// a field it does not have is refused, naming it, before anything is saved).
/** plan-details.njk, and the check page's hidden answers (plan-check.njk, dates as YYYY-MM-DD). */
export const PLAN_DETAILS_FORM: FormShape = {
  fields: ["title", "type", "sourceTitle", "sourceUrl", "owner", "cadence", "scheme", "continuesPlanId", "version"],
  dates: ["sourceDate", "approvedOn"],
};
/** plan-scheme.njk: a row of boxes per status, numbered from 0. */
export const SCHEME_FORM: FormShape = { fields: ["name", "keyOrder", /^(code|label|colour|definition|done|unrated|order)-\d{1,2}$/] };
/** plan-section-form.njk. */
export const SECTION_FORM: FormShape = { fields: ["number", "title", "kind", "aim", "kpis", "parentId", "version"] };
/** The up and down buttons of plan-structure.njk. */
export const REORDER_FORM: FormShape = { fields: ["direction"] };
/** plan-action-form.njk: an action's fields, its section, and the forums it reports to (checkboxes). */
export const NEW_ACTION_FORM: FormShape = {
  fields: [
    "sectionId",
    "number",
    "text",
    "successMeasures",
    "leadName",
    "leadRole",
    "timescale",
    "externalDependency",
    "weight",
    "progress",
    "impact",
    "evidenceLinks",
  ],
  dates: ["startDate", "addedOn"],
  repeatable: ["forumIds"],
};
/** action-move.njk. */
export const MOVE_FORM: FormShape = { fields: ["sectionId"] };
/** action-retire.njk. */
export const RETIRE_FORM: FormShape = { fields: ["reason", "version"], dates: ["date"] };
/** forum-form.njk. */
export const FORUM_FORM: FormShape = { fields: ["name", "kind", "members", "cycle", "version"] };
/** forum-manage.njk: a meeting's date. */
export const MEETING_FORM: FormShape = { fields: [], dates: ["date"] };
/** meeting-decisions.njk: a box per action, named by its id. */
export const DECISIONS_FORM: FormShape = { fields: [/^decision-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/] };
/** action-forums.njk: the forums ticked. */
export const ACTION_FORUMS_FORM: FormShape = { fields: [], repeatable: ["forumIds"] };

/**
 * A date from the API (`name` as YYYY-MM-DD) or a form (name-day, -month, -year), with a message
 * that says which box is wrong. `field` of a problem is the form's day box when it came from a form.
 */
export function readDate(body: Record<string, unknown>, name: string, label: string, problems: FieldProblem[], required: boolean): string | null {
  if (typeof body[name] === "string" && (body[name] as string).trim() !== "") {
    const raw = (body[name] as string).trim();
    if (!isIsoDate(raw)) {
      problems.push({ field: name, message: `${label} must be a real date in the form YYYY-MM-DD` });
      return null;
    }
    return raw;
  }
  const part = (p: string) => text(body[`${name}-${p}`], 10);
  const [day, month, year] = [part("day"), part("month"), part("year")];
  if (!day && !month && !year) {
    if (required) problems.push({ field: `${name}-day`, message: `Enter the ${label.toLowerCase()}` });
    return null;
  }
  const read = readDateParts(day, month, year);
  if (typeof read !== "string") {
    problems.push({ field: `${name}-${read.part}`, message: `${label} ${read.problem}` });
    return null;
  }
  return read;
}

export interface PlanDetails {
  title: string;
  type: string;
  sourceTitle: string | null;
  sourceDate: string | null;
  sourceUrl: string | null;
  owner: string;
  approvedOn: string;
  cadence: string | null;
  /** A built-in scheme's code, or the code of the plan's current scheme (kept as it is). */
  scheme: string;
  continuesPlanId: string | null;
  externalId: string | null;
}

/** A plan's details from the create and change forms, the API or the command line. */
export function parsePlanDetails(body: Record<string, unknown>, options: { currentScheme?: string } = {}) {
  const problems: FieldProblem[] = [];
  const title = text(body.title, 300);
  if (!title) problems.push({ field: "title", message: "Enter the plan's title" });
  else if (title.length > 300) problems.push({ field: "title", message: "Title must be 300 characters or fewer" });

  const type = text(body.type, 40);
  const typeAllowed =
    (NEW_PLAN_TYPES as readonly string[]).includes(type) || (type === "priority-action-plan" && options.currentScheme !== undefined);
  if (!type) problems.push({ field: "type", message: "Select the type of plan" });
  else if (!ALL_PLAN_TYPES.includes(type) || !typeAllowed) problems.push({ field: "type", message: "Select one of the types of plan listed" });

  const optional = (field: string, label: string, max: number): string | null => {
    const value = text(body[field], max);
    if (value.length > max) problems.push({ field, message: `${label} must be ${max.toLocaleString("en-GB")} characters or fewer` });
    return value || null;
  };
  const sourceTitle = optional("sourceTitle", "What the plan responds to", 300);
  const sourceDate = readDate(body, "sourceDate", "Date of the inspection or review", problems, false);
  const sourceUrl = optional("sourceUrl", "Link to the report", 2000);
  if (sourceUrl && !/^https?:\/\/[^\s<>"]+$/.test(sourceUrl))
    problems.push({ field: "sourceUrl", message: "Link to the report must be a web address starting https:// or http://" });

  const owner = text(body.owner, 200);
  if (!owner) problems.push({ field: "owner", message: "Enter who owns the plan, like the Director of Children's Services" });
  else if (owner.length > 200) problems.push({ field: "owner", message: "Owner must be 200 characters or fewer" });

  const approvedOn = readDate(body, "approvedOn", "Date the plan was approved", problems, true);
  if (approvedOn && sourceDate && approvedOn < sourceDate) {
    problems.push({ field: "approvedOn-day", message: "Date the plan was approved must be on or after the date of the inspection or review" });
  }
  const cadence = optional("cadence", "How often the plan is reported", 200);

  const scheme = text(body.scheme, 60);
  if (!scheme) problems.push({ field: "scheme", message: "Select a status scheme" });
  else if (!findScheme(scheme) && scheme !== options.currentScheme)
    problems.push({ field: "scheme", message: "Select one of the status schemes listed" });

  const continues = text(body.continuesPlanId, 60);
  if (continues && !UUID.test(continues)) problems.push({ field: "continuesPlanId", message: "Select the plan this one follows from, or none" });

  const externalId = text(body.externalId, 100);
  if (externalId && !/^[a-z0-9][a-z0-9-]{0,99}$/.test(externalId)) {
    problems.push({
      field: "externalId",
      message: "Reference must use only lower-case letters, digits and hyphens (at most 100), like thurrock-wsoa-2026",
    });
  }
  const value: PlanDetails = {
    title,
    type,
    sourceTitle,
    sourceDate,
    sourceUrl,
    owner,
    approvedOn: approvedOn ?? "",
    cadence,
    scheme,
    continuesPlanId: continues || null,
    externalId: externalId || null,
  };
  return { value, problems };
}

/** A plan's reference made from its title and year: "Thurrock WSOA 2026" -> thurrock-wsoa-2026. */
export function referenceFor(title: string, approvedOn: string): string {
  const slug = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  const year = approvedOn.slice(0, 4);
  return `${slug || "plan"}${slug.includes(year) ? "" : `-${year}`}`;
}

export interface SectionInput {
  number: string;
  title: string;
  kind: string;
  aim: string | null;
  kpis: string | null;
  parentId: string | null;
  version: number;
}

export function parseSection(body: Record<string, unknown>, options: { needsVersion: boolean }) {
  const problems: FieldProblem[] = [];
  const number = text(body.number, 20);
  if (!number) problems.push({ field: "number", message: "Enter the section's number, like 1 or 2.3" });
  else if (number.length > 20) problems.push({ field: "number", message: "Number must be 20 characters or fewer" });
  const title = text(body.title, 300);
  if (!title) problems.push({ field: "title", message: "Enter the section's title, like the area of weakness it answers" });
  else if (title.length > 300) problems.push({ field: "title", message: "Title must be 300 characters or fewer" });
  const kind = text(body.kind, 40);
  if (!Object.hasOwn(SECTION_KINDS, kind)) problems.push({ field: "kind", message: "Select what kind of section this is" });
  const long = (field: string, label: string) => {
    const value = text(body[field], 5000);
    if (value.length > 5000) problems.push({ field, message: `${label} must be 5,000 characters or fewer` });
    return value || null;
  };
  const aim = long("aim", "Aim");
  const kpis = long("kpis", "KPIs");
  const parent = text(body.parentId, 60);
  if (parent && !UUID.test(parent)) problems.push({ field: "parentId", message: "Select the section this one sits under, or none" });
  let version = 0;
  if (options.needsVersion) {
    version = versionOf(body.version);
    if (!Number.isInteger(version) || version < 1) problems.push({ field: "version", message: "Reload the section and make your change again" });
  }
  return { value: { number, title, kind, aim, kpis, parentId: parent || null, version } satisfies SectionInput, problems };
}

export function parseMove(body: Record<string, unknown>) {
  const sectionId = text(body.sectionId, 60);
  const problems: FieldProblem[] = [];
  if (!sectionId || !UUID.test(sectionId)) problems.push({ field: "sectionId", message: "Select the section to move the action to" });
  return { value: { sectionId }, problems };
}

export function parseRetirement(body: Record<string, unknown>) {
  const problems: FieldProblem[] = [];
  const reason = text(body.reason, 2000);
  if (!reason) problems.push({ field: "reason", message: "Enter why the action is being retired, like what the board decided" });
  else if (reason.length > 2000) problems.push({ field: "reason", message: "Reason must be 2,000 characters or fewer" });
  const date = readDate(body, "date", "Date of retirement", problems, false);
  const version = versionOf(body.version);
  if (!Number.isInteger(version) || version < 1) problems.push({ field: "version", message: "Reload the action and retire it again" });
  return { value: { reason, date, version }, problems };
}

/** One row of the custom scheme form, as typed. */
export interface SchemeRow {
  code: string;
  label: string;
  colour: string;
  definition: string;
  done: boolean;
  unrated: boolean;
  order: string;
}

/** The custom scheme form's rows (label-0, colour-0, ... up to 10), blank rows left out. */
export function schemeRowsFromForm(body: Record<string, unknown>): { rows: (SchemeRow & { index: number })[]; name: string } {
  const rows: (SchemeRow & { index: number })[] = [];
  for (let i = 0; i < 10; i++) {
    const row = {
      index: i,
      code: text(body[`code-${i}`], 40),
      label: text(body[`label-${i}`], 60),
      colour: text(body[`colour-${i}`], 20),
      definition: text(body[`definition-${i}`], 500),
      done: body[`done-${i}`] === "yes",
      unrated: body[`unrated-${i}`] === "yes",
      order: text(body[`order-${i}`], 3),
    };
    if (row.label || row.definition) rows.push(row);
  }
  return { rows, name: text(body.name, 100) };
}

/**
 * The custom scheme from the form, as `validateCustomScheme` takes it: listed in the order of each
 * row's position, ranked from the best down (or from the worst up, when the key lists the worst
 * first, as many RAG keys do); "not rated" statuses take no rank. A new status's
 * code is made from its label; an existing one keeps its code, which its history uses.
 */
export function schemeFromRows(rows: readonly (SchemeRow & { index: number })[], name: string, code: string, worstFirst = false) {
  const problems: FieldProblem[] = [];
  for (const row of rows) {
    if (row.order && !/^\d{1,2}$/.test(row.order))
      problems.push({ field: `order-${row.index}`, message: `Position of "${row.label || "a status"}" must be a whole number` });
    if (!STATUS_COLOURS.includes(row.colour as StatusColour))
      problems.push({ field: `colour-${row.index}`, message: `Select a colour for "${row.label || "a status"}"` });
  }
  const sorted = [...rows].sort((a, b) => Number(a.order || 99) - Number(b.order || 99) || a.index - b.index);
  const rated = sorted.filter((r) => !r.unrated);
  const used = new Set<string>();
  const statuses = sorted.map((row) => {
    let statusCode = row.code;
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(statusCode)) {
      const base =
        row.label
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^[^a-z]+|-+$/g, "")
          .slice(0, 34) || "status";
      statusCode = base;
      for (let n = 2; used.has(statusCode); n++) statusCode = `${base}-${n}`;
    }
    used.add(statusCode);
    return {
      code: statusCode,
      label: row.label,
      colour: row.colour,
      definition: row.definition,
      complete: row.done,
      unrated: row.unrated,
      rank: row.unrated ? null : worstFirst ? rated.indexOf(row) : rated.length - 1 - rated.indexOf(row),
    };
  });
  /** The form row a problem of `statuses[i].field` belongs to. */
  const rowOf = (i: number) => (sorted[i] as (SchemeRow & { index: number }) | undefined)?.index ?? 0;
  return { scheme: { code, name, statuses }, problems, rowOf };
}
