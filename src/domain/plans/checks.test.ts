import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ActionCheckInput, checkAction } from "./checks.ts";
import { FIVE_LEVEL, FOUR_STATE, validateCustomScheme } from "./schemes.ts";
import type { ActionUpdate, DueDate, StatusScheme } from "./types.ts";

function update(date: string, status: string): ActionUpdate {
  return { date, status, commentary: `${status} on ${date}` };
}

const day = (date: string): DueDate => ({ precision: "day", date, text: date });
const FEB_2022: DueDate = { precision: "month", date: "2022-02-28", text: "Feb" };
const TBC: DueDate = { precision: "tbc", date: null, text: "TBC" };

describe("checkAction", () => {
  // [what, action, scheme, as at, expected flags as [code, reason]]
  const rows: [string, ActionCheckInput, StatusScheme, string, [string, string][]][] = [
    [
      "past its day and on track: overdue, and the rating contradicts the date",
      { due: day("2022-02-28"), updates: [update("2022-02-17", "on-track")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-24",
      [
        ["overdue", "Due 28 February 2022 and not complete: 24 days overdue"],
        ["on-track-past-due", 'Rated "On track to meet the deadline" on 17 February 2022, but the due date 28 February 2022 has passed'],
      ],
    ],
    [
      "due today is not yet overdue",
      { due: day("2022-02-28"), updates: [update("2022-02-17", "on-track")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-02-28",
      [],
    ],
    [
      "one day late",
      { due: day("2022-02-28"), updates: [update("2022-02-17", "limited-progress")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-01",
      [["overdue", "Due 28 February 2022 and not complete: 1 day overdue"]],
    ],
    [
      "a month's due date passes only after its last day",
      { due: FEB_2022, updates: [update("2022-02-17", "on-track")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-02-28",
      [],
    ],
    [
      "a month, the day after it ends",
      { due: FEB_2022, updates: [update("2022-02-17", "limited-progress")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-01",
      [["overdue", "Due Feb (by 28 February 2022) and not complete: 1 day overdue"]],
    ],
    [
      "complete: no flags even when late",
      { due: day("2022-02-28"), updates: [update("2022-03-10", "completed")], forumLastMeetings: ["2022-03-15"] },
      FOUR_STATE,
      "2022-04-01",
      [],
    ],
    [
      "no update at all, past due",
      { due: day("2022-02-28"), updates: [], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-02",
      [["overdue", "Due 28 February 2022 and not complete: 2 days overdue"]],
    ],
    [
      "completed later than the as-at date counts as not complete then",
      { due: day("2022-02-28"), updates: [update("2022-02-01", "on-track"), update("2022-03-10", "completed")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-05",
      [
        ["overdue", "Due 28 February 2022 and not complete: 5 days overdue"],
        ["on-track-past-due", 'Rated "On track to meet the deadline" on 1 February 2022, but the due date 28 February 2022 has passed'],
      ],
    ],
    [
      "Thurrock light green past due",
      { due: { precision: "month", date: "2019-10-31", text: "Oct 19" }, updates: [update("2019-09-30", "light-green")], forumLastMeetings: [] },
      FIVE_LEVEL,
      "2019-11-04",
      [
        ["overdue", "Due Oct 19 (by 31 October 2019) and not complete: 4 days overdue"],
        ["on-track-past-due", 'Rated "Light green" on 30 September 2019, but the due date Oct 19 (by 31 October 2019) has passed'],
      ],
    ],
    [
      "Thurrock green counts as complete",
      { due: day("2019-10-31"), updates: [update("2019-10-30", "green")], forumLastMeetings: [] },
      FIVE_LEVEL,
      "2019-12-01",
      [],
    ],
    [
      "no update since the forum last met",
      { due: day("2022-06-30"), updates: [update("2022-02-17", "on-track")], forumLastMeetings: ["2022-02-08", "2022-03-15", "2022-07-20"] },
      FOUR_STATE,
      "2022-03-20",
      [["no-update-since-meeting", "No update since the forum met on 15 March 2022: the last update was on 17 February 2022"]],
    ],
    [
      "an update on the meeting day is not since the meeting",
      { due: day("2022-06-30"), updates: [update("2022-03-15", "on-track")], forumLastMeetings: ["2022-03-15"] },
      FOUR_STATE,
      "2022-03-20",
      [["no-update-since-meeting", "No update since the forum met on 15 March 2022: the last update was on 15 March 2022"]],
    ],
    [
      "an update after the meeting clears it",
      { due: day("2022-06-30"), updates: [update("2022-03-16", "on-track")], forumLastMeetings: ["2022-03-15"] },
      FOUR_STATE,
      "2022-03-20",
      [],
    ],
    [
      "a meeting on the as-at date is not yet 'the last meeting'",
      { due: day("2022-06-30"), updates: [update("2022-03-01", "on-track")], forumLastMeetings: ["2022-03-15"] },
      FOUR_STATE,
      "2022-03-15",
      [],
    ],
    [
      "never updated since the forum met",
      { due: day("2022-06-30"), updates: [], forumLastMeetings: ["2022-03-15", "not a date"] },
      FOUR_STATE,
      "2022-03-20",
      [["no-update-since-meeting", "No update since the forum met on 15 March 2022: there has been no update yet"]],
    ],
    [
      "due date to be confirmed",
      { due: TBC, updates: [update("2022-02-17", "dates-tbc")], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-20",
      [["due-tbc", 'The due date is still to be confirmed (written as "TBC")']],
    ],
    [
      "ongoing is to be confirmed too",
      { due: { precision: "tbc", date: null, text: "Ongoing" }, updates: [], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-20",
      [["due-tbc", 'The due date is still to be confirmed (written as "Ongoing")']],
    ],
    [
      "a blank timescale is not quoted as if the file wrote TBC",
      { due: { precision: "tbc", date: null, text: "" }, updates: [], forumLastMeetings: [] },
      FOUR_STATE,
      "2022-03-20",
      [["due-tbc", "No due date has been given"]],
    ],
    [
      "a completed action with a TBC date is not chased",
      { due: TBC, updates: [update("2022-02-17", "completed")], forumLastMeetings: ["2022-03-01"] },
      FOUR_STATE,
      "2022-03-20",
      [],
    ],
  ];
  for (const [what, action, scheme, asAt, expected] of rows) {
    test(what, () => {
      const flags = checkAction(action, scheme, asAt);
      assert.deepEqual(
        flags.map((f) => [f.code, f.reason]),
        expected,
      );
    });
  }

  test("a cancelled action is not chased", () => {
    const result = validateCustomScheme({
      code: "with-withdrawn",
      name: "With withdrawn",
      statuses: [
        { code: "red", label: "Red", colour: "red", definition: "Behind.", rank: 0 },
        { code: "done", label: "Done", colour: "blue", definition: "Done.", rank: 1, complete: true },
        { code: "withdrawn", label: "Withdrawn", colour: "grey", definition: "No longer needed.", cancelled: true, unrated: true },
      ],
    });
    assert.ok(result.ok);
    const flags = checkAction(
      { due: day("2022-02-28"), updates: [update("2022-02-01", "withdrawn")], forumLastMeetings: ["2022-03-01"] },
      result.scheme,
      "2022-04-01",
    );
    assert.deepEqual(flags, []);
  });

  test("never changes the updates it is given", () => {
    const updates = Object.freeze([Object.freeze(update("2022-02-17", "on-track"))]);
    checkAction({ due: day("2022-02-28"), updates, forumLastMeetings: [] }, FOUR_STATE, "2022-03-24");
    assert.equal(updates[0]?.status, "on-track");
  });
});
