// Message wording and reminder days: placeholders are filled or refused, never left blank; the
// "due soon" day counts working days as the clock does; each reminder has a key of its own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { adviceRemindersDue, checkTemplate, KINDS, MESSAGE_KINDS, placeholdersIn, render, workingDaysBefore } from "./templates.ts";

const calendar = englandAndWalesCalendar();

test("render fills every placeholder and refuses a missing one", () => {
  assert.equal(render("Advice ((reference)) due ((dueDate))", { reference: "ADV-1", dueDate: "3 March" }), "Advice ADV-1 due 3 March");
  assert.throws(() => render("((reference)) ((link))", { reference: "x" }), /Missing placeholder value: link/);
});

test("every default wording uses only its own placeholders and previews with the examples", () => {
  for (const kind of MESSAGE_KINDS) {
    const k = KINDS[kind];
    assert.deepEqual(checkTemplate(kind, k.subject, k.body), [], kind);
    assert.doesNotThrow(() => render(`${k.subject}\n${k.body}`, k.placeholders), kind);
  }
});

test("outside messages cannot use any child detail, even one another kind has", () => {
  const inside = new Set(MESSAGE_KINDS.filter((k) => !KINDS[k].outside).flatMap((k) => Object.keys(KINDS[k].placeholders)));
  for (const kind of MESSAGE_KINDS.filter((k) => KINDS[k].outside)) {
    const allowed = Object.keys(KINDS[kind].placeholders);
    assert.ok(
      allowed.every((p) => ["councilName", "reference", "service", "dueDate", "link", "expires", "meetingDate"].includes(p)),
      kind,
    );
    for (const p of ["childName", "firstName", "dateOfBirth", "upn", "needs", ...inside]) {
      if (allowed.includes(p)) continue;
      assert.ok(checkTemplate(kind, "x", `((${p}))`).length > 0, `${kind} refuses ((${p}))`);
    }
  }
  assert.deepEqual(placeholdersIn("((a)) (b) ((c1)) ((\u0000))"), ["a", "c1"]);
});

test("the due-soon day skips weekends and bank holidays", () => {
  // Tuesday 29 December 2026, 5 working days before: 25 and 28 December are bank holidays.
  assert.equal(workingDaysBefore("2026-12-29", 5, calendar), "2026-12-18");
  assert.equal(workingDaysBefore("2027-03-03", 0, calendar), "2027-03-03");
});

test("reminders by day, each with its own key; none once returned or revoked", () => {
  const link = { id: "L1", due: "2027-03-10", returned: false, revoked: false };
  const s = { reminderWorkingDays: 5, escalateAfterDays: 5 };
  const kinds = (today: string, l = link) => adviceRemindersDue(l, today, s, calendar).map((r) => r.key);
  assert.deepEqual(kinds("2027-03-02"), []);
  assert.deepEqual(kinds("2027-03-03"), ["adviceDueSoon:L1"]);
  assert.deepEqual(kinds("2027-03-10"), ["adviceDueToday:L1"]);
  assert.deepEqual(kinds("2027-03-11"), ["adviceOverdue:L1"]);
  assert.deepEqual(kinds("2027-03-15"), ["adviceOverdue:L1", "adviceEscalated:L1"]);
  assert.deepEqual(kinds("2027-03-15", { ...link, returned: true }), []);
  assert.deepEqual(kinds("2027-03-05", { ...link, revoked: true }), []);
});
