// Virus scanning of uploaded files with ClamAV's daemon (clamd), over its unix socket or TCP, with
// the INSTREAM command (clamd(8)): "zINSTREAM\0", then chunks each led by a 4-byte big-endian
// length, then a zero-length chunk; clamd answers "stream: OK", "stream: <name> FOUND" or an
// ERROR. It fails closed: no answer in time, an error or anything else is never "clean"
// (clamd's own rule: a file over its MaxFileSize is "OK" unless AlertExceedsMax is set, so set it).
// No dependency: the protocol is this small.
import net from "node:net";

export type ScanResult = { verdict: "clean"; engine: string } | { verdict: "infected"; signature: string } | { verdict: "error"; reason: string };

export interface VirusScanner {
  /** Where clamd is, in words for the logs and the README (never a secret). */
  readonly where: string;
  scan(bytes: Buffer): Promise<ScanResult>;
}

export type ClamdAddress = { socketPath: string } | { host: string; port: number };

/** clamd's chunks are at most this long (its StreamMaxLength is checked over the whole stream). */
const CHUNK = 64 * 1024;

export function clamdScanner(address: ClamdAddress, timeoutMs = 30_000): VirusScanner {
  const where = "socketPath" in address ? `clamd at ${address.socketPath}` : `clamd at ${address.host}:${address.port}`;
  const talk = (command: string, body?: Buffer) =>
    new Promise<string>((resolve) => {
      const socket = "socketPath" in address ? net.createConnection(address.socketPath) : net.createConnection(address.port, address.host);
      let answer = "";
      let settled = false;
      const finish = (text: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve(text);
      };
      socket.setTimeout(timeoutMs, () => finish(`ERROR no answer from ${where} in ${timeoutMs} ms`));
      socket.on("error", (error) => finish(`ERROR ${where}: ${error.message}`));
      socket.on("data", (chunk) => {
        answer += chunk.toString("utf8");
        // Replies to z-commands end with a NUL.
        if (answer.includes("\0")) finish(answer.slice(0, answer.indexOf("\0")).trim());
      });
      socket.on("end", () => finish(answer.replace(/\0$/, "").trim()));
      socket.on("connect", () => {
        socket.write(`z${command}\0`);
        if (!body) return;
        for (let at = 0; at < body.length; at += CHUNK) {
          const part = body.subarray(at, at + CHUNK);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(part.length);
          socket.write(length);
          socket.write(part);
        }
        socket.write(Buffer.alloc(4));
      });
    });
  return {
    where,
    async scan(bytes) {
      const answer = await talk("INSTREAM", bytes);
      const found = /^stream: (.+) FOUND$/.exec(answer);
      if (found) return { verdict: "infected", signature: found[1] as string };
      if (answer !== "stream: OK") return { verdict: "error", reason: answer || `no answer from ${where}` };
      const version = await talk("VERSION");
      return { verdict: "clean", engine: version.startsWith("ClamAV") ? version : "ClamAV" };
    },
  };
}

export class VirusScanConfigError extends Error {}

/**
 * clamd from the environment: CLAMD_SOCKET (a unix socket's path), or CLAMD_HOST with CLAMD_PORT
 * (default 3310); CLAMD_TIMEOUT_MS (default 30,000). Undefined when neither is set.
 */
export function virusScannerFromEnv(env: NodeJS.ProcessEnv = process.env): VirusScanner | undefined {
  const timeout = env.CLAMD_TIMEOUT_MS ? Number(env.CLAMD_TIMEOUT_MS) : 30_000;
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 600_000)
    throw new VirusScanConfigError(`CLAMD_TIMEOUT_MS must be a number of milliseconds from 100 to 600000; got "${env.CLAMD_TIMEOUT_MS}".`);
  if (env.CLAMD_SOCKET) return clamdScanner({ socketPath: env.CLAMD_SOCKET }, timeout);
  if (env.CLAMD_HOST) {
    const port = Number(env.CLAMD_PORT ?? 3310);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new VirusScanConfigError(`CLAMD_PORT must be a port number; got "${env.CLAMD_PORT}".`);
    return clamdScanner({ host: env.CLAMD_HOST, port }, timeout);
  }
  return undefined;
}
