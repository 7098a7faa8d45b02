import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_ACTIONS_PER_PLAN, planSizeProblem } from "./limits.ts";

describe("plan size limit", () => {
  it("lets a plan of up to 5,000 actions be, and names both numbers past it", () => {
    assert.equal(MAX_ACTIONS_PER_PLAN, 5_000);
    assert.equal(planSizeProblem(5_000), undefined);
    assert.equal(
      planSizeProblem(100_000),
      "This plan would have 100,000 actions; a plan can have at most 5,000. Split it into smaller plans (for example one for each priority or area), or leave finished actions out",
    );
    assert.match(planSizeProblem(5_001) ?? "", /^This plan would have 5,001 actions/);
  });
});
