// A real ClamAV daemon for tests (Debian's clamav-daemon), started on a signature database made
// here: Debian ships no signatures and freshclam needs the internet, so one local signature matches
// the EICAR test string (an NDB body signature, as ClamAV's signature documentation describes). Like Chromium, it is required:
// a machine without clamd fails the test with what to install, rather than skipping it.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The EICAR test file, put together at run time so no scanner quarantines this source file. */
export function eicar(): Buffer {
  return Buffer.from(["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join(""), "latin1");
}

const CLAMD = process.env.CLAMD_PATH ?? "/usr/sbin/clamd";

export interface TestClamd {
  socketPath: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startClamd(): Promise<TestClamd> {
  if (!fs.existsSync(CLAMD))
    throw new Error(
      `These tests need ClamAV's daemon at ${CLAMD}: install it with "apt-get install --no-install-recommends clamav clamav-daemon clamdscan clamav-testfiles" (or set CLAMD_PATH).`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "send-oversight-clamd-"));
  fs.mkdirSync(path.join(dir, "db"));
  // NDB: Name:TargetType:Offset:HexSignature; "*" matches the string anywhere in the file.
  const hex = Buffer.from("EICAR-STANDARD-ANTIVIRUS-TEST-FILE").toString("hex");
  fs.writeFileSync(path.join(dir, "db", "local.ndb"), `Local.Test.EICAR-NDB:0:*:${hex}\n`);
  const socketPath = path.join(dir, "clamd.sock");
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, "clamd.conf"),
    [
      "Foreground yes",
      `DatabaseDirectory ${path.join(dir, "db")}`,
      `LocalSocket ${socketPath}`,
      `TCPSocket ${port}`,
      "TCPAddr 127.0.0.1",
      "StreamMaxLength 25M",
      "MaxFileSize 25M",
      // A file over the limits is reported, never passed as clean.
      "AlertExceedsMax yes",
      `LogFile ${path.join(dir, "clamd.log")}`,
      ...(process.getuid?.() === 0 ? ["User root"] : []),
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(CLAMD, ["-c", path.join(dir, "clamd.conf")], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = async () =>
    new Promise<boolean>((resolve) => {
      const socket = net.createConnection(socketPath);
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.on("error", () => resolve(false));
      socket.on("connect", () => socket.write("zPING\0"));
      socket.on("data", (d) => {
        socket.destroy();
        resolve(d.toString().startsWith("PONG"));
      });
    });
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    if (await ready()) {
      return {
        socketPath,
        host: "127.0.0.1",
        port,
        async stop() {
          if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGTERM");
          await exited;
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = fs.existsSync(path.join(dir, "clamd.log")) ? fs.readFileSync(path.join(dir, "clamd.log"), "utf8").slice(-2000) : "";
  if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  throw new Error(`clamd did not start within 15 s. Its log:\n${log}`);
}
