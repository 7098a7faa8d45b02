import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidInput } from "./errors.ts";
import { hrefWithPage, pageOf, paginationView, pagingOf, strictPagingOf } from "./pagination.ts";

const rules = { defaultSize: 20, maxSize: 100 };

describe("pagination", () => {
  it("pages take any number and use the nearest sensible one", () => {
    assert.deepEqual(pagingOf({}, rules), { page: 1, pageSize: 20 });
    assert.deepEqual(pagingOf({ page: "3", pageSize: "100000" }, rules), { page: 3, pageSize: 100 });
    assert.deepEqual(pagingOf({ page: "-2", pageSize: "abc" }, rules), { page: 1, pageSize: 20 });
    assert.deepEqual(pagingOf({ page: ["2", "3"] }, rules), { page: 1, pageSize: 20 });
  });

  it("the API says which number is wrong", () => {
    assert.deepEqual(strictPagingOf({ page: "2", pageSize: "100" }, rules), { page: 2, pageSize: 100 });
    assert.throws(
      () => strictPagingOf({ page: "0", pageSize: "101" }, rules),
      (error: unknown) =>
        error instanceof InvalidInput &&
        JSON.stringify(error.problems) ===
          JSON.stringify([
            { field: "page", message: "page must be a whole number from 1" },
            { field: "pageSize", message: "pageSize must be a whole number from 1 to 100" },
          ]),
    );
  });

  it("slices a list and counts it", () => {
    assert.deepEqual(pageOf([1, 2, 3, 4, 5], { page: 2, pageSize: 2 }), { items: [3, 4], page: 2, pageSize: 2, total: 5 });
    assert.deepEqual(pageOf([1, 2], { page: 5, pageSize: 2 }).items, []);
  });

  it("gives the GOV.UK component first, last, neighbours and ellipses, keeping the filters", () => {
    assert.equal(
      paginationView(1, 20, 20, () => ""),
      undefined,
      "one page needs no pagination",
    );
    const view = paginationView(5, 200, 20, (n) => hrefWithPage("/plans/actions", { status: "Off track", page: "5" }, n));
    assert.deepEqual(
      view?.items.map((i) => (i.ellipsis ? "..." : `${i.number}${i.current ? "*" : ""}`)),
      ["1", "...", "4", "5*", "6", "...", "10"],
    );
    assert.deepEqual(view?.previous, { href: "/plans/actions?status=Off+track&page=4" });
    assert.deepEqual(view?.next, { href: "/plans/actions?status=Off+track&page=6" });
    assert.equal(hrefWithPage("/plans", { page: "2" }, 1), "/plans");
  });
});
