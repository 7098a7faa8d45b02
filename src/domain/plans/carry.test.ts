// Status maps for carrying actions into a plan with another scheme (issue 11).
import assert from "node:assert/strict";
import { test } from "node:test";
import { carriedStatus, checkStatusMap, sameStatuses, suggestStatus } from "./carry.ts";
import { FIVE_LEVEL, FOUR_STATE, NOT_YET_RATED, RAG_BLUE, statusOf } from "./schemes.ts";
import type { StatusScheme } from "./types.ts";

const status = (scheme: StatusScheme, code: string) => {
  const found = statusOf(scheme, code);
  assert.ok(found, code);
  return found;
};

test("a scheme is the same as itself; RAG + Blue's green (on track) is not five-level's green (complete)", () => {
  assert.equal(sameStatuses(FIVE_LEVEL, FIVE_LEVEL), true);
  assert.equal(sameStatuses(RAG_BLUE, FIVE_LEVEL), false);
  assert.equal(suggestStatus(status(RAG_BLUE, "green"), FIVE_LEVEL)?.code, "light-green");
  assert.equal(suggestStatus(status(FIVE_LEVEL, "completed"), FOUR_STATE)?.code, "completed");
  assert.equal(suggestStatus(status(FIVE_LEVEL, "red"), FOUR_STATE)?.code, "limited-progress");
});

test("every status used needs a status of the other scheme; not yet rated needs nothing", () => {
  const used = ["red", "amber", NOT_YET_RATED, "red"];
  assert.deepEqual(
    checkStatusMap(FIVE_LEVEL, FOUR_STATE, used, undefined).map((p) => p.code),
    ["red", "amber"],
  );
  const forged = checkStatusMap(FIVE_LEVEL, FOUR_STATE, used, { red: "limited-progress", amber: "amber" });
  assert.equal(forged.length, 1);
  assert.match(forged[0]?.message ?? "", /'amber' is not a status of the Four-state/);
  assert.deepEqual(checkStatusMap(FIVE_LEVEL, FOUR_STATE, used, { red: "limited-progress", amber: "on-track" }), []);
  assert.equal(carriedStatus("amber", { amber: "on-track" }), "on-track");
  assert.equal(carriedStatus(NOT_YET_RATED, { [NOT_YET_RATED]: "on-track" }), NOT_YET_RATED);
});
