// Case data as people read it: deadlines with their status as a tag with words.
import type { CaseDeadline } from "../../domain/cases/case-clock.ts";
import { formatDate } from "../../domain/dates.ts";
import type { DeadlineStatus } from "../../domain/statutory/index.ts";

const STATUS_TAG: Record<DeadlineStatus, string> = {
  overdue: "govuk-tag--red",
  "due today": "govuk-tag--orange",
  "due soon": "govuk-tag--yellow",
  "not yet due": "govuk-tag--blue",
  "met on time": "govuk-tag--green",
  "met late": "govuk-tag--pink",
  "relieved by an exception": "govuk-tag--purple",
  "not applicable": "govuk-tag--grey",
};

export function presentDeadline(deadline: CaseDeadline) {
  const words = deadline.status.charAt(0).toUpperCase() + deadline.status.slice(1);
  return {
    key: deadline.key,
    label: deadline.label,
    step: deadline.step,
    countedFrom: deadline.countedFrom,
    due: formatDate(deadline.due),
    dueIso: deadline.due,
    practical: deadline.practical !== deadline.due ? formatDate(deadline.practical) : undefined,
    provision: deadline.provision,
    note: deadline.note,
    tag: {
      text: deadline.status === "met late" && deadline.daysLate !== undefined ? `${words} (${deadline.daysLate} days)` : words,
      classes: STATUS_TAG[deadline.status],
    },
  };
}
