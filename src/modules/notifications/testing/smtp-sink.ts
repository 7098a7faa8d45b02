// A real SMTP server (smtp-server) on loopback for tests: it receives what nodemailer sends, parses
// it with mailparser, and can be told to refuse a recipient (550) or be busy (451).
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export async function startSmtpSink(options: { refuse?: (to: string) => 550 | 451 | undefined } = {}) {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      if (!code) return callback();
      const error = new Error(code === 550 ? "Mailbox unavailable" : "Try again later") as Error & { responseCode: number };
      error.responseCode = code;
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        for (const rcpt of session.envelope.rcptTo)
          inbox.push({ to: rcpt.address, subject: mail.subject ?? "", text: mail.text ?? "", messageId: mail.messageId ?? "" });
        callback();
      }, callback);
    },
  });
  // A sender that dies mid-message (the crash tests kill it) resets its connection: not a fault here.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    inbox,
    /**
     * What a recipient sees once it drops repeats by Message-ID (as mail clients and archives do):
     * the messages, each once. `inbox` keeps every delivery, repeats included.
     */
    distinct: () => new Set(inbox.map((m) => m.messageId)),
    port,
    config: { host: "127.0.0.1", port, secure: false, requireTls: false, from: "send@council.example", rejectUnauthorized: true },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
