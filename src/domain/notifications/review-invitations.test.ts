// When annual review invitations go (SEND Regulations 2014 reg 20(4)): two weeks before the meeting,
// brought back over weekends and bank holidays as the clock's practical date; a key per review and
// invitee; late only after the statutory date; nothing for a held meeting.
import assert from "node:assert/strict";
import { test } from "node:test";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { arrangedTooLate, invitationDay, noticeDeadline, reviewInvitationsDue, reviewReference } from "./review-invitations.ts";

const calendar = englandAndWalesCalendar();
const review = {
  id: "7f3c2a10-0000-4000-8000-000000000000",
  meeting: "2027-01-11",
  invitees: [
    { role: "family" as const, name: "Parent", email: "p@family.example" },
    { role: "setting" as const, name: "School (by post)" },
    { role: "professional" as const, name: "EP", email: "ep@example.org" },
  ],
};

test("the invitation day: two weeks before, or the last working day before that", () => {
  // 28 December 2026 is a bank holiday (Boxing Day's substitute), after Christmas Day and a weekend.
  assert.equal(noticeDeadline("2027-01-11"), "2026-12-28");
  assert.equal(invitationDay("2027-01-11", 14, calendar), "2026-12-24");
  // Good Friday 26 March 2027 and Easter Monday 29 March: a meeting on 12 April goes on Thursday 25 March.
  assert.equal(invitationDay("2027-04-12", 14, calendar), "2027-03-25");
  assert.equal(invitationDay("2027-03-17", 14, calendar), "2027-03-03");
  assert.equal(invitationDay("2027-03-17", 21, calendar), "2027-02-24");
});

test("each invitee with an address, keyed by review and invitee; late only after the statutory date; none once held", () => {
  const keys = (today: string) => reviewInvitationsDue(review, today, 14, calendar);
  assert.deepEqual(keys("2026-12-23"), { invitations: [], late: false });
  const due = keys("2026-12-24");
  assert.deepEqual(
    due.invitations.map((i) => i.key),
    [`reviewInvitation:${review.id}:0`, `reviewInvitation:${review.id}:2`],
  );
  assert.equal(due.late, false);
  assert.equal(keys("2026-12-28").late, false, "on the statutory date itself: in time");
  assert.equal(keys("2026-12-29").late, true);
  assert.deepEqual(keys("2027-01-11"), { invitations: [], late: false }, "the meeting day: held, nothing sent");
  assert.equal(arrangedTooLate("2027-01-11", "2026-12-29"), true);
  assert.equal(arrangedTooLate("2027-01-11", "2026-12-28"), false);
  assert.equal(arrangedTooLate("2027-01-11", "2027-01-11"), false, "a held meeting is a record, not a booking");
  assert.equal(reviewReference(review.id), "REV-7F3C2A10");
});
