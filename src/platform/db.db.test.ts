// The embedded database's folder is guarded by a lock file: a second process is refused clearly.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { projectRoot } from "./assets.ts";
import { DatabaseLockedError, openDatabase } from "./db.ts";

test("a second process on the same data folder is refused with a clear message, and the first is unharmed", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "so-lock-"));
  const first = await openDatabase({ kind: "pglite", dataDir });
  try {
    await first.ownerPool().query("create table kept (n int); insert into kept values (42)");
    const second = spawnSync(process.execPath, [path.join(projectRoot, "bin/send-oversight.js"), "migrate"], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
    });
    assert.equal(second.status, 2);
    assert.match(second.stderr, /in use by another SEND Oversight process/);
    assert.doesNotMatch(second.stderr, /\n\s+at /);
    await assert.rejects(openDatabase({ kind: "pglite", dataDir }), DatabaseLockedError);
    const { rows } = await first.ownerPool().query("select n from kept");
    assert.deepEqual(rows, [{ n: 42 }]);
  } finally {
    await first.close();
  }
  // Once the first has stopped, the folder can be opened again.
  const again = await openDatabase({ kind: "pglite", dataDir });
  await again.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
