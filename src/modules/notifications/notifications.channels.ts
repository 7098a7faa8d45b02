// The ways a message leaves: the product's own message log (the default, needing nothing), email
// through the council's mail server (nodemailer), and GOV.UK Notify (notifications-node-client).
// Secrets and addresses come from the environment only. Each send says whether it went, or failed
// for good (a refused address, a bad request), or for now (busy, rate-limited, unreachable), so the
// job knows whether to try again as Notify advises (integrations.md 1.4, 1.8).
import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import { NotifyClient } from "notifications-node-client";
import type { Channel } from "../../domain/notifications/templates.ts";

export interface OutgoingMessage {
  idempotencyKey: string;
  councilId: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  personalisation: Record<string, string>;
}

export type SendResult =
  | { outcome: "sent"; providerId: string | null; answer: string }
  | { outcome: "failed"; answer: string }
  | { outcome: "retry"; answer: string };

export interface Sender {
  /** Whether the installation has been given what this channel needs. */
  readonly configured: boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** The provider's final delivery status, where it can say (Notify); undefined while still sending. */
  deliveryStatus?(providerId: string): Promise<string | undefined>;
}

export interface ChannelConfig {
  smtp?: {
    host: string;
    port: number;
    secure: boolean;
    requireTls: boolean;
    user?: string;
    password?: string;
    from: string;
    rejectUnauthorized: boolean;
  };
  notify?: {
    apiKey: string;
    baseUrl?: string;
    templateId: string;
    templateIds: Record<string, string>;
    /** How long to wait for Notify's answer before trying again later (default 10 s). */
    timeoutMs?: number;
  };
  /** The bearer token Notify sends with its delivery receipts (set in Notify's settings); none: receipts are not taken. */
  notifyCallbackToken?: string;
  /** Where links in messages point: this installation's address as people outside see it. */
  publicBaseUrl: string;
  /**
   * A message left "sending" this long was held by a process that stopped (killed mid-send): the
   * sweep gives it to a new job (MESSAGES_RECLAIM_SECONDS, default 600). Tests shorten it.
   */
  reclaimSeconds?: number;
}

/** How long a message may stay "sending" before the sweep takes it back (10 minutes). */
export const DEFAULT_RECLAIM_SECONDS = 600;

export class ChannelConfigError extends Error {}

/** Reads the channels' settings from the environment; a half-given channel is an error that names what is missing. */
export function channelConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelConfig {
  const config: ChannelConfig = { publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, "") };
  if (env.SMTP_HOST) {
    if (!env.SMTP_FROM) throw new ChannelConfigError("SMTP_HOST is set but SMTP_FROM (the sender's address) is not.");
    const port = Number(env.SMTP_PORT ?? 587);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ChannelConfigError(`SMTP_PORT must be a port number; got "${env.SMTP_PORT}".`);
    config.smtp = {
      host: env.SMTP_HOST,
      port,
      secure: env.SMTP_TLS === "implicit",
      requireTls: env.SMTP_TLS !== "none" && env.SMTP_TLS !== "implicit",
      ...(env.SMTP_USER ? { user: env.SMTP_USER, password: env.SMTP_PASSWORD ?? "" } : {}),
      from: env.SMTP_FROM,
      rejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED !== "false",
    };
  }
  if (env.NOTIFY_API_KEY) {
    if (!env.NOTIFY_TEMPLATE_ID)
      throw new ChannelConfigError("NOTIFY_API_KEY is set but NOTIFY_TEMPLATE_ID (a template of ((subject)) and ((body))) is not.");
    const templateIds: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      const m = name.match(/^NOTIFY_TEMPLATE_ID_([A-Z_]+)$/);
      if (m && value) templateIds[(m[1] as string).toLowerCase().replace(/_([a-z])/g, (_x, c: string) => c.toUpperCase())] = value;
    }
    const timeoutMs = env.NOTIFY_TIMEOUT_MS ? Number(env.NOTIFY_TIMEOUT_MS) : undefined;
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 100 && timeoutMs <= 120_000))
      throw new ChannelConfigError(`NOTIFY_TIMEOUT_MS must be a number of milliseconds from 100 to 120000; got "${env.NOTIFY_TIMEOUT_MS}".`);
    config.notify = {
      apiKey: env.NOTIFY_API_KEY,
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(env.NOTIFY_BASE_URL ? { baseUrl: env.NOTIFY_BASE_URL } : {}),
      templateId: env.NOTIFY_TEMPLATE_ID,
      templateIds,
    };
  }
  if (env.MESSAGES_RECLAIM_SECONDS !== undefined) {
    const seconds = Number(env.MESSAGES_RECLAIM_SECONDS);
    if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= 86_400))
      throw new ChannelConfigError(
        `MESSAGES_RECLAIM_SECONDS must be a whole number of seconds from 1 to 86400; got "${env.MESSAGES_RECLAIM_SECONDS}".`,
      );
    config.reclaimSeconds = seconds;
  }
  if (env.NOTIFY_CALLBACK_TOKEN !== undefined) {
    if (env.NOTIFY_CALLBACK_TOKEN.length < 10)
      throw new ChannelConfigError("NOTIFY_CALLBACK_TOKEN must be at least 10 characters (Notify's own minimum); use a long random one.");
    config.notifyCallbackToken = env.NOTIFY_CALLBACK_TOKEN;
  }
  return config;
}

/** The message log: the row in the outbox is the message; nothing leaves the product. */
export const logSender: Sender = {
  configured: true,
  async send() {
    return { outcome: "sent", providerId: null, answer: "Kept in the message log" };
  },
};

function notConfigured(what: string): Sender {
  return {
    configured: false,
    async send() {
      return { outcome: "failed", answer: `${what} is not set up on this installation` };
    },
  };
}

export function smtpSender(config: NonNullable<ChannelConfig["smtp"]>): Sender {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    ignoreTLS: !config.secure && !config.requireTls,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? "" } } : {}),
    tls: { rejectUnauthorized: config.rejectUnauthorized },
    // A few kept connections: a batch of messages does not open one connection each.
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    configured: true,
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          // The same key gives the same Message-ID, so a receiving server can tell a repeat.
          messageId: `<${createHash("sha256").update(`${message.councilId}\n${message.idempotencyKey}`).digest("hex").slice(0, 32)}@send-oversight>`,
        });
        return { outcome: "sent", providerId: info.messageId ?? null, answer: String(info.response ?? "accepted") };
      } catch (error) {
        const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
        const answer = `${e.code ?? "error"}${e.responseCode ? ` ${e.responseCode}` : ""}: ${e.response ?? e.message ?? "no answer"}`;
        // A 5xx answer is the server's final word (unknown mailbox, refused); 4xx and no answer are for now.
        if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500) return { outcome: "retry", answer };
        if (e.responseCode && e.responseCode >= 500) return { outcome: "failed", answer };
        if (e.code === "EAUTH" || e.code === "EENVELOPE") return { outcome: "failed", answer };
        return { outcome: "retry", answer };
      }
    },
  };
}

/** How long a call to Notify may take before the message is tried again later. */
export const NOTIFY_TIMEOUT_MS = 10_000;

export function notifySender(config: NonNullable<ChannelConfig["notify"]>): Sender {
  const client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey);
  // axios has no timeout by default (integrations.md 1.8), so a Notify that never answers would hold
  // the send job for ever. The client's own axios (not a dependency of ours) makes an instance with one.
  const own = (client as unknown as { apiClient?: { restClient?: { create?: (c: object) => unknown } } }).apiClient?.restClient;
  if (typeof own?.create !== "function") throw new Error("notifications-node-client has changed: its HTTP client cannot be given a timeout");
  client.setClient(own.create({ timeout: config.timeoutMs ?? NOTIFY_TIMEOUT_MS }) as Parameters<typeof client.setClient>[0]);
  return {
    configured: true,
    async send(message) {
      const templateId = config.templateIds[message.kind] ?? config.templateId;
      try {
        const response = await client.sendEmail(templateId, message.recipient, {
          personalisation: { ...message.personalisation, subject: message.subject, body: message.body },
          // The key holds ids only, never personal data (Notify's rule for `reference`).
          reference: message.idempotencyKey,
        });
        const data = response.data as { id?: string };
        return { outcome: "sent", providerId: data.id ?? null, answer: `201 ${data.id ?? ""}`.trim() };
      } catch (error) {
        const e = error as { response?: { status?: number; data?: { errors?: { error: string; message: string }[] } }; message?: string };
        const status = e.response?.status;
        const errors = e.response?.data?.errors ?? [];
        const answer = status
          ? `${status} ${errors.map((x) => `${x.error}: ${x.message}`).join("; ")}`.trim()
          : `no answer: ${e.message ?? "network error"}`;
        // Notify: 429 and 5xx may be tried again later; 400 and 403 will fail the same way again.
        if (!status || status === 429 || status >= 500) return { outcome: "retry", answer };
        return { outcome: "failed", answer };
      }
    },
    async deliveryStatus(providerId) {
      const response = await client.getNotificationById(providerId);
      const status = (response.data as { status?: string }).status;
      // Email: created -> sending -> delivered | permanent-failure | temporary-failure | technical-failure.
      return status && !["created", "sending", "pending"].includes(status) ? status : undefined;
    },
  };
}

export type Senders = Record<Channel, Sender>;

export function sendersFrom(config: ChannelConfig): Senders {
  return {
    log: logSender,
    smtp: config.smtp ? smtpSender(config.smtp) : notConfigured("Email through SMTP (SMTP_HOST)"),
    notify: config.notify ? notifySender(config.notify) : notConfigured("GOV.UK Notify (NOTIFY_API_KEY)"),
  };
}
