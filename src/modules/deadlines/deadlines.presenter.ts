// Deadlines as people read them: the step in plain English, the statutory and practical dates,
// the status as a tag with words (never colour alone), and the law behind it.
import { formatDate } from "../../domain/dates.ts";
import type { CalculatorResult, Deadline, DeadlineStatus } from "../../domain/statutory/index.ts";
import { describeDeadline } from "../../domain/statutory/index.ts";
import { labelForPath, optionText } from "./deadlines.schemas.ts";

export const STATUS_TAG: Readonly<Record<DeadlineStatus, string>> = {
  overdue: "govuk-tag--red",
  "due today": "govuk-tag--orange",
  "due soon": "govuk-tag--yellow",
  "not yet due": "govuk-tag--blue",
  "met on time": "govuk-tag--green",
  "met late": "govuk-tag--pink",
  "relieved by an exception": "govuk-tag--purple",
  "not applicable": "govuk-tag--grey",
};

export interface DeadlineRow {
  key: string;
  step: string;
  subject?: string;
  due: string;
  dueIso: string;
  practical: string;
  practicalDiffers: boolean;
  status: { text: string; classes: string };
  provision: string;
  basis: string;
  actor: string;
}

export function presentDeadlines(result: CalculatorResult): { rows: DeadlineRow[]; warnings: string[] } {
  const rows = [...result.deadlines].sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key)).map(presentDeadline);
  return { rows, warnings: result.warnings.map(plainWarning) };
}

const TRANSFERS: Record<string, string> = {
  "phaseTransfer.school": "a phase transfer between schools",
  "phaseTransfer.post16": "a transfer from secondary school to post-16",
  "phaseTransfer.post16Other": "a move between post-16 institutions",
};

/**
 * The calculator's warnings name input fields and deadline keys, for programs (the command line
 * and API keep them so). People read the form's labels, the steps in words and dates as dates.
 */
export function plainWarning(text: string): string {
  return text
    .replace(/Give transferKind "(\w+)"/, (whole, value: string) =>
      optionText(value) ? `Choose ‘${optionText(value)}’ as the ‘Kind of transfer’` : whole,
    )
    .replace(/\bclosures\[\d+\](?!\.)/g, "the school closure")
    .replace(/\babsences\[\d+\](?!\.)/g, "the time away from the area")
    .replace(/\bexceptionalCircumstances\[\d+\](?!\.)/g, "the exceptional circumstances")
    .replace(/events\.adviceRequests\[(\d+)\](?!\.)/g, (_, i: string) => `advice request ${Number(i) + 1}`)
    .replace(/\b(?:events\.)?[a-zA-Z]+(?:\[\d+\])?(?:\.[a-zA-Z0-9]+)+/g, (path) => {
      const label = labelForPath(path);
      if (label) return `‘${label}’`;
      const step = describeDeadline(path)?.step;
      if (step) return `“${step}”`;
      return TRANSFERS[path] ?? path;
    })
    .replace(/"(school|post16|post16Other)"/g, (quoted, value: string) => {
      const text = optionText(value);
      return text ? `‘${text}’` : quoted;
    })
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso))
    .replace(/"overdue"/g, "“overdue”")
    .replace(/the as-of date/g, "the date the status is worked out as at")
    .replace(/nothing in the input records/g, "nothing entered records")
    .replace(/^[a-z‘“]/, (first) => first.toUpperCase());
}

function presentDeadline(deadline: Deadline): DeadlineRow {
  const description = describeDeadline(deadline.key);
  return {
    key: deadline.key,
    step: description?.step ?? deadline.key,
    ...(deadline.subject ? { subject: deadline.subject } : {}),
    due: formatDate(deadline.due),
    dueIso: deadline.due,
    practical: formatDate(deadline.practical),
    practicalDiffers: deadline.practical !== deadline.due,
    status: { text: statusText(deadline), classes: STATUS_TAG[deadline.status] },
    provision: deadline.provision,
    basis: description?.basis ?? "",
    actor: description?.actor ?? "",
  };
}

function statusText(deadline: Deadline): string {
  if (deadline.status === "met late" && deadline.daysLate !== undefined) {
    return `Met late (${deadline.daysLate} ${deadline.daysLate === 1 ? "day" : "days"})`;
  }
  if (deadline.status === "relieved by an exception" && deadline.relievedBy) return `Relieved by an exception: ${deadline.relievedBy}`;
  return deadline.status.charAt(0).toUpperCase() + deadline.status.slice(1);
}
