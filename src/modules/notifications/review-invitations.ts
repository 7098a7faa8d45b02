// Annual review invitations (issue 15; SEND Regulations 2014 reg 20(4)). The "Annual review meeting"
// event records the meeting's date and who is invited; from the council's invitation day (default
// two weeks before, brought back to a working day) each invitee with an email address is sent an
// invitation, once (key per review and invitee). The email is to someone outside the council, so it
// carries a reference and the date, never the child's name. A meeting with less than two weeks'
// notice is a breach of reg 20(4): the caseworker is told, once.
import type { CaseRecord } from "../../domain/cases/types.ts";
import { formatDate } from "../../domain/dates.ts";
import {
  arrangedTooLate,
  type BookedReview,
  noticeDeadline,
  reviewInvitationsDue,
  reviewReference,
} from "../../domain/notifications/review-invitations.ts";
import type { Trx } from "../../platform/transaction.ts";
import type { CaseEventHook, CasesService } from "../cases/cases.service.ts";
import type { DailyRun } from "./notifications.reminders.ts";
import * as repository from "./notifications.repository.ts";
import type { NotificationsService, QueuedMessage } from "./notifications.service.ts";

interface Recipients {
  caseworker?: { id: string; email: string } | undefined;
  managers: readonly { id: string; email: string }[];
}

/**
 * A meeting's messages due today: the invitations, and the caseworker's notice when they go later
 * than reg 20(4) allows (or the meeting was arranged too late: `arrangedLate`).
 */
async function inviteFor(
  add: (m: QueuedMessage) => Promise<boolean>,
  c: { caseId: string; record: CaseRecord; review: BookedReview },
  today: string,
  days: number,
  calendar: DailyRun["calendar"],
  to: Recipients,
  baseUrl: string,
  arrangedLate = false,
): Promise<void> {
  const { review } = c;
  const due = reviewInvitationsDue(review, today, days, calendar);
  const reference = reviewReference(review.id);
  let written = false;
  for (const { key, invitee } of due.invitations)
    written =
      (await add({
        kind: "reviewInvitation",
        key,
        recipient: invitee.email as string,
        caseId: c.caseId,
        values: { reference, meetingDate: formatDate(review.meeting) },
      })) || written;
  // Invitations written today that are too late (a day missed) are a breach too; ones sent on time are not.
  if (!(arrangedLate || (due.late && written))) return;
  // The caseworker is told; a case without one (or whose caseworker has left) goes to the SEND managers.
  const recipients = to.caseworker ? [to.caseworker] : to.managers;
  for (const person of recipients)
    await add({
      kind: "reviewNoticeShort",
      key: `reviewNoticeShort:${review.id}:${person.id}`,
      recipient: person.email,
      caseId: c.caseId,
      values: {
        reference,
        childName: `${c.record.child.firstName} ${c.record.child.lastName}`,
        meetingDate: formatDate(review.meeting),
        noticeBy: formatDate(noticeDeadline(review.meeting)),
        caseLink: `${baseUrl}/cases/${c.caseId}`,
      },
    });
}

/** The daily job's part: every booked meeting's invitations due today (and any missed on an earlier day). */
export async function queueReviewInvitations(run: DailyRun): Promise<void> {
  for (const row of await repository.listCasesWithBookedReviews(run.trx, run.today)) {
    const record = row.record as CaseRecord;
    const caseworker = row.caseworker_user_id ? run.usersById.get(row.caseworker_user_id) : undefined;
    for (const review of record.reviews.filter((r) => r.meeting > run.today))
      await inviteFor(
        run.add,
        { caseId: row.id, record, review },
        run.today,
        run.timings.reviewInvitationDays,
        run.calendar,
        { caseworker, managers: run.managers },
        run.baseUrl,
      );
  }
}

/**
 * When a meeting is recorded, in the event's transaction: invitations already due go now rather
 * than at tomorrow's run, and a meeting less than two weeks away is flagged to the caseworker.
 */
export function reviewMeetingHook(cases: CasesService, outbox: NotificationsService, calendar: () => DailyRun["calendar"]): void {
  const hook: CaseEventHook = async (trx, event) => {
    if (event.kind !== "reviewMeeting") return;
    const review = event.record.reviews.at(-1);
    if (!review || review.meeting <= event.today) return;
    const timings = await outbox.timings(trx);
    const wording = await outbox.wording(trx);
    const add = async (m: QueuedMessage) => (await outbox.queue(trx, event.councilId, m, wording)) !== null;
    await inviteFor(
      add,
      { caseId: event.caseId, record: event.record, review },
      event.today,
      timings.reviewInvitationDays,
      calendar(),
      await recipientsFor(trx, event.record),
      outbox.publicBaseUrl,
      arrangedTooLate(review.meeting, event.today),
    );
  };
  cases.onEvent(hook);
}

async function recipientsFor(trx: Trx, record: CaseRecord): Promise<Recipients> {
  const caseworker = await repository.findUser(trx, record.child.caseworker.id);
  return { caseworker, managers: caseworker ? [] : await repository.listManagers(trx) };
}
