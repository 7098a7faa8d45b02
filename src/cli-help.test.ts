// Every command of the CLI's own list answers --help: usage, options, an example, exit 0, and
// without opening the database. Generated from COMMANDS, so a new command is checked too.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { COMMAND_GROUPS, COMMANDS, subcommandsOf } from "./cli-help.ts";
import { projectRoot } from "./platform/assets.ts";
import { cliRunner } from "./platform/testing/cli.ts";

const { run, dataDir } = cliRunner({ today: "2026-11-24", name: "cli-help" });

describe("every command answers --help", () => {
  for (const command of COMMANDS) {
    for (const flag of ["--help", "-h"]) {
      test(`${command.name} ${flag}`, async () => {
        const { code, stdout, stderr } = await run([...command.name.split(" "), flag]);
        assert.equal(code, 0, stderr);
        assert.equal(stderr, "");
        assert.ok(stdout.startsWith(`Usage: send-oversight ${command.name} `), stdout.split("\n")[0]);
        assert.match(stdout, /\nOptions:\n/);
        assert.match(stdout, /\nExamples?:\n {2}(echo .*\| )?(printf .*\| )?(\w+=\S+ )?npx send-oversight /);
        assert.ok(stdout.includes(`send-oversight ${command.name}`));
        for (const [option] of command.options) assert.ok(stdout.includes(option), `${command.name} --help names ${option}`);
      });
    }
  }

  test("--help after the arguments, as people type it, also answers", async () => {
    const { code, stdout } = await run(["plans", "report", "southend-peer-review-2022", "--kind", "progress", "--help"]);
    assert.equal(code, 0);
    assert.ok(stdout.startsWith("Usage: send-oversight plans report "));
  });

  for (const group of COMMAND_GROUPS.filter((g) => subcommandsOf(g).length > 0)) {
    test(`${group} --help lists its commands`, async () => {
      const { code, stdout } = await run([group, "--help"]);
      assert.equal(code, 0);
      assert.ok(stdout.startsWith(`Usage: send-oversight ${group} <${subcommandsOf(group).join("|")}>`));
      for (const sub of subcommandsOf(group)) assert.ok(stdout.includes(`${group} ${sub}`));
      assert.match(stdout, /\nExample:\n {2}.*npx send-oversight /);
    });
  }

  test("the overall help lists every command", async () => {
    for (const args of [["--help"], ["-h"], ["help"], []]) {
      const { code, stdout } = await run(args);
      assert.equal(code, 0);
      assert.ok(stdout.startsWith("Usage: send-oversight <command> [options]"));
      for (const command of COMMANDS) assert.ok(stdout.includes(`  ${command.name} `), `${args.join(" ")} lists ${command.name}`);
    }
  });

  test("an unknown command with --help is named, exit 2", async () => {
    const { code, stderr } = await run(["councls", "--help"]);
    assert.equal(code, 2);
    assert.match(stderr, /unknown command "councls"/);
  });

  test("a group without a known subcommand names the subcommands of the list", async () => {
    for (const group of COMMAND_GROUPS.filter((g) => subcommandsOf(g).length > 0)) {
      const { code, stderr } = await run([group, "frobnicate"]);
      assert.equal(code, 2);
      assert.equal(
        stderr,
        `send-oversight: ${group} takes the subcommand ${subcommandsOf(group)
          .map((s) => `"${s}"`)
          .join(" or ")}. Run "send-oversight ${group} --help".\n`,
      );
    }
  });

  test("help never opens the database", () => {
    assert.equal(fs.existsSync(path.join(dataDir, "data")), false);
  });

  test("the installed command answers a nested --help (bin/send-oversight.js)", () => {
    const result = spawnSync(process.execPath, ["bin/send-oversight.js", "users", "create", "--help"], { cwd: projectRoot, encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.startsWith("Usage: send-oversight users create "));
  });
});
