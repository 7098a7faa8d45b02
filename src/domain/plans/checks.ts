// Checks that help an action's lead (SPEC A7). They flag, with a reason in plain English that
// names the dates; they never change a status. Everything is judged "as at" a date, from the
// history, so a report for a past meeting shows the flags it would have shown then.

import { daysBetween, formatDate, type IsoDate, isIsoDate } from "../dates.ts";
import { statusAsAt } from "./history.ts";
import { statusOf } from "./schemes.ts";
import type { ActionUpdate, DueDate, StatusScheme } from "./types.ts";

export type ActionFlagCode = "overdue" | "on-track-past-due" | "no-update-since-meeting" | "due-tbc";

export interface ActionFlag {
  code: ActionFlagCode;
  /** For people: "Due 28 February 2022 and not complete: 24 days overdue". */
  reason: string;
}

export interface ActionCheckInput {
  due: DueDate;
  updates: readonly ActionUpdate[];
  /** Meeting dates of the forums the action reports to (any order; later ones are ignored). */
  forumLastMeetings: readonly IsoDate[];
}

/** The flags for one action as at a date, in a fixed order: overdue, on-track-past-due, no-update-since-meeting, due-tbc. */
export function checkAction(action: ActionCheckInput, scheme: StatusScheme, asAt: IsoDate): ActionFlag[] {
  const flags: ActionFlag[] = [];
  const current = statusAsAt(action.updates, asAt);
  const status = statusOf(scheme, current?.status);
  // A finished or withdrawn action needs no chasing.
  const closed = status?.complete === true || status?.cancelled === true;
  const { due } = action;

  // The due date is the last day of the period written ("Feb 2022" -> 28 February), so it has
  // passed only from the day after.
  if (due.date !== null && !closed && asAt > due.date) {
    const late = daysBetween(due.date, asAt);
    flags.push({ code: "overdue", reason: `Due ${describeDue(due)} and not complete: ${late} ${late === 1 ? "day" : "days"} overdue` });
    if (status?.onTrack && current) {
      flags.push({
        code: "on-track-past-due",
        reason: `Rated "${status.label}" on ${formatDate(current.date)}, but the due date ${describeDue(due)} has passed`,
      });
    }
  }

  if (!closed) {
    // The forum's most recent meeting before the as-at date; an update dated on the meeting day
    // was written for that meeting, so only a later one counts as "since".
    const meeting = action.forumLastMeetings
      .filter((d) => isIsoDate(d) && d < asAt)
      .reduce<IsoDate | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
    if (meeting !== undefined && (current === undefined || current.date <= meeting)) {
      const last = current ? `the last update was on ${formatDate(current.date)}` : "there has been no update yet";
      flags.push({ code: "no-update-since-meeting", reason: `No update since the forum met on ${formatDate(meeting)}: ${last}` });
    }
  }

  if (due.precision === "tbc" && !closed) {
    // Only what the plan says is quoted: a blank timescale was never written "TBC" (issue 11).
    const reason = due.text.trim() === "" ? "No due date has been given" : `The due date is still to be confirmed (written as "${due.text}")`;
    flags.push({ code: "due-tbc", reason });
  }
  return flags;
}

/** "28 February 2022", or for a period "Feb 2022 (by 28 February 2022)" so the council's words stay visible. */
function describeDue(due: DueDate): string {
  if (due.date === null) return `"${due.text}"`;
  const date = formatDate(due.date);
  if (due.precision === "day" || due.text.trim() === "") return date;
  return `${due.text.trim()} (by ${date})`;
}
