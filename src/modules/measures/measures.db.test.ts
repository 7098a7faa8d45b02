// The measures counted from the stored rows (migration 0023) against the registry worked out from
// the records themselves: the same figure for every measure, every month and every breakdown, for
// a generated caseload with five years of history; filters narrow to the children they name.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { CaseRecord } from "../../domain/cases/types.ts";
import {
  academicYearPeriod,
  breakdownsFor,
  factsOf,
  figuresFor,
  monthlySeries,
  monthPeriod,
  type Period,
  yearPeriod,
} from "../../domain/measures/registry.ts";
import { SMALL_NUMBER, withholdSmall } from "../../domain/measures/suppression.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { generateCaseload } from "../demo/caseload-generator.ts";
import { listCaseRecords } from "./measures.repository.ts";

const TODAY = "2026-12-07";

describe("measures from the stored rows", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let actor: { councilId: string; userId: null };
  let records: CaseRecord[];
  const caseworkerIds: string[] = [];

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { today: () => TODAY });
    const council = await system.people.createCouncil({ code: "FACTS", name: "Facts Council" });
    actor = { councilId: council.id, userId: null };
    for (let i = 0; i < 3; i++) {
      const user = await system.people.createUser(actor, "system", {
        email: `cw${i}@facts.example`,
        displayName: `Caseworker ${i + 1}`,
        password: "a long enough password",
        roles: "caseworker",
      });
      caseworkerIds.push(user.id);
    }
    await system.cases.generateCaseload(actor, { plans: 120, seed: 16 });
    records = (await readAs(system.db, actor, listCaseRecords)) as CaseRecord[];
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  const strip = (values: { england: unknown }[]) => values.map(({ england: _, ...figure }) => figure);

  /** The registry's own answer, from the records, for the same period and months. */
  function fromRecords(chosen: CaseRecord[], period: Period, seriesPeriod: Period) {
    const facts = factsOf(chosen, { today: TODAY });
    return {
      values: figuresFor(chosen, facts, period),
      series: monthlySeries(chosen, facts, seriesPeriod).map((p) => ({ period: p.period, values: p.figures })),
      breakdowns: breakdownsFor(chosen, facts, period),
    };
  }

  const periods: [string, Period, Period][] = [
    ["calendar year 2025 by month", yearPeriod(2025), yearPeriod(2025)],
    ["school year 2023 to 2024", academicYearPeriod(2023), academicYearPeriod(2023)],
    ["March 2024 with the 12 months to it", monthPeriod(2024, 3), { from: "2023-04-01", to: "2024-03-31", label: "12 months" }],
    ["five years by month", { from: "2022-01-01", to: "2026-12-31", label: "five years" }, { from: "2022-01-01", to: "2026-12-31", label: "five" }],
    ["a range ending mid-month", { from: "2024-02-10", to: "2025-06-17", label: "range" }, { from: "2024-02-10", to: "2025-06-17", label: "r" }],
  ];
  for (const [name, period, seriesPeriod] of periods) {
    test(`every measure, month and breakdown agrees with the registry: ${name}`, async () => {
      const stored = await system.measures.forPeriod(actor, "system", period, seriesPeriod);
      const expected = fromRecords(records, period, seriesPeriod);
      assert.ok(
        expected.values.some((v) => v.numerator > 0),
        "the caseload has something to count",
      );
      assert.deepEqual(strip(stored.values), expected.values);
      assert.deepEqual(
        stored.series.map((p) => ({ period: p.period, values: strip(p.values) })),
        expected.series,
      );
      assert.deepEqual(stored.breakdowns, expected.breakdowns);
    });
  }

  test("a primary need or a caseworker filter gives the registry's figures for just those children", async () => {
    const need = "ASD";
    const byNeed = records.filter((r) => (r.child.needs.find((n) => n.rank === 1)?.code ?? "OTH") === need);
    assert.ok(byNeed.length > 0 && byNeed.length < records.length);
    const stored = await system.measures.forPeriod(actor, "system", yearPeriod(2025), yearPeriod(2025), { primaryNeed: need });
    const expected = fromRecords(byNeed, yearPeriod(2025), yearPeriod(2025));
    // Filtered, a figure of fewer than 5 children is withheld (suppression.ts); the rest are the registry's.
    assert.deepEqual(strip(stored.values), expected.values.map(withholdSmall));
    assert.deepEqual(
      stored.series.map((p) => strip(p.values)),
      expected.series.map((p) => p.values.map(withholdSmall)),
    );
    assert.ok(
      stored.series.some((p) => p.values.some((v) => v.withheld)),
      "some month of one need has fewer than 5 children to show",
    );
    assert.ok(stored.values.some((v) => !v.withheld && v.numerator > 0));

    const cw = caseworkerIds[1] as string;
    const mine = records.filter((r) => r.child.caseworker.id === cw);
    assert.ok(mine.length > 0 && mine.length < records.length);
    const storedCw = await system.measures.forPeriod(actor, "system", yearPeriod(2024), yearPeriod(2024), { caseworkerId: cw });
    assert.deepEqual(strip(storedCw.values), fromRecords(mine, yearPeriod(2024), yearPeriod(2024)).values.map(withholdSmall));
  });

  test("setting type and year group filters split the caseload: the parts add up to the whole", async () => {
    const period = yearPeriod(2025);
    const whole = await system.measures.forPeriod(actor, "system", period);
    const total = (id: string, v: { id: string; numerator: number }[]) => v.find((x) => x.id === id)?.numerator ?? 0;
    for (const [by, keys] of [
      ["settingType", whole.breakdowns.find((b) => b.by === "settingType")?.rows.map((r) => r.key) ?? []],
      ["yearGroup", Array.from({ length: 16 }, (_, i) => i - 1)],
      ["outOfAuthority", [true, false]],
    ] as const) {
      // A part of fewer than 5 children is withheld, so the parts shown add up to the whole
      // less at most 4 children for each part withheld.
      const sums = new Map<string, number>();
      const withheld = new Map<string, number>();
      for (const key of keys) {
        const part = await system.measures.forPeriod(actor, "system", period, period, { [by]: key });
        for (const v of part.values) {
          sums.set(v.id, (sums.get(v.id) ?? 0) + v.numerator);
          if (v.withheld) {
            assert.deepEqual([v.value, v.numerator, v.denominator], [null, 0, null], `${by} ${key}: ${v.id} shows nothing`);
            withheld.set(v.id, (withheld.get(v.id) ?? 0) + 1);
          }
        }
      }
      for (const id of ["plansInForce", "newPlans", "requests", "reviewsOnTime", "outOfAuthority"]) {
        const missing = total(id, whole.values) - (sums.get(id) ?? 0);
        const parts = withheld.get(id) ?? 0;
        assert.ok(missing >= 0 && missing <= (SMALL_NUMBER - 1) * parts, `${by}: ${id} (${missing} children in ${parts} parts withheld)`);
      }
    }
    // One year group is a real part: fewer children than the whole.
    const year7 = await system.measures.forPeriod(actor, "system", period, period, { yearGroup: 7 });
    assert.ok(total("plansInForce", year7.values) < total("plansInForce", whole.values));
  });

  test("the out of authority filter: those placed out of the area on the day, as the whole council's outOfAuthority counts them", async () => {
    const period = yearPeriod(2025);
    const whole = await system.measures.forPeriod(actor, "system", period);
    const away = await system.measures.forPeriod(actor, "system", period, period, { outOfAuthority: true });
    const home = await system.measures.forPeriod(actor, "system", period, period, { outOfAuthority: false });
    const of = (r: typeof whole, id: string) => r.values.find((v) => v.id === id);
    const placedAway = of(whole, "outOfAuthority")?.numerator ?? 0;
    assert.ok(placedAway >= SMALL_NUMBER, `the caseload has children placed out of authority (${placedAway})`);
    // Every child counted under "yes" is placed away; under "no", none is.
    assert.equal(of(away, "plansInForce")?.value, placedAway);
    assert.equal(of(away, "outOfAuthority")?.value, 100);
    assert.equal(of(home, "plansInForce")?.value, (of(whole, "plansInForce")?.numerator ?? 0) - placedAway);
    assert.equal(of(home, "outOfAuthority")?.numerator, 0);
    // Flows are split by the placement on the fact's day: the two parts make the whole (a part of
    // fewer than 5 children is withheld, so then the other part is the whole less at most 4).
    for (const id of ["requests", "newPlans", "reviewsOnTime"]) {
      const [a, h, w] = [of(away, id), of(home, id), of(whole, id)];
      const missing = (w?.numerator ?? 0) - (a?.numerator ?? 0) - (h?.numerator ?? 0);
      const parts = Number(a?.withheld === true) + Number(h?.withheld === true);
      assert.ok(missing >= 0 && missing <= (SMALL_NUMBER - 1) * parts, `${id}: ${missing} missing in ${parts} parts withheld`);
    }
    assert.ok((of(home, "requests")?.numerator ?? 0) > 0, "requests of children placed in the area");
  });

  test("when every case's rows are worked out again (the daily refresh), the day totals still agree", async () => {
    await readAs(system.db, actor, (trx) => trx.updateTable("child_case").set({ derived_on: "2000-01-01" }).execute());
    assert.equal(await system.cases.refreshStale(actor), records.length);
    const period = { from: "2022-01-01", to: "2026-12-31", label: "five years" };
    const stored = await system.measures.forPeriod(actor, "system", period);
    const expected = fromRecords(records, period, period);
    assert.deepEqual(strip(stored.values), expected.values);
    assert.deepEqual(
      stored.series.map((p) => strip(p.values)),
      expected.series.map((p) => p.values),
    );
  });

  test("the children behind a filtered figure are the ones it counts, for every measure", async () => {
    const period = yearPeriod(2025);
    // The filters counted on the day (setting type, year group, out of authority); need and caseworker are per child.
    for (const filter of [{ yearGroup: 7 }, { settingType: "mainstream" }, { outOfAuthority: true }]) {
      const stored = await system.measures.forPeriod(actor, "system", period, period, filter);
      let shown = 0;
      for (const v of stored.values) {
        const { rows, withheld } = await system.measures.casesBehind(actor, ["send_manager"], v.id, period, filter);
        const label = `${JSON.stringify(filter)} ${v.id}`;
        assert.equal(withheld, v.withheld === true, label);
        if (withheld) {
          assert.deepEqual(rows, [], label);
          continue;
        }
        assert.equal(rows.filter((r) => r.counted).length, v.numerator, label);
        if (v.denominator !== null) assert.equal(rows.length, v.denominator, label);
        shown += rows.length;
      }
      assert.ok(shown > 0, `${JSON.stringify(filter)}: some children behind the figures`);
    }
  });

  test("the age band moves on the birthday the registry counts: born 29 February, 11 on 1 March 2023", async () => {
    // Month ends are read from the month totals (migration 0028), which cut each span at the
    // birthdays of 5, 11, 16 and 20; a naive "born + 11 years" would say 28 February.
    const council = await system.people.createCouncil({ code: "LEAP", name: "Leap Day Council" });
    const leap = { councilId: council.id, userId: null };
    const user = await system.people.createUser(leap, "system", {
      email: "cw@leap.example",
      displayName: "Caseworker",
      password: "a long enough password",
      roles: "caseworker",
    });
    const generated = generateCaseload({ seed: 29, plans: 30, today: TODAY, caseworkers: [{ id: user.id, name: "Caseworker" }] });
    const inForce = (r: CaseRecord, on: string) => r.plans.some((p) => p.made <= on && (!p.ceased || p.ceased.date > on));
    const child = generated.find((r) => inForce(r, "2023-01-31") && inForce(r, "2023-04-30"));
    assert.ok(child, "a child with a plan in force through February and March 2023");
    child.child.dateOfBirth = "2012-02-29";
    await system.cases.importCases(leap, generated);
    const mine = (await readAs(system.db, leap, listCaseRecords)) as CaseRecord[];
    const band = (r: { breakdowns: { by: string; rows: { key: string; count: number }[] }[] }, key: string) =>
      r.breakdowns.find((b) => b.by === "ageBand")?.rows.find((row) => row.key === key)?.count;
    for (const [month, older] of [
      [monthPeriod(2023, 2), false],
      [monthPeriod(2023, 3), true],
    ] as const) {
      const stored = await system.measures.forPeriod(leap, "system", month);
      const expected = fromRecords(mine, month, month);
      assert.deepEqual(stored.breakdowns, expected.breakdowns, month.label);
      // The registry itself: 10 on 28 February 2023, 11 on 31 March.
      const without = fromRecords(
        mine.filter((r) => r.child.dateOfBirth !== "2012-02-29"),
        month,
        month,
      );
      assert.equal(band(stored, "11to15"), (band(without, "11to15") ?? 0) + (older ? 1 : 0), month.label);
      assert.equal(band(stored, "5to10"), (band(without, "5to10") ?? 0) + (older ? 0 : 1), month.label);
    }
  });

  test("a caseworker who is not one of the council's is refused, not counted as nobody", async () => {
    await assert.rejects(
      system.measures.forPeriod(actor, "system", yearPeriod(2025), yearPeriod(2025), { caseworkerId: "00000000-0000-4000-8000-000000000000" }),
      (e) => e instanceof InvalidInput && e.problems[0]?.field === "caseworker",
    );
  });
});
