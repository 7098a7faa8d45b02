// Deadlines as people read them: the step in plain English, the statutory and practical dates,
// the status as a tag with words (never colour alone), and the law behind it.
import { formatDate } from "../../domain/dates.ts";
import type { CalculatorResult, Deadline, DeadlineStatus } from "../../domain/statutory/index.ts";
import { describeDeadline } from "../../domain/statutory/index.ts";

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
  return { rows, warnings: result.warnings };
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
