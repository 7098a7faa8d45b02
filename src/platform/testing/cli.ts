// The command line run in-process for tests, on an embedded database in a folder of its own that
// is removed when the test file ends; what it prints is captured.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import { type CommandIO, main } from "../../cli.ts";

export function cliRunner(options: { today: string; name: string }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `so-${options.name}-`));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const run = async (args: string[], extra: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) => {
    let stdout = "";
    let stderr = "";
    const io: CommandIO = {
      stdin: async () => extra.stdin ?? "",
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      today: () => options.today,
      env: { DATA_DIR: path.join(dataDir, "data"), ...extra.env },
    };
    return { code: await main(args, io), stdout, stderr };
  };
  return { run, dataDir };
}
