// PGlite has one connection and no lock of its own: a second process on the same folder would
// corrupt it, so the folder is guarded by a lock file naming its holder. A holder is only believed
// while it is the same process that wrote the file: a crash leaves the file behind, and in a
// container the next start has the same pid (1), so the pid alone would keep it locked for ever.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DatabaseLockedError } from "./errors.ts";

export const LOCK_FILE = "send-oversight.lock";

/** Who holds the folder: the pid, and what tells that pid's process from a later one with the same pid. */
export interface LockHolder {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), when known. */
  startTime: string | null;
  /** /proc/sys/kernel/random/boot_id: a pid from before a reboot is someone else now. */
  bootId: string | null;
  token: string;
}

// Folders this process holds: opening one again in this process is refused like a second process.
const heldHere = new Set<string>();

export function takeLock(dataDir: string): () => void {
  const lockPath = path.resolve(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, startTime: processStartTime(process.pid), bootId: bootId(), token: randomUUID() };
  const write = () => fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
  try {
    write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = readHolder(lockPath);
    if (holder && holderIsAlive(holder, lockPath)) {
      throw new DatabaseLockedError(
        `The data folder ${dataDir} is in use by another SEND Oversight process (pid ${holder.pid}). ` +
          "Stop that process first, or set DATA_DIR to another folder.",
      );
    }
    // Left by a process that has gone (or by an earlier life of this pid): take it over.
    fs.rmSync(lockPath, { force: true });
    write();
  }
  heldHere.add(lockPath);
  return () => {
    heldHere.delete(lockPath);
    try {
      if (readHolder(lockPath)?.token === mine.token) fs.rmSync(lockPath);
    } catch {
      // Already gone.
    }
  };
}

/** The holder named in a lock file; a bare pid is the format before holders were recorded. */
export function readHolder(lockPath: string): LockHolder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, "utf8").trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), startTime: null, bootId: null, token: "" };
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid as number) <= 0) return undefined;
    return { pid: parsed.pid as number, startTime: parsed.startTime ?? null, bootId: parsed.bootId ?? null, token: parsed.token ?? "" };
  } catch {
    return undefined; // Unreadable: nobody can be shown to hold it.
  }
}

function holderIsAlive(holder: LockHolder, lockPath: string): boolean {
  // This process's own pid: it holds the folder only if it took the lock in this life.
  if (holder.pid === process.pid) return heldHere.has(lockPath);
  if (!isRunning(holder.pid)) return false;
  const currentBoot = bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return false;
  const started = processStartTime(holder.pid);
  if (holder.startTime && started && holder.startTime !== started) return false;
  return true;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/<pid>/stat; null where there is no /proc (macOS, Windows). */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}
