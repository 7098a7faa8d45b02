import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { isSequential, passwordProblem } from "./password-policy.ts";

describe("the password policy (issue 12)", () => {
  test("fifteen a's, a run of digits and keyboard runs are refused, saying what to do", () => {
    for (const bad of ["aaaaaaaaaaaaaaa", "123456789012", "abcdefghijklm", "qwertyuiopas", "0987654321098", "abababababab", "passwordpassword"]) {
      const problem = passwordProblem(bad);
      assert.ok(problem, `${bad} was accepted`);
      assert.match(problem, /Try 3 random words/);
    }
  });

  test("shorter than 12 is refused with the length", () => {
    assert.match(passwordProblem("short pass") ?? "", /at least 12 characters/);
    assert.equal(passwordProblem("x".repeat(1001)), "Password must be 1,000 characters or fewer");
  });

  test("common passwords, also with digits or symbols added or spaced out, are refused", () => {
    for (const bad of ["password1234", "Password2026!", "Liverpool1234", "iloveyou12345", "monkeymonkey1", "1q2w3e4r5t6y", "Sunshine 2026"]) {
      assert.match(passwordProblem(bad) ?? "", /most common passwords|run of letters|repeated/, bad);
    }
    assert.ok(COMMON_PASSWORDS.length > 300);
  });

  test("the person's own name or email is refused", () => {
    assert.match(passwordProblem("samanthajones1", { email: "samanthajones@council.example" }) ?? "", /your name or email/);
  });

  test("ordinary long passwords pass", () => {
    for (const good of ["kettle orbit marmalade", "demo-password-2026", "a long password for otherton", "Tr0mbone-Lantern-Quay"]) {
      assert.equal(passwordProblem(good), undefined, good);
    }
    assert.equal(isSequential("correct horse"), false);
  });
});
