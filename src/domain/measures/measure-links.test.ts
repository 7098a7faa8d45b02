// The proposed rating from a bound measure's trajectory, worked out on paper, and whether it
// supports the lead's rating.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { StatusDefinition } from "../plans/types.ts";
import { assessLink, type MeasureLink } from "./measure-links.ts";
import { REGISTRY } from "./registry.ts";

const status = (colour: StatusDefinition["colour"], label: string): StatusDefinition => ({
  code: label.toLowerCase(),
  label,
  colour,
  definition: "",
  rank: 1,
  complete: false,
  cancelled: false,
  unrated: false,
});
const green = status("green", "Green");
const amber = status("amber", "Amber");
const red = status("red", "Red");

// 40% on 1 April 2026 rising to 60% by 31 March 2027: 364 days, so on 30 September 2026 (182 days
// in) the line is at 50%.
const link: MeasureLink = {
  measure: REGISTRY.within20WeeksInclExceptions,
  baseline: { value: 40, date: "2026-04-01" },
  target: { value: 60, date: "2027-03-31" },
};

describe("a bound measure's proposed rating", () => {
  test("the milestone line runs straight from the baseline to the target", () => {
    assert.equal(assessLink(link, 50, "2026-09-30").expected, 50);
    assert.equal(assessLink(link, 50, "2026-04-01").expected, 40);
    assert.equal(assessLink(link, 50, "2027-06-01").expected, 60);
  });

  test("on the line on track; within 5 points at risk; further off track; at the target met", () => {
    assert.equal(assessLink(link, 50, "2026-09-30").proposed, "on track");
    assert.equal(assessLink(link, 45, "2026-09-30").proposed, "at risk");
    assert.equal(assessLink(link, 44.9, "2026-09-30").proposed, "off track");
    assert.equal(assessLink(link, 60, "2026-09-30").proposed, "met");
    assert.equal(assessLink(link, null, "2026-09-30").proposed, null);
  });

  test("a measure where lower is better: refusals falling from 30% to 20%", () => {
    const refusals: MeasureLink = {
      measure: REGISTRY.refusalRate,
      baseline: { value: 30, date: "2026-04-01" },
      target: { value: 20, date: "2027-03-31" },
    };
    assert.equal(assessLink(refusals, 25, "2026-09-30").proposed, "on track");
    assert.equal(assessLink(refusals, 29, "2026-09-30").proposed, "at risk");
    assert.equal(assessLink(refusals, 31, "2026-09-30").proposed, "off track");
  });

  test("green is not supported by a figure off track; amber is by at risk; red always", () => {
    const off = assessLink(link, 41, "2026-09-30", green);
    assert.equal(off.supportsRating, false);
    assert.equal(
      off.sentence,
      "Rated green, but the measure is 41% against a target of 60% by 31 March 2027 (the milestone line is 50% on 30 September 2026): the figure suggests off track.",
    );
    assert.equal(assessLink(link, 46, "2026-09-30", amber).supportsRating, true);
    assert.equal(assessLink(link, 46, "2026-09-30", green).supportsRating, false);
    assert.equal(assessLink(link, 41, "2026-09-30", red).supportsRating, true);
    assert.equal(assessLink(link, 52, "2026-09-30", green).supportsRating, true);
  });
});
