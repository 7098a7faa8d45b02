// The embedded database's folder is guarded by a lock file: a second process is refused clearly,
// and a lock left by a crashed process (even one with the same pid) is taken over.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { projectRoot } from "./assets.ts";
import { LOCK_FILE, processStartTime, readHolder, takeLock } from "./data-lock.ts";
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

describe("a lock left behind is recognised as stale", () => {
  const freshFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), "so-stale-"));
  const lockOf = (dataDir: string) => path.join(dataDir, LOCK_FILE);
  const bootId = () => fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();

  // The lock alone (opening PGlite costs seconds); the first test opens the database itself.
  async function opensAndTakesTheLock(dataDir: string) {
    const release = takeLock(dataDir);
    try {
      assert.equal(readHolder(lockOf(dataDir))?.pid, process.pid);
      assert.throws(() => takeLock(dataDir), /in use by another SEND Oversight process/, "held in this process: refused");
    } finally {
      release();
    }
    assert.equal(fs.existsSync(lockOf(dataDir)), false, "the lock is removed on release");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  test("a lock naming this process's own pid, from an earlier life (a container's pid 1 after a crash)", async () => {
    const dataDir = freshFolder();
    fs.writeFileSync(lockOf(dataDir), String(process.pid));
    const database = await openDatabase({ kind: "pglite", dataDir });
    await database.close();
    assert.equal(fs.existsSync(lockOf(dataDir)), false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("the same pid with our own start time but written before this process took it", async () => {
    const dataDir = freshFolder();
    const holder = { pid: process.pid, startTime: processStartTime(process.pid), bootId: bootId(), token: "earlier" };
    fs.writeFileSync(lockOf(dataDir), JSON.stringify(holder));
    await opensAndTakesTheLock(dataDir);
  });

  test("a live pid that now belongs to another process (its start time differs), or was from before a reboot", async () => {
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      const pid = other.pid as number;
      const startTime = processStartTime(pid);
      assert.ok(startTime);
      // The real holder, alive: refused.
      const held = freshFolder();
      fs.writeFileSync(lockOf(held), JSON.stringify({ pid, startTime, bootId: bootId(), token: "t" }));
      assert.throws(() => takeLock(held), /in use by another SEND Oversight process \(pid \d+\)/);
      fs.rmSync(held, { recursive: true, force: true });
      // The same pid, but the process that wrote the lock started at another time.
      const reused = freshFolder();
      fs.writeFileSync(lockOf(reused), JSON.stringify({ pid, startTime: "1", bootId: bootId(), token: "t" }));
      await opensAndTakesTheLock(reused);
      // The same pid and start time, but on an earlier boot.
      const rebooted = freshFolder();
      fs.writeFileSync(lockOf(rebooted), JSON.stringify({ pid, startTime, bootId: "00000000-0000-0000-0000-000000000000", token: "t" }));
      await opensAndTakesTheLock(rebooted);
    } finally {
      other.kill();
    }
  });

  test("a lock file that cannot be read names no holder", async () => {
    const dataDir = freshFolder();
    fs.writeFileSync(lockOf(dataDir), "{not json");
    await opensAndTakesTheLock(dataDir);
  });
});
