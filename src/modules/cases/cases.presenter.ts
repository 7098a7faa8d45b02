// Case data as people read it: deadlines with their status as a tag with words.
import type { CaseDeadline } from "../../domain/cases/case-clock.ts";
import { formatDate } from "../../domain/dates.ts";
import { STATUS_TAG } from "../deadlines/deadlines.presenter.ts";

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
