import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  BUILT_IN_SCHEMES,
  FIVE_LEVEL,
  FOUR_STATE,
  findScheme,
  phraseOf,
  RAG_BLUE,
  schemeShortName,
  statusOf,
  validateCustomScheme,
} from "./schemes.ts";

describe("built-in schemes", () => {
  const rows: [string, string[], (string | null)[], string[]][] = [
    // [scheme code, status codes in key order, complete codes..., on-track codes]
    ["four-state", ["completed", "on-track", "dates-tbc", "limited-progress"], ["completed"], ["on-track"]],
    ["five-level", ["red", "amber", "light-green", "green", "completed"], ["green", "completed"], ["light-green"]],
    ["rag-blue", ["red", "amber", "green", "blue"], ["blue"], ["green"]],
  ];
  for (const [code, statusCodes, complete, onTrack] of rows) {
    test(`${code}: statuses in key order, with complete and on-track flags`, () => {
      const scheme = findScheme(code);
      assert.ok(scheme);
      assert.deepEqual(
        scheme.statuses.map((s) => s.code),
        statusCodes,
      );
      assert.deepEqual(
        scheme.statuses.filter((s) => s.complete).map((s) => s.code),
        complete,
      );
      assert.deepEqual(
        scheme.statuses.filter((s) => s.onTrack).map((s) => s.code),
        onTrack,
      );
    });
  }

  for (const scheme of BUILT_IN_SCHEMES) {
    test(`${scheme.code} obeys the rules a custom scheme must (words, unique codes, complete ranks highest)`, () => {
      const result = validateCustomScheme({ ...scheme, code: `copy-of-${scheme.code}` });
      assert.equal(result.ok, true, JSON.stringify(result));
      for (const status of scheme.statuses) {
        assert.ok(status.definition.length > 20, `${status.code} has a written definition`);
        assert.ok(phraseOf(status).length > 0);
      }
    });
    test(`${scheme.code} cannot be changed by accident`, () => {
      assert.throws(() => {
        (scheme.statuses as unknown as { code: string }[]).push({ code: "x" });
      }, TypeError);
    });
  }

  test("Southend's key wording and the committee paper's phrases", () => {
    const completed = statusOf(FOUR_STATE, "completed");
    assert.equal(completed?.label, "Completed / implemented in full");
    assert.equal(completed?.colour, "blue");
    assert.match(completed?.definition ?? "", /implemented in full by the deadline/);
    assert.match(statusOf(FOUR_STATE, "on-track")?.definition ?? "", /on track to be met by the agreed deadline/);
    assert.match(statusOf(FOUR_STATE, "limited-progress")?.definition ?? "", /not likely to be met by the deadline/);
    const tbc = statusOf(FOUR_STATE, "dates-tbc");
    assert.equal(tbc?.unrated, true);
    assert.equal(tbc?.rank, null);
    assert.equal(tbc?.colour, "none");
    assert.match(tbc?.definition ?? "", /SEND green paper/);
    assert.deepEqual(
      FOUR_STATE.statuses.map((s) => s.phrase),
      ["implemented in full", "on track", "timelines to be finalised", "red"],
    );
  });

  test("Thurrock's RAG key wording", () => {
    assert.match(statusOf(FIVE_LEVEL, "red")?.definition ?? "", /^The action has not yet started or there is significant delay/);
    assert.match(statusOf(FIVE_LEVEL, "amber")?.definition ?? "", /^The action has started but there is some delay/);
    assert.match(statusOf(FIVE_LEVEL, "light-green")?.definition ?? "", /Evidence is required to show that the improvement has been embedded/);
    assert.match(
      statusOf(FIVE_LEVEL, "green")?.definition ?? "",
      /completed and there is evidence that the improvement has been embedded and sustained/,
    );
  });

  test("LGA blue means delivered", () => {
    assert.equal(statusOf(RAG_BLUE, "blue")?.phrase, "delivered");
    assert.equal(statusOf(RAG_BLUE, "blue")?.complete, true);
  });

  test("findScheme and statusOf return undefined for unknown codes", () => {
    assert.equal(findScheme("nope"), undefined);
    assert.equal(statusOf(FOUR_STATE, "nope"), undefined);
    assert.equal(statusOf(FOUR_STATE, undefined), undefined);
  });
});

describe("validateCustomScheme", () => {
  const good = () => ({
    code: "local-rag",
    name: "Local RAG",
    statuses: [
      { code: "behind", label: "Behind", colour: "red", definition: "Behind schedule.", rank: 0 },
      { code: "going", label: "Going well", colour: "green", definition: "On course.", rank: 1, onTrack: true },
      { code: "done", label: "Done", colour: "blue", definition: "Finished.", rank: 2, complete: true, phrase: "done" },
      { code: "dropped", label: "Withdrawn", colour: "grey", definition: "No longer needed.", cancelled: true, unrated: true },
    ],
  });

  test("a good scheme comes back tidied, with flags defaulted", () => {
    const result = validateCustomScheme({ ...good(), name: "  Local RAG  " });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.scheme.name, "Local RAG");
    assert.deepEqual(result.scheme.statuses[0], {
      code: "behind",
      label: "Behind",
      colour: "red",
      definition: "Behind schedule.",
      rank: 0,
      complete: false,
      cancelled: false,
      unrated: false,
      onTrack: false,
    });
    assert.equal(result.scheme.statuses[3]?.rank, null);
  });

  type Change = (s: ReturnType<typeof good>) => unknown;
  // [what, change, field, fragment of the message]
  const rows: [string, Change, string, string][] = [
    ["not an object", () => "RAG", "scheme", "as an object"],
    ["no code", (s) => ({ ...s, code: "" }), "code", "Enter a code"],
    ["a built-in code", (s) => ({ ...s, code: "four-state" }), "code", "built-in scheme"],
    ["a code with spaces", (s) => ({ ...s, code: "my scheme" }), "code", "lower-case letters"],
    ["no name", (s) => ({ ...s, name: "   " }), "name", "Enter a name"],
    ["no statuses", (s) => ({ ...s, statuses: undefined }), "statuses", "at least two"],
    ["one status", (s) => ({ ...s, statuses: s.statuses.slice(2, 3) }), "statuses", "at least two"],
    [
      "too many statuses",
      (s) => ({ ...s, statuses: Array.from({ length: 11 }, (_, i) => ({ ...s.statuses[0], code: `s${i}`, label: `S${i}`, rank: i })) }),
      "statuses",
      "at most 10",
    ],
    ["a status that is not an object", (s) => ({ ...s, statuses: [...s.statuses, 7] }), "statuses[4]", "must be an object"],
    ["an empty label", (s) => withStatus(s, 1, { label: " " }), "statuses[1].label", "Enter a label for status 2"],
    ["a repeated label", (s) => withStatus(s, 1, { label: "behind" }), "statuses[1].label", "labels must be unique"],
    ["a repeated code", (s) => withStatus(s, 1, { code: "behind" }), "statuses[1].code", "codes must be unique"],
    ["a reserved code", (s) => withStatus(s, 1, { code: "not-yet-rated" }), "statuses[1].code", "kept for summaries"],
    ["an unknown colour", (s) => withStatus(s, 0, { colour: "crimson" }), "statuses[0].colour", "Choose a colour for status 1"],
    ["no definition", (s) => withStatus(s, 0, { definition: "" }), "statuses[0].definition", "written definition"],
    ["a flag that is not true or false", (s) => withStatus(s, 0, { complete: "yes" }), "statuses[0].complete", "true or false"],
    ["complete and cancelled", (s) => withStatus(s, 2, { cancelled: true }), "statuses[2].cancelled", "both complete and cancelled"],
    ["complete and unrated", (s) => withStatus(s, 2, { unrated: true }), "statuses[2].unrated", "cannot be unrated"],
    ["cancelled but rated", (s) => withStatus(s, 3, { unrated: false, rank: 5 }), "statuses[3].unrated", "mark it unrated too"],
    ["on track and complete", (s) => withStatus(s, 2, { onTrack: true }), "statuses[2].onTrack", "on track"],
    ["a rated status without a rank", (s) => withStatus(s, 0, { rank: undefined }), "statuses[0].rank", "Give status 1 a rank"],
    ["a fractional rank", (s) => withStatus(s, 0, { rank: 0.5 }), "statuses[0].rank", "whole number"],
    ["an unrated status with a rank", (s) => withStatus(s, 3, { rank: 4 }), "statuses[3].rank", "leave its rank empty"],
    ["a repeated rank", (s) => withStatus(s, 1, { rank: 0 }), "statuses[1].rank", "ranks must be unique"],
    ["an empty phrase", (s) => withStatus(s, 2, { phrase: "" }), "statuses[2].phrase", "1 to 60 characters"],
    ["nothing complete", (s) => withStatus(s, 2, { complete: false }), "statuses", "at least one status as complete"],
    [
      "complete ranked below another",
      (s) => withStatus(withStatus(s, 2, { rank: 1 }), 1, { rank: 2 }),
      "statuses",
      "complete statuses must rank highest",
    ],
    [
      "only complete statuses rated",
      (s) => ({ ...s, statuses: [s.statuses[2], s.statuses[3]] }),
      "statuses",
      "at least one rated status that is not complete",
    ],
  ];
  for (const [what, change, fieldName, fragment] of rows) {
    test(`${what}: ${fieldName}`, () => {
      const result = validateCustomScheme(change(good()));
      assert.equal(result.ok, false);
      if (result.ok) return;
      const problem = result.problems.find((p) => p.field === fieldName);
      assert.ok(problem, `expected a problem with ${fieldName}, got ${JSON.stringify(result.problems)}`);
      assert.ok(problem.message.includes(fragment), `"${problem.message}" should include "${fragment}"`);
    });
  }

  test("never throws, whatever it is given (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateCustomScheme(input);
        assert.ok(result.ok || result.problems.length > 0);
      }),
    );
    fc.assert(
      fc.property(fc.record({ code: fc.string(), name: fc.string(), statuses: fc.array(fc.dictionary(fc.string(), fc.anything())) }), (input) => {
        const result = validateCustomScheme(input);
        assert.ok(result.ok || result.problems.every((p) => p.message.length > 0));
      }),
    );
  });
});

function withStatus<T extends { statuses: object[] }>(scheme: T, index: number, change: object): T {
  return { ...scheme, statuses: scheme.statuses.map((s, i) => (i === index ? { ...s, ...change } : s)) };
}

describe("a scheme's short name for headings (issue 20)", () => {
  test("drops the bracketed list of statuses", () => {
    assert.equal(schemeShortName(FOUR_STATE), "Four-state");
    assert.equal(schemeShortName(FIVE_LEVEL), "Five-level RAG");
  });
  test("keeps a name without brackets, and a name that is only brackets", () => {
    assert.equal(schemeShortName({ name: "Our own key" }), "Our own key");
    assert.equal(schemeShortName({ name: "(red, green)" }), "(red, green)");
  });
});
