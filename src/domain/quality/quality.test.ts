import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_FRAMEWORK, type Framework, frameworkFromText, frameworkToText } from "./framework.ts";
import { quarterOf, SMALL_NUMBER, share, shareBy, suppressSmall } from "./results.ts";
import { type Candidate, drawSample, seededRandom } from "./sampling.ts";

const candidates: Candidate[] = Array.from({ length: 40 }, (_, i) => ({
  caseId: `case-${String(i).padStart(2, "0")}`,
  caseworkerId: `cw-${i % 4}`,
  planMade: i % 10 === 9 ? null : `2026-${String((i % 12) + 1).padStart(2, "0")}-15`,
}));

describe("sampling plans to audit", () => {
  test("the same seed draws the same sample; another seed draws another", () => {
    const rule = { method: "random" as const, size: 10, seed: 42, from: "2026-01-01", to: "2026-12-31" };
    const a = drawSample(candidates, rule).map((c) => c.caseId);
    assert.deepEqual(
      drawSample([...candidates].reverse(), rule).map((c) => c.caseId),
      a,
      "the order the cases come in does not matter",
    );
    assert.notDeepEqual(
      drawSample(candidates, { ...rule, seed: 43 }).map((c) => c.caseId),
      a,
    );
    assert.equal(new Set(a).size, 10);
  });

  test("a case without a plan is never drawn", () => {
    const all = drawSample(candidates, { method: "random", size: 100, seed: 1, from: "2026-01-01", to: "2026-12-31" });
    assert.equal(all.length, 36);
    assert.ok(all.every((c) => c.planMade !== null));
  });

  test("new plans: only plans made in the period, both days included", () => {
    const drawn = drawSample(candidates, { method: "newPlans", size: 100, seed: 5, from: "2026-01-15", to: "2026-03-15" });
    assert.ok(drawn.length > 0);
    assert.ok(drawn.every((c) => (c.planMade as string) >= "2026-01-15" && (c.planMade as string) <= "2026-03-15"));
    assert.equal(drawn.length, candidates.filter((c) => c.planMade && c.planMade >= "2026-01-15" && c.planMade <= "2026-03-15").length);
  });

  test("one per caseworker: each caseworker with a new plan once", () => {
    const drawn = drawSample(candidates, { method: "perCaseworker", size: 100, seed: 9, from: "2026-01-01", to: "2026-12-31" });
    assert.deepEqual(drawn.map((c) => c.caseworkerId).sort(), ["cw-0", "cw-1", "cw-2", "cw-3"]);
    assert.equal(drawSample(candidates, { method: "perCaseworker", size: 2, seed: 9, from: "2026-01-01", to: "2026-12-31" }).length, 2);
  });

  test("the generator is spread evenly enough to sample with", () => {
    const random = seededRandom(7);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const b = Math.floor(random() * 4);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    for (const b of buckets) assert.ok(b > 900 && b < 1100, String(buckets));
  });
});

describe("figures", () => {
  test("a share reads as a percentage with its counts", () => {
    assert.equal(share(36, 50).text, "72% (36 of 50)");
    assert.equal(share(2, 3).percent, 67);
    assert.equal(share(0, 0).text, "No figures yet");
    assert.equal(share(0, 0).percent, null);
  });

  test("small numbers are withheld: four answers are not shown, five are", () => {
    assert.equal(SMALL_NUMBER, 5);
    assert.equal(suppressSmall(4, "x").suppressed, true);
    assert.equal(suppressSmall(0, "x").suppressed, true);
    assert.deepEqual(suppressSmall(5, "x"), { suppressed: false, value: "x" });
  });

  test("quarters and shares by group", () => {
    assert.equal(quarterOf("2026-03-31"), "2026-Q1");
    assert.equal(quarterOf("2026-04-01"), "2026-Q2");
    assert.equal(quarterOf("2026-12-01"), "2026-Q4");
    const rows = shareBy(
      [
        { q: "b", good: true },
        { q: "a", good: false },
        { q: "a", good: true },
      ],
      (i) => i.q,
      (i) => i.good,
    );
    assert.deepEqual(
      rows.map((r) => [r.key, r.text]),
      [
        ["a", "50% (1 of 2)"],
        ["b", "100% (1 of 1)"],
      ],
    );
  });
});

describe("the audit framework as text", () => {
  test("the default framework reads back as itself", () => {
    assert.deepEqual(frameworkFromText(frameworkToText(DEFAULT_FRAMEWORK)), DEFAULT_FRAMEWORK);
    assert.equal(DEFAULT_FRAMEWORK.sections[1]?.criteria[1]?.id, "2.2");
  });

  test("grades best first; the top ones count as good or better", () => {
    const f = frameworkFromText({
      name: "Ours",
      sections: "# A\nOne\nTwo\n# B\nThree",
      grades: "Strong\nAdequate\nWeak",
      goodOrBetter: "1",
    }) as Framework;
    assert.deepEqual(
      f.grades.map((g) => [g.code, g.goodOrBetter]),
      [
        ["strong", true],
        ["adequate", false],
        ["weak", false],
      ],
    );
    assert.deepEqual(
      f.sections.flatMap((s) => s.criteria.map((c) => c.id)),
      ["1.1", "1.2", "2.1"],
    );
  });

  test("what is wrong is said, with the line", () => {
    const problems = frameworkFromText({ name: "", sections: "A criterion before any section\n# Empty", grades: "Only one", goodOrBetter: "3" });
    assert.ok(Array.isArray(problems));
    const messages = (problems as { field: string; message: string }[]).map((p) => `${p.field}: ${p.message}`);
    assert.ok(messages.some((m) => m.startsWith("name:")));
    assert.ok(messages.some((m) => m.includes("Line 1")));
    assert.ok(messages.some((m) => m.includes('"Empty" has no criteria')));
    assert.ok(messages.some((m) => m.startsWith("grades:")));
    assert.ok(messages.some((m) => m.startsWith("goodOrBetter:")));
    assert.ok(Array.isArray(frameworkFromText({ name: "x", sections: "# A\nb", grades: "Good\nGood", goodOrBetter: "1" })));
  });
});
