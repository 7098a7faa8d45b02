// The items the casework does not hold yet, counted on hand-made children: each item counts the
// children it applies to, and only those.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type CaseRecord, newCaseRecord, type Placement } from "../cases/types.ts";
import { censusPeriod, personFor } from "./export.ts";
import type { Sen2Person } from "./model.ts";
import { itemsNotHeld, NOT_HELD } from "./not-held.ts";

const period = censusPeriod(2027); // census day 21 January 2027, activity 2026

function child(id: string, born: string, over: Partial<CaseRecord>): CaseRecord {
  const base = newCaseRecord(id, {
    id: `child-${id}`,
    firstName: id,
    lastName: "Testcase",
    dateOfBirth: born,
    sex: "F",
    ethnicity: "WBRI",
    postcode: "ZZ1 1ZZ",
    upnUnknown: "UN8",
    needs: [{ code: "ASD", rank: 1 }],
    caseworker: { id: "", name: "Not assigned" },
  });
  return { ...base, ...over };
}
const placement = (over: Partial<Placement>): Placement => ({
  id: "pl",
  settingName: "Oak",
  urn: "123456",
  settingType: "mainstream",
  outOfAuthority: false,
  residential: false,
  independent: false,
  start: "2020-09-01",
  ...over,
});
const request = (over: Partial<CaseRecord["requests"][number]>) => ({
  id: "r1",
  received: "2026-03-02",
  requestedBy: "parent" as const,
  adviceRequests: [],
  exceptions: [],
  ...over,
});

// A: 17 on census day, a plan issued in 2026 from a request made here, residential resourced
// provision, an annual review that decided to amend, and a phase transfer this September.
const a = child("A", "2009-06-01", {
  requests: [request({ decision: { date: "2026-04-10", outcome: "assess" }, finalPlanIssued: "2026-07-20" })],
  plans: [{ id: "p1", made: "2026-07-20", requestId: "r1", versions: [{ issued: "2026-07-20", kind: "final" }] }],
  placements: [placement({ residential: true, settingType: "resourced" })],
  reviews: [{ id: "rv", meeting: "2026-11-02", decision: { date: "2026-11-20", outcome: "amend" } }],
  phaseTransfers: [{ year: 2027, kind: "post16" }],
});
// B: a request refused in 2026, no assessment.
const b = child("B", "2015-01-01", { requests: [request({ decision: { date: "2026-04-01", outcome: "refuse" } })] });
// C: a plan made long ago (no request held here), in a setting coded OTH, aged 10.
const c = child("C", "2016-05-05", {
  plans: [{ id: "p2", made: "2019-03-01", versions: [{ issued: "2019-03-01", kind: "final" }] }],
  placements: [placement({ urn: undefined, settingCode: "OTH" })],
  phaseTransfers: [{ year: 2024, kind: "school" }],
});
// D: a request withdrawn in 2026.
const d = child("D", "2014-02-02", { requests: [request({ withdrawn: { date: "2026-05-01" } })] });

test("each item counts the children in the return it applies to, and only those", () => {
  const records = [a, b, c, d];
  const persons = records.map((r) => personFor(r, period)).filter((p): p is Sen2Person => !!p);
  assert.equal(persons.length, 4);
  const counts = Object.fromEntries(itemsNotHeld(persons, records, period).map((i) => [i.item, i.children]));
  assert.deepEqual(counts, {
    "Requests/RYA": 3, // A, B, D: C's entry is the historic one written for a plan without a request
    "Requests/Exported": 1, // D
    "Requests/Assessment/OtherMediation and OtherTribunal": 2, // A, and C's historic H assessment
    "Requests/Assessment/NamedPlan/PB, OA and DP": 2, // A, C
    "Requests/Assessment/NamedPlan/PlanRes": 1, // A
    "Requests/Assessment/NamedPlan/PlanWBP and ActivePlans/PlacementDetail/WBP": 1, // A is 17
    "PlanDetail and PlacementDetail/SENunitIndicator": 1, // A
    "PlanDetail and PlacementDetail/SENsettingOther": 1, // C
    "Requests/ActivePlans/ReviewDraft": 1, // A
  });
});

test("every item says what it is, who it applies to and what is written meanwhile", () => {
  const items = itemsNotHeld([], [], period);
  assert.equal(items.length, NOT_HELD.length);
  for (const item of items) {
    assert.equal(item.children, 0);
    for (const words of [item.meaning, item.appliesTo, item.written]) assert.ok(words.length > 0, item.item);
  }
});

test("a return read from a file (no case records) still counts what the file shows", () => {
  const persons = [a, d].map((r) => personFor(r, period)).filter((p): p is Sen2Person => !!p);
  const counts = Object.fromEntries(itemsNotHeld(persons, [], period).map((i) => [i.item, i.children]));
  assert.equal(counts["Requests/RYA"], 2);
  assert.equal(counts["Requests/Assessment/NamedPlan/PlanRes"], 0, "residential is in the case record");
  assert.equal(counts["PlanDetail and PlacementDetail/SENunitIndicator"], 1);
});
