import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FOUR_STATE } from "./schemes.ts";
import { inPlanAsAt, isSelfOrDescendant, moveAmongSiblings, nestUnder, readingOrder, sectionAsAt, statusesDropped } from "./structure.ts";

describe("a plan's shape over time", () => {
  test("an action is in the plan from the day it joined until the day before its retirement", () => {
    const action = { added_on: "2026-01-10", retired_on: "2026-03-01" };
    assert.equal(inPlanAsAt(action, "2026-01-09"), false);
    assert.equal(inPlanAsAt(action, "2026-01-10"), true);
    assert.equal(inPlanAsAt(action, "2026-02-28"), true);
    assert.equal(inPlanAsAt(action, "2026-03-01"), false);
    assert.equal(inPlanAsAt({ added_on: "2026-01-10", retired_on: null }, "2030-01-01"), true);
  });

  test("a moved action is in its old section before the move and its new one from the day of it", () => {
    const moves = [
      { fromSectionId: "a", toSectionId: "b", movedOn: "2026-02-01" },
      { fromSectionId: "b", toSectionId: "c", movedOn: "2026-04-01" },
    ];
    assert.equal(sectionAsAt("c", moves, "2026-01-31"), "a");
    assert.equal(sectionAsAt("c", moves, "2026-02-01"), "b");
    assert.equal(sectionAsAt("c", moves, "2026-03-31"), "b");
    assert.equal(sectionAsAt("c", moves, "2026-04-01"), "c");
    assert.equal(sectionAsAt("x", [], "2026-01-01"), "x");
  });

  const tree = [
    { id: "1", parentId: null, position: 0 },
    { id: "1.1", parentId: "1", position: 1 },
    { id: "1.2", parentId: "1", position: 2 },
    { id: "2", parentId: null, position: 3 },
  ];

  test("sections read parent first, then children, siblings by position", () => {
    const shuffled = [tree[3], tree[2], tree[0], tree[1]] as typeof tree;
    assert.deepEqual(
      readingOrder(shuffled).map((s) => s.id),
      ["1", "1.1", "1.2", "2"],
    );
  });

  test("moving a section up takes its children with it; the first cannot move up", () => {
    const moved = moveAmongSiblings(tree, "2", "up");
    assert.deepEqual(
      moved?.map((s) => `${s.id}@${s.position}`),
      ["2@0", "1@1", "1.1@2", "1.2@3"],
    );
    assert.equal(moveAmongSiblings(tree, "1", "up"), undefined);
    assert.equal(moveAmongSiblings(tree, "1.2", "down"), undefined);
    assert.deepEqual(
      moveAmongSiblings(tree, "1.1", "down")?.map((s) => s.id),
      ["1", "1.2", "1.1", "2"],
    );
  });

  test("nesting puts a section last under its new parent; a section cannot go under itself or its children", () => {
    assert.deepEqual(
      nestUnder(tree, "2", "1").map((s) => `${s.id}<${s.parentId ?? "top"}`),
      ["1<top", "1.1<1", "1.2<1", "2<1"],
    );
    assert.deepEqual(
      nestUnder(tree, "1.1", null).map((s) => s.id),
      ["1", "1.2", "2", "1.1"],
    );
    assert.equal(isSelfOrDescendant(tree, "1", "1.2"), true);
    assert.equal(isSelfOrDescendant(tree, "1", "1"), true);
    assert.equal(isSelfOrDescendant(tree, "1.2", "1"), false);
  });

  test("a scheme cannot drop a status the history uses", () => {
    assert.deepEqual(statusesDropped(FOUR_STATE, ["completed", "on-track"]), []);
    assert.deepEqual(statusesDropped(FOUR_STATE, ["amber", "completed", "amber", "red"]), ["amber", "red"]);
  });
});
