// Annual review invitations (issue 15; SEND Regulations 2014 reg 20(4)): everyone invited to a review
// meeting must have at least two weeks' notice of it. Pure: "today" and the calendar are parameters.
import type { WorkingDayCalendar } from "../bank-holidays.ts";
import type { ReviewInvitee } from "../cases/types.ts";
import { addDays, type IsoDate } from "../dates.ts";

/** Reg 20(4): at least two weeks' notice (STATUTORY.md review.invitationsBy: the meeting - 14 days). */
export const NOTICE_DAYS = 14;

/** The council's default: the regulation's two weeks. */
export const DEFAULT_INVITATION_DAYS = NOTICE_DAYS;

/** The reference an invitation quotes instead of the child's name (safe wording). */
export function reviewReference(reviewId: string): string {
  return `REV-${reviewId
    .replace(/[^0-9a-zA-Z]/g, "")
    .slice(0, 8)
    .toUpperCase()}`;
}

/** The last day invitations give the notice reg 20(4) asks for: the statutory date, which never moves. */
export function noticeDeadline(meeting: IsoDate): IsoDate {
  return addDays(meeting, -NOTICE_DAYS);
}

/**
 * The day the invitations are written: `days` before the meeting, brought back to the last working
 * day on or before it when that falls on a weekend or bank holiday, as the clock's practical date is.
 */
export function invitationDay(meeting: IsoDate, days: number, calendar: WorkingDayCalendar): IsoDate {
  return calendar.lastWorkingDayOnOrBefore(addDays(meeting, -days));
}

export interface BookedReview {
  id: string;
  meeting: IsoDate;
  invitees?: readonly ReviewInvitee[];
}

/**
 * What a booked meeting calls for today: an invitation to each invitee with an email address (key
 * per review and invitee, so each goes once), from the invitation day until the day before the
 * meeting (a job that missed a day catches up); and whether they go too late for reg 20(4). A
 * meeting on or before today is held: nothing is sent for it.
 */
export function reviewInvitationsDue(
  review: BookedReview,
  today: IsoDate,
  days: number,
  calendar: WorkingDayCalendar,
): { invitations: { key: string; invitee: ReviewInvitee }[]; late: boolean } {
  if (review.meeting <= today || today < invitationDay(review.meeting, days, calendar)) return { invitations: [], late: false };
  const invitations = (review.invitees ?? []).flatMap((invitee, index) =>
    invitee.email ? [{ key: `reviewInvitation:${review.id}:${index}`, invitee }] : [],
  );
  return { invitations, late: today > noticeDeadline(review.meeting) };
}

/** A meeting booked today for a day less than two weeks away breaches reg 20(4) however quickly the invitations go. */
export function arrangedTooLate(meeting: IsoDate, today: IsoDate): boolean {
  return meeting > today && today > noticeDeadline(meeting);
}
