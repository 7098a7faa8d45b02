// A case's stored measure rows, worked out on paper: the in-force days cut where a snapshot would
// count the child differently (an out-of-area placement, a visit leaving the last 12 months,
// 1 September), and each flow fact with the setting and year group of its day.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCaseRecord, type Placement } from "../cases/types.ts";
import { measureRowsOf } from "./facts.ts";

test("a plan's days are cut at a placement, a visit's anniversary, 1 September and the plan ceasing", () => {
  const record = newCaseRecord("c1", {
    id: "child-c1",
    firstName: "Test",
    lastName: "Spans",
    // Reception from September 2020, so Year 3 in 2023/24 and Year 4 from 1 September 2024.
    dateOfBirth: "2015-10-01",
    sex: "F",
    ethnicity: "NOBT",
    postcode: "",
    needs: [{ code: "SLCN", rank: 1 }],
    caseworker: { id: "cw-1", name: "Caseworker" },
  });
  record.plans = [{ id: "p", made: "2024-03-10", versions: [], ceased: { date: "2024-12-01", reason: 2 } }];
  const base = { settingName: "A School", residential: false, independent: false };
  const placements: Placement[] = [
    { ...base, id: "pl1", settingType: "mainstream", outOfAuthority: false, start: "2023-09-01", end: "2024-04-30" },
    { ...base, id: "pl2", settingType: "independent", outOfAuthority: true, independent: true, start: "2024-05-01" },
  ];
  record.placements = placements;
  record.monitoringVisits = [{ date: "2023-06-20" }];
  const rows = measureRowsOf(record, { today: "2026-12-07" });
  assert.deepEqual([rows.primaryNeed, rows.caseworkerId, rows.dateOfBirth], ["SLCN", "cw-1", "2015-10-01"]);
  const span = (from: string, to: string | null, more: Record<string, unknown>) => ({
    from,
    to,
    outOfAuthority: false,
    visitDue: false,
    visited: false,
    awaitingProvision: false,
    missingEducation: false,
    settingType: "mainstream",
    yearGroup: 3,
    ...more,
  });
  assert.deepEqual(rows.spans, [
    // In force from 10 March 2024; in the area until 30 April.
    span("2024-03-10", "2024-04-30", {}),
    // Out of the area from 1 May: due a visit, and the June 2023 visit counts until 19 June 2024.
    span("2024-05-01", "2024-06-19", { outOfAuthority: true, visitDue: true, visited: true, settingType: "independent" }),
    span("2024-06-20", "2024-08-31", { outOfAuthority: true, visitDue: true, settingType: "independent" }),
    // Year 4 from 1 September; the plan ceases on 1 December (not in force that day).
    span("2024-09-01", "2024-11-30", { outOfAuthority: true, visitDue: true, settingType: "independent", yearGroup: 4 }),
  ]);
});

test("each flow fact carries the setting type and year group of its own day", () => {
  const record = newCaseRecord("c2", {
    id: "child-c2",
    firstName: "Test",
    lastName: "Flows",
    dateOfBirth: "2015-10-01",
    sex: "M",
    ethnicity: "NOBT",
    postcode: "",
    needs: [{ code: "ASD", rank: 1 }],
    caseworker: { id: "cw-2", name: "Caseworker" },
  });
  record.requests = [
    {
      id: "r",
      received: "2024-07-01",
      requestedBy: "parent",
      decision: { date: "2024-09-02", outcome: "refuse" },
      adviceRequests: [],
      exceptions: [],
    },
  ];
  const rows = measureRowsOf(record, { today: "2026-12-07" });
  assert.deepEqual(
    rows.flows.map((f) => [f.measure, f.date, f.counted, f.yearGroup, f.settingType]),
    [
      ["requests", "2024-07-01", true, 3, "other"],
      ["refusalRate", "2024-07-01", true, 3, "other"],
      // Told on 2 September, after the 6 weeks (reg 5(1)), and in Year 4 by then.
      ["decisionsWithin6Weeks", "2024-09-02", false, 4, "other"],
    ],
  );
  assert.deepEqual(rows.spans, [], "no plan, so no snapshot days");
});
