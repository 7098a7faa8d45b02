// The "Work out EHC deadlines" form: its fields as data, and the translation of what was typed
// into the calculator's JSON input (src/domain/statutory/input.ts), with GOV.UK-style messages per field.
import { readDateParts, type FormField as SharedField } from "../../platform/forms.ts";

/** A field of the calculator's form, and where its value goes in the calculator's input. */
export type FormField = SharedField & { path: string };

export interface FormSection {
  id: string;
  title: string;
  intro: string;
  fields: FormField[];
}

const date = (name: string, path: string, label: string, hint?: string): FormField => ({
  kind: "date",
  name,
  path,
  label,
  ...(hint ? { hint } : {}),
});

const ADVICE_ROWS = 3;
const adviceFields = Array.from({ length: ADVICE_ROWS }, (_, i): FormField[] => [
  {
    kind: "text",
    name: `advice${i}Service`,
    path: `events.adviceRequests[${i}].service`,
    label: `Advice request ${i + 1}: who was asked`,
    hint: "For example, educational psychology, health, social care or the school",
  },
  date(`advice${i}Received`, `events.adviceRequests[${i}].received`, `Advice request ${i + 1}: date they received the request`),
  date(
    `advice${i}Returned`,
    `events.adviceRequests[${i}].returned`,
    `Advice request ${i + 1}: date the advice was returned`,
    "Leave blank if it has not come back yet",
  ),
  {
    kind: "checkbox",
    name: `advice${i}Head`,
    path: `events.adviceRequests[${i}].headOfInstitution`,
    label: `Advice request ${i + 1} was asked of a head teacher or principal of a school, college or early years provider`,
  },
]).flat();

export const FORM_SECTIONS: FormSection[] = [
  {
    id: "assessment",
    title: "EHC needs assessment",
    intro: "The request for an assessment starts the 6, 16 and 20 week time limits.",
    fields: [
      date("requestReceived", "events.requestReceived", "Date the request for an EHC needs assessment was received"),
      date("decisionNotified", "events.decisionNotified", "Date the family was told whether the council will assess"),
      date("noPlanNoticeSent", "events.noPlanNoticeSent", "Date the family was told no plan will be issued"),
      date("draftServed", "events.draftServed", "Date the draft plan was served"),
      date("finalPlanIssued", "events.finalPlanIssued", "Date the final plan was issued"),
    ],
  },
  {
    id: "advice",
    title: "Advice from professionals",
    intro: "Each body asked for advice has 6 weeks from when it receives the request.",
    fields: adviceFields,
  },
  {
    id: "review",
    title: "The plan and its annual review",
    intro: "A plan must be reviewed within 12 months of being made, then of each review.",
    fields: [
      date("planMade", "events.planMade", "Date the plan was first made"),
      date("previousReviewMeeting", "events.previousReviewMeeting", "Date of the last review meeting before this one"),
      date("reviewMeeting", "events.reviewMeeting", "Date of this year's review meeting", "Held or booked"),
      date("reviewReportCirculated", "events.reviewReportCirculated", "Date the review report was circulated"),
      date("reviewDecisionNotified", "events.reviewDecisionNotified", "Date the family was told the decision after the review"),
      date("amendmentNoticeSent", "events.amendmentNoticeSent", "Date the amendment notice was sent"),
      date("amendedPlanIssued", "events.amendedPlanIssued", "Date the final amended plan was issued"),
      { kind: "checkbox", name: "childUnderFive", path: "events.childUnderFive", label: "The child is under five" },
    ],
  },
  {
    id: "transfer",
    title: "Phase transfer",
    intro: "Moving to a new phase of education: the plan must be amended by a fixed date in the year of the move.",
    fields: [
      date("childDateOfBirth", "events.childDateOfBirth", "Child's date of birth", "Used to work out the year of transfer if you do not give it"),
      {
        kind: "radios",
        name: "transferKind",
        path: "events.transferKind",
        label: "Kind of transfer",
        options: [
          { value: "school", text: "Between schools (early years to school, infant to junior, primary to secondary, middle to secondary)" },
          { value: "post16", text: "From secondary school to a post-16 institution" },
          { value: "post16Other", text: "Between post-16 institutions at another time" },
        ],
      },
      { kind: "year", name: "transferYear", path: "events.transferYear", label: "Year of transfer", hint: "For example, 2027" },
      date("transferDate", "events.transferDate", "Date of the move between post-16 institutions"),
      date("phaseTransferFinalised", "events.phaseTransferFinalised", "Date the plan was amended for the transfer"),
    ],
  },
  {
    id: "reassessment",
    title: "Re-assessment",
    intro: "A request to re-assess an existing plan.",
    fields: [
      date("reassessmentRequestReceived", "events.reassessmentRequestReceived", "Date the request for a re-assessment was received"),
      date("reassessmentDecisionNotified", "events.reassessmentDecisionNotified", "Date the family was told the council will re-assess"),
    ],
  },
  {
    id: "move",
    title: "Moving to another council",
    intro: "When a family with a plan moves between councils in England.",
    fields: [
      date("oldCouncilAware", "events.oldCouncilAware", "Date the old council learned of the move"),
      date("moveDate", "events.moveDate", "Date the family moved"),
      date("transferredIn", "events.transferredIn", "Date the plan was transferred to the new council"),
    ],
  },
  {
    id: "appeals",
    title: "Mediation and appeals",
    intro: "After a decision that can be appealed to the tribunal.",
    fields: [
      date("decisionNoticeSent", "events.decisionNoticeSent", "Date the decision notice was sent"),
      date("mediationAdviserTold", "events.mediationAdviserTold", "Date the mediation adviser was told"),
      date("mediationCertificateIssued", "events.mediationCertificateIssued", "Date the mediation certificate was issued"),
      {
        kind: "checkbox",
        name: "placementOnlyAppeal",
        path: "events.placementOnlyAppeal",
        label: "The appeal is only about the school or college named",
      },
      date("tribunalOrderDate", "events.tribunalOrder.date", "Date of the tribunal's order"),
      {
        kind: "radios",
        name: "tribunalOrderKind",
        path: "events.tribunalOrder.kind",
        label: "What the tribunal ordered",
        options: [
          { value: "assess", text: "To assess" },
          { value: "makePlan", text: "To make a plan" },
          { value: "amend", text: "To amend the plan" },
          { value: "placement", text: "To name a school or college" },
        ],
      },
      date("unopposedDate", "events.unopposedNotice.date", "Date the council told the tribunal it will not oppose an appeal"),
      {
        kind: "radios",
        name: "unopposedKind",
        path: "events.unopposedNotice.kind",
        label: "What the unopposed appeal was about",
        options: [
          { value: "assessment", text: "An assessment or a decision not to make a plan" },
          { value: "contents", text: "The contents of a plan" },
        ],
      },
    ],
  },
  {
    id: "exceptions",
    title: "Exceptions to the time limits",
    intro: "Some circumstances relieve the council of a time limit. The statutory date stays, and is marked as relieved.",
    fields: [
      date(
        "closureFrom",
        "closures[0].from",
        "A school or college asked for advice was closed from",
        "Only a closure of 4 weeks or more, such as the summer holiday",
      ),
      date("closureReopens", "closures[0].reopens", "Date it reopened"),
      date("absenceFrom", "absences[0].from", "The child or parent was away from the area from", "Only an absence of 4 weeks or more"),
      date("absenceTo", "absences[0].to", "Last day away"),
      date("circumstancesFrom", "exceptionalCircumstances[0].from", "Exceptional personal circumstances from"),
      date("circumstancesTo", "exceptionalCircumstances[0].to", "Exceptional personal circumstances to"),
    ],
  },
];

export const AS_OF_FIELD: FormField = date("asOf", "asOf", "Work out the status as at", "Leave blank for today");

const ALL_FIELDS = [AS_OF_FIELD, ...FORM_SECTIONS.flatMap((s) => s.fields)];

export interface FormError {
  text: string;
  href: string;
}

export interface ParsedForm {
  /** What was typed, to show the form again. */
  values: Record<string, string>;
  /** The calculator input, or null when nothing was entered. */
  input: Record<string, unknown> | null;
  errors: FormError[];
}

/** Reads the query string of the form. Only known fields are read; anything else is ignored. */
export function parseDeadlineForm(query: Record<string, unknown>): ParsedForm {
  const values: Record<string, string> = {};
  const read = (name: string) => {
    const raw = query[name];
    const value = typeof raw === "string" ? raw.trim().slice(0, 200) : "";
    if (value) values[name] = value;
    return value;
  };
  const errors: FormError[] = [];
  const input: Record<string, unknown> = {};
  let entered = false;

  for (const field of ALL_FIELDS) {
    if (field.kind === "date") {
      const [day, month, year] = [read(`${field.name}-day`), read(`${field.name}-month`), read(`${field.name}-year`)];
      if (!day && !month && !year) continue;
      const iso = readDateParts(day, month, year);
      if (typeof iso === "object") errors.push({ text: `${field.label} ${iso.problem}`, href: `#${field.name}-${iso.part}` });
      else setPath(input, field.path, iso);
    } else if (field.kind === "checkbox") {
      if (read(field.name) === "yes") setPath(input, field.path, true);
    } else if (field.kind === "year") {
      const value = read(field.name);
      if (!value) continue;
      if (/^\d{4}$/.test(value)) setPath(input, field.path, Number(value));
      else errors.push({ text: `${field.label} must be a year with 4 digits, like 2027`, href: `#${field.name}` });
    } else if (field.kind === "radios") {
      const value = read(field.name);
      if (!value) continue;
      if (field.options.some((o) => o.value === value)) setPath(input, field.path, value);
      else errors.push({ text: `Select ${field.label.toLowerCase()}`, href: `#${field.name}` });
    } else {
      const value = read(field.name);
      if (value) setPath(input, field.path, value);
    }
    if (field.name !== "asOf" && hasPath(input, field.path)) entered = true;
  }
  // Advice rows left with only a name say nothing the calculator can use.
  const advice = (input.events as { adviceRequests?: unknown[] } | undefined)?.adviceRequests;
  if (advice) (input.events as { adviceRequests?: unknown[] }).adviceRequests = advice.filter((a) => a && Object.keys(a as object).length > 0);
  return { values, input: entered || errors.length ? input : null, errors };
}

/** The form's label for a calculator input path ("events.reviewMeeting"), if the form has one. */
export function labelForPath(path: string): string | undefined {
  return ALL_FIELDS.find((f) => f.path === path)?.label;
}

/** The words the form shows for a choice's value ("post16"), if the form offers it. */
export function optionText(value: string): string | undefined {
  for (const field of ALL_FIELDS) if (field.kind === "radios") for (const o of field.options) if (o.value === value) return o.text;
  return undefined;
}

/** Turns the calculator's errors (which name JSON paths) into messages that link to the form. */
export function formErrorsFrom(errors: { field: string; message: string }[]): FormError[] {
  const byPath = [...ALL_FIELDS].sort((a, b) => b.path.length - a.path.length);
  return errors.map((error) => {
    const field = byPath.find((f) => error.field === f.path || error.field.startsWith(`${f.path}.`));
    let text = error.message;
    for (const f of byPath) text = text.split(f.path).join(`'${f.label}'`);
    return { text, href: field ? `#${field.name}${field.kind === "date" ? "-day" : ""}` : "#main-content" };
  });
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? "");
    node[part] ??= nextIsIndex ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

function hasPath(target: Record<string, unknown>, path: string): boolean {
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node: unknown = target;
  for (const part of parts) {
    if (node === null || typeof node !== "object" || !(part in (node as object))) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/** Sections shown open by default: the request and the plan's review are what most people enter. */
const OPEN_SECTIONS = new Set(["assessment", "review"]);

/**
 * The form's sections, each marked open or folded (issue 20: all of them open made one 9,751 px
 * page). A folded section opens by itself when it holds an answer or an error, so nothing typed
 * or wrong is hidden.
 */
export function sectionsShown(values: Record<string, string>, errors: readonly FormError[] = []): (FormSection & { open: boolean })[] {
  const names = (field: FormField) => (field.kind === "date" ? [`${field.name}-day`, `${field.name}-month`, `${field.name}-year`] : [field.name]);
  return FORM_SECTIONS.map((section) => {
    const inputs = new Set(section.fields.flatMap(names));
    const used = Object.keys(values).some((name) => inputs.has(name));
    const wrong = errors.some((e) => inputs.has(e.href.slice(1)) || section.fields.some((f) => e.href === `#${f.name}`));
    return { ...section, open: OPEN_SECTIONS.has(section.id) || used || wrong };
  });
}
