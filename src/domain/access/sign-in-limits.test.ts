import assert from "node:assert/strict";
import { test } from "node:test";
import { waitAfterConsecutiveFailures, waitInWords } from "./sign-in-limits.ts";

test("the first four mistakes cost nothing; then the wait doubles from 30 seconds to at most 15 minutes", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50].map(waitAfterConsecutiveFailures), [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
});

test("waits are said in words, rounded up", () => {
  assert.equal(waitInWords(29_100), "30 seconds");
  assert.equal(waitInWords(1), "1 second");
  assert.equal(waitInWords(60_000), "1 minute");
  assert.equal(waitInWords(61_000), "2 minutes");
  assert.equal(waitInWords(15 * 60_000), "15 minutes");
});
