// Runs the real command line (`node bin/send-oversight.js deadlines`) as a child process: every
// worked example of src/domain/statutory/examples, and bad input.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runDeadlinesCommand } from "./deadlines.command.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const vectorsPath = path.resolve(repoRoot, "src/domain/statutory/examples/statutory-examples.json");

interface Vector {
  id: string;
  input: unknown;
  expect: Record<string, unknown>[];
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(stdin: string, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/send-oversight.js", "deadlines", ...args], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const vectors = (JSON.parse(readFileSync(vectorsPath, "utf8")) as { cases: Vector[] }).cases;

describe("every worked example of statutory-examples.json, through the command line", { concurrency: true }, () => {
  test("there are examples to run", () => assert.ok(vectors.length >= 12));

  for (const vector of vectors) {
    test(vector.id, async () => {
      const { code, stdout, stderr } = await runCli(JSON.stringify(vector.input));
      assert.equal(stderr, "");
      assert.equal(code, 0);
      assert.ok(stdout.endsWith("}\n"), "pretty JSON with a trailing newline");
      assert.ok(stdout.includes('\n  "deadlines": ['), "indented by 2 spaces");
      const output = JSON.parse(stdout) as { deadlines: Record<string, unknown>[]; warnings: unknown[] };
      assert.ok(Array.isArray(output.warnings));
      for (const expected of vector.expect) {
        // The entry for the key; rows that share a key are told apart by subject.
        const actual = output.deadlines.find((d) => d.key === expected.key && d.subject === expected.subject);
        assert.ok(actual, `${String(expected.key)} is in the output`);
        for (const [field, value] of Object.entries(expected)) assert.deepEqual(actual[field], value, `${String(expected.key)}.${field}`);
      }
    });
  }
});

describe("issue 19's two cases through the command line (STATUTORY.md §4, 2026-12)", { concurrency: true }, () => {
  const deadlinesOf = async (input: unknown) => {
    const { code, stdout, stderr } = await runCli(JSON.stringify(input));
    assert.equal(stderr, "");
    assert.equal(code, 0);
    return JSON.parse(stdout) as { deadlines: { key: string; subject?: string; due: string; status: string }[]; warnings: string[] };
  };

  test("a decision notified before the as-of date meets review.decisionBy although a later amendment notice is given", async () => {
    const output = await deadlinesOf({
      asOf: "2026-06-16",
      events: { planMade: "2025-06-02", reviewMeeting: "2026-05-26", reviewDecisionNotified: "2026-06-15", amendmentNoticeSent: "2026-06-23" },
    });
    const decision = output.deadlines.find((d) => d.key === "review.decisionBy");
    assert.deepEqual([decision?.due, decision?.status], ["2026-06-23", "met on time"]);
    assert.ok(output.warnings.some((w) => w.startsWith("events.amendmentNoticeSent (2026-06-23) is after the as-of date")));
  });

  test("after a transfer in there is no overdue review.due; transfer.reviewBy governs", async () => {
    const output = await deadlinesOf({ asOf: "2026-05-02", events: { planMade: "2025-01-18", transferredIn: "2026-03-19" } });
    assert.deepEqual(
      output.deadlines.filter((d) => d.key === "review.due"),
      [],
    );
    const reviewBy = output.deadlines.find((d) => d.key === "transfer.reviewBy");
    assert.deepEqual([reviewBy?.due, reviewBy?.status], ["2026-06-18", "not yet due"]);
  });
});

describe("bad input through the command line", { concurrency: true }, () => {
  const cases: [string, string, string[]][] = [
    ["an impossible date", '{"events": {"requestReceived": "2026-02-30"}}', ["events.requestReceived", "2026-02-30 is not a real date"]],
    [
      "a review meeting before the plan",
      '{"events": {"planMade": "2025-03-10", "reviewMeeting": "2025-01-10"}}',
      ["events.reviewMeeting", "before events.planMade"],
    ],
    ["an unknown event name", '{"events": {"requestRecieved": "2026-01-05"}}', ["events.requestRecieved", "not a recognised event"]],
    ["malformed JSON", '{"events": {"requestReceived": "2026-01-05"', ["input", "not valid JSON"]],
    ["empty input", "", ["input", "no input was given"]],
    ["a list instead of an object", "[]", ["input", "must be a JSON object"]],
  ];
  for (const [what, stdin, fragments] of cases) {
    test(what, async () => {
      const { code, stdout, stderr } = await runCli(stdin);
      assert.notEqual(code, 0);
      assert.equal(stdout, "");
      assert.match(stderr, new RegExp(`^send-oversight deadlines: ${(fragments[0] ?? "").replace(/[.[\]]/g, "\\$&")}[ :]`), stderr);
      for (const fragment of fragments) assert.ok(stderr.includes(fragment), `"${stderr}" mentions "${fragment}"`);
      assert.ok(!stderr.includes("    at "), "no stack trace");
    });
  }

  test("--help prints the usage", async () => {
    const { code, stdout } = await runCli("", ["--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: send-oversight deadlines/);
  });
});

describe("runDeadlinesCommand in process", () => {
  function io(stdin: string) {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { stdin: async () => stdin, stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), today: () => "2026-04-01" },
    };
  }

  test("asOf defaults to io.today()", async () => {
    const { io: streams, out } = io('{"events": {"requestReceived": "2026-03-02"}}');
    assert.equal(await runDeadlinesCommand([], streams), 0);
    const output = JSON.parse(out.join("")) as { deadlines: { key: string; status: string }[] };
    assert.equal(output.deadlines.find((d) => d.key === "assessment.decision")?.status, "due soon");
  });

  test("--due-soon-days changes what is due soon", async () => {
    const { io: streams, out } = io('{"asOf": "2026-03-02", "events": {"requestReceived": "2026-03-02"}}');
    assert.equal(await runDeadlinesCommand(["--due-soon-days", "42"], streams), 0);
    assert.match(out.join(""), /"status": "due soon"/);
  });

  test("a bad option is a usage error", async () => {
    const { io: streams, err } = io("{}");
    assert.equal(await runDeadlinesCommand(["--nope"], streams), 2);
    assert.match(err.join(""), /^send-oversight deadlines: --nope: is not an option/);
    const second = io("{}");
    assert.equal(await runDeadlinesCommand(["--due-soon-days=soon"], second.io), 2);
  });

  test("a failure reading standard input is reported without a stack", async () => {
    const { io: streams, err } = io("");
    streams.stdin = async () => {
      throw new Error("stdin closed");
    };
    assert.equal(await runDeadlinesCommand([], streams), 1);
    assert.match(err.join(""), /stdin closed/);
    assert.ok(!err.join("").includes("    at "));
  });
});
