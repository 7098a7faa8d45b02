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

// A: a plan issued in 2026 from a request made here, a residential place with its weeks recorded.
const a = child("A", "2009-06-01", {
  requests: [request({ decision: { date: "2026-04-10", outcome: "assess" }, finalPlanIssued: "2026-07-20" })],
  plans: [{ id: "p1", made: "2026-07-20", requestId: "r1", versions: [{ issued: "2026-07-20", kind: "final" }] }],
  placements: [placement({ residential: true, residentialWeeks: "52", settingType: "special" })],
});
// B: the same, but the residential place's weeks left blank.
const b = child("B", "2012-01-01", { ...a, placements: [placement({ residential: true, settingType: "special" })] });
// C: a plan made long ago (no request held here), in a setting coded OTH with no description.
const c = child("C", "2016-05-05", {
  plans: [{ id: "p2", made: "2019-03-01", versions: [{ issued: "2019-03-01", kind: "final" }] }],
  placements: [placement({ urn: undefined, settingCode: "OTH" })],
});
// D: as C, with the setting described.
const d = child("D", "2015-05-05", { ...c, placements: [placement({ urn: undefined, settingCode: "NIEO", settingDescription: "Tuition at home" })] });

test("each item left blank counts the children it applies to, and only those", () => {
  const records = [a, b, c, d];
  const persons = records.map((r) => personFor(r, period)).filter((p): p is Sen2Person => !!p);
  assert.equal(persons.length, 4);
  const counts = Object.fromEntries(itemsNotHeld(persons, records, period).map((i) => [i.item, i.children]));
  assert.deepEqual(counts, {
    "Requests/Assessment/NamedPlan/PlanRes": 1, // B
    "PlanDetail and PlacementDetail/SENsettingOther": 1, // C
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

test("a return read from a file (no case records) counts what the file leaves blank", () => {
  const persons = [a, b, c, d].map((r) => personFor(r, period)).filter((p): p is Sen2Person => !!p);
  const counts = Object.fromEntries(itemsNotHeld(persons, [], period).map((i) => [i.item, i.children]));
  assert.equal(counts["Requests/Assessment/NamedPlan/PlanRes"], 1, "B: Res 1 on the place attended, no PlanRes");
  assert.equal(counts["PlanDetail and PlacementDetail/SENsettingOther"], 1);
});
