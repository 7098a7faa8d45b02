// Messages (issue 15): the outbox and its sending, and the council's channels, wording and timings.
// Every message is a row of the outbox, written in the transaction of the change that causes it,
// with an idempotency key; a pg-boss job then claims the row and sends it through the council's
// chosen channel. The use cases that write messages are beside this file: advice links
// (advice-links.service.ts), the daily reminders (notifications.reminders.ts), review invitations
// (review-invitations.ts) and the weekly digests (notifications.digests.ts).
import type { Kysely } from "kysely";
import { DEFAULT_INVITATION_DAYS, NOTICE_DAYS } from "../../domain/notifications/review-invitations.ts";
import {
  CHANNELS,
  type Channel,
  checkTemplate,
  DEFAULT_REMINDERS,
  KINDS,
  MESSAGE_KINDS,
  type MessageKind,
  render,
} from "../../domain/notifications/templates.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type FormField, readForm } from "../../platform/forms.ts";
import type { Jobs } from "../../platform/jobs.ts";
import { logger } from "../../platform/logging.ts";
import { type Actor, bookkeepAs, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import { listCouncilIds } from "../cases/cases.repository.ts";
import { type ChannelConfig, DEFAULT_RECLAIM_SECONDS, type Senders } from "./notifications.channels.ts";
import * as repository from "./notifications.repository.ts";

export const SEND_QUEUE = "notifications.send";
export const DAILY_QUEUE = "notifications.daily";
export const SWEEP_QUEUE = "notifications.sweep";

/** A send that has been tried this many times is recorded as failed, not tried again. */
export const MAX_ATTEMPTS = 6;
/** A message pending this long without being sent has lost its job (a queue emptied by hand): the sweep gives it one. */
const LOST_PENDING_MS = 5 * 60_000;

export type Person = Pick<CurrentUser, "id" | "councilId" | "roles">;

/** The council's timings for messages (its settings, or the defaults). */
export interface Timings {
  linkGraceDays: number;
  reminderWorkingDays: number;
  escalateAfterDays: number;
  /** Days before a review meeting its invitations go: at least 14 (reg 20(4)). */
  reviewInvitationDays: number;
}

/** The timings form, read strictly (issue 12): nothing but these fields, each once. */
const TIMING_FIELDS: (FormField & { min: number; max: number })[] = [
  { kind: "text", name: "linkGraceDays", label: "Days a link works after the advice is due", min: 0, max: 90 },
  { kind: "text", name: "reminderWorkingDays", label: "Working days before the due date for the reminder", min: 0, max: 30 },
  { kind: "text", name: "escalateAfterDays", label: "Days late before managers are told", min: 1, max: 60 },
  // Reg 20(4): never less than two weeks' notice.
  { kind: "text", name: "reviewInvitationDays", label: "Days before a review meeting the invitations are sent", min: NOTICE_DAYS, max: 60 },
];

interface Wording {
  channels: Map<string, Channel>;
  templates: Map<string, { subject: string; body: string }>;
  councilName: string;
}

export interface QueuedMessage {
  kind: MessageKind;
  key: string;
  recipient: string;
  caseId?: string | null;
  values: Record<string, string>;
}

export class NotificationsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Jobs,
    private readonly senders: Senders,
    private readonly config: Pick<ChannelConfig, "publicBaseUrl" | "reclaimSeconds">,
  ) {}

  // ---- writing messages ------------------------------------------------------------------------------

  /**
   * Writes a message in the caller's transaction, worded as the council chose and for the channel it
   * chose, and enqueues its send in the same transaction. A key seen before writes nothing.
   */
  async queue(trx: Trx, councilId: string, m: QueuedMessage, wording?: Wording): Promise<string | null> {
    const w = wording ?? (await this.wording(trx));
    const channel = w.channels.get(m.kind) ?? "log";
    const template = w.templates.get(m.kind) ?? KINDS[m.kind];
    const values = { councilName: w.councilName, ...m.values };
    const id = await repository.insertMessage(trx, {
      councilId,
      idempotencyKey: m.key,
      kind: m.kind,
      channel,
      recipient: m.recipient,
      outside: KINDS[m.kind].outside,
      subject: render(template.subject, values),
      body: render(template.body, values),
      personalisation: values,
      caseId: m.caseId ?? null,
    });
    if (id) await this.jobs.enqueue(trx, SEND_QUEUE, { councilId, messageId: id });
    return id;
  }

  /** The council's channels, wording and name, read once for a run that writes many messages. */
  async wording(trx: Trx): Promise<Wording> {
    return {
      channels: new Map((await repository.listChannels(trx)).map((c) => [c.kind, c.channel as Channel])),
      templates: new Map((await repository.listTemplates(trx)).map((t) => [t.kind, t])),
      councilName: await repository.councilName(trx),
    };
  }

  /** The channel a council chose for a kind of message ("log" when it chose none). */
  async channelFor(trx: Trx, kind: MessageKind): Promise<Channel> {
    return ((await repository.listChannels(trx)).find((c) => c.kind === kind)?.channel ?? "log") as Channel;
  }

  /** A message "sending" longer than this was left by a process that stopped: it may be taken again. */
  get reclaimSeconds(): number {
    return this.config.reclaimSeconds ?? DEFAULT_RECLAIM_SECONDS;
  }

  private get reclaimMs(): number {
    return this.reclaimSeconds * 1000;
  }

  /** The address links in messages start with. */
  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }

  // ---- sending (the job) ------------------------------------------------------------------------------

  /**
   * Sends one message. The claim (pending -> sending) commits before anything leaves, so a second
   * worker given the same message finds it taken and does nothing. A temporary failure puts it back
   * to pending and throws, so pg-boss tries again later (with back-off) until MAX_ATTEMPTS.
   */
  async runSend(data: Record<string, unknown>): Promise<void> {
    const councilId = String(data.councilId);
    const messageId = String(data.messageId);
    const actor: Actor = { councilId, userId: null };
    let claimed: Awaited<ReturnType<typeof repository.claimMessage>>;
    await bookkeepAs(this.db, actor, async (trx) => {
      claimed = await repository.claimMessage(trx, messageId, new Date(Date.now() - this.reclaimMs));
    });
    // biome-ignore lint/style/noNonNullAssertion: assigned in the transaction above
    const message = claimed!;
    if (!message) return;
    const sender = this.senders[message.channel as Channel];
    const result = await sender.send({
      idempotencyKey: message.idempotency_key,
      councilId,
      kind: message.kind,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      personalisation: message.personalisation,
    });
    const state = result.outcome === "sent" ? "sent" : result.outcome === "failed" || message.attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    await bookkeepAs(this.db, actor, async (trx) => {
      await repository.recordOutcome(trx, messageId, {
        state,
        answer: result.answer,
        ...(result.outcome === "sent" ? { providerId: result.providerId } : {}),
      });
      // Notify's delivery receipt names only its own id: this finds the council and the message.
      if (result.outcome === "sent" && message.channel === "notify" && result.providerId)
        await repository.insertReceiptLookup(trx, result.providerId, councilId, messageId);
    });
    // Ids and states only: a message's words and address stay out of the logs.
    logger.info("Message send", { messageId, channel: message.channel, state, attempt: message.attempts });
    if (state === "pending") throw new Error(`Message ${messageId} not sent yet (attempt ${message.attempts}); trying again later`);
  }

  /** Messages no job holds (a queue emptied by hand, a worker that stopped mid-send) get a job again; Notify is asked what became of what it took. */
  async runSweep(): Promise<number> {
    let found = 0;
    for (const councilId of await listCouncilIds(this.db)) {
      await this.checkDeliveries({ councilId, userId: null });
      await bookkeepAs(this.db, { councilId, userId: null }, async (trx) => {
        const stuck = await repository.listStuck(
          trx,
          new Date(Date.now() - Math.min(LOST_PENDING_MS, this.reclaimMs)),
          new Date(Date.now() - this.reclaimMs),
          1000,
        );
        for (const m of stuck) await this.jobs.enqueue(trx, SEND_QUEUE, { councilId, messageId: m.id });
        found += stuck.length;
      });
    }
    return found;
  }

  /** Records Notify's delivery status of sent messages: a permanent failure is shown as bounced. */
  async checkDeliveries(actor: Actor): Promise<void> {
    const notify = this.senders.notify;
    if (!notify.configured || !notify.deliveryStatus) return;
    const waiting = await readAs(this.db, actor, (trx) => repository.listAwaitingDelivery(trx, 500));
    for (const m of waiting) {
      let status: string | undefined;
      try {
        status = await notify.deliveryStatus(m.provider_id as string);
      } catch (error) {
        logger.warn("Notify status not read", { messageId: m.id, error: (error as Error).message });
        continue;
      }
      if (status)
        await bookkeepAs(this.db, actor, async (trx) => {
          await repository.recordDelivery(trx, m.id, status);
        });
    }
  }

  // ---- pages ------------------------------------------------------------------------------------------

  async messages(user: Person, filters: repository.MessageFilters, page: number) {
    this.check(user);
    return readAs(this.db, actorOf(user), async (trx) => ({
      rows: (await repository.listMessages(trx, filters, 50, (page - 1) * 50)).map((m) => ({ ...m, body: hideLinks(m.body) })),
      total: await repository.countMessages(trx, filters),
    }));
  }

  async settings(user: Person) {
    this.check(user);
    return readAs(this.db, actorOf(user), async (trx) => {
      const chosen = new Map((await repository.listChannels(trx)).map((c) => [c.kind, c.channel as Channel]));
      const own = new Map((await repository.listTemplates(trx)).map((t) => [t.kind, t]));
      return {
        timings: await this.timings(trx),
        configured: Object.fromEntries(CHANNELS.map((c) => [c, this.senders[c].configured])) as Record<Channel, boolean>,
        kinds: MESSAGE_KINDS.map((kind) => ({
          kind,
          ...KINDS[kind],
          channel: chosen.get(kind) ?? ("log" as Channel),
          subject: own.get(kind)?.subject ?? KINDS[kind].subject,
          body: own.get(kind)?.body ?? KINDS[kind].body,
          custom: own.has(kind),
        })),
      };
    });
  }

  async saveChannels(user: Person, body: Record<string, unknown>) {
    this.check(user);
    const choices: { kind: MessageKind; channel: Channel }[] = [];
    const problems: { field: string; message: string }[] = [];
    for (const kind of MESSAGE_KINDS) {
      const value = body[`channel-${kind}`];
      if (value === undefined) continue;
      if (typeof value !== "string" || !(CHANNELS as readonly string[]).includes(value))
        problems.push({ field: `channel-${kind}`, message: `Select how "${KINDS[kind].title}" is sent` });
      else if (!this.senders[value as Channel].configured)
        problems.push({
          field: `channel-${kind}`,
          message: `"${KINDS[kind].title}": that channel is not set up on this installation (see the README)`,
        });
      else choices.push({ kind, channel: value as Channel });
    }
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      for (const c of choices) await repository.saveChannel(trx, user.councilId, c.kind, c.channel);
      return {
        result: undefined,
        audit: { action: "notifications.channels-changed", subjectType: "council", subjectId: user.councilId, after: choices },
      };
    });
  }

  async saveTemplate(user: Person, kind: string, body: Record<string, unknown>) {
    this.check(user);
    if (!isKind(kind)) throw new NotFound("No such message.");
    const subject = typeof body.subject === "string" ? body.subject.trim() : "";
    const text = typeof body.body === "string" ? body.body.replace(/\r\n/g, "\n").trim() : "";
    const problems = checkTemplate(kind, subject, text);
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.saveTemplate(trx, user.councilId, kind, subject, text);
      return {
        result: undefined,
        audit: { action: "notifications.template-changed", subjectType: "message-kind", subjectId: kind, after: { subject, body: text } },
      };
    });
  }

  /** The council's wording with the example values, as a message would read. */
  async preview(user: Person, kind: string, draft?: { subject: string; body: string }) {
    this.check(user);
    if (!isKind(kind)) throw new NotFound("No such message.");
    const settings = await this.settings(user);
    const current = settings.kinds.find((k) => k.kind === kind) as (typeof settings.kinds)[number];
    const subject = draft?.subject ?? current.subject;
    const body = draft?.body ?? current.body;
    const problems = draft ? checkTemplate(kind, subject, body) : [];
    const values = KINDS[kind].placeholders;
    return {
      ...current,
      subject,
      body,
      problems,
      placeholderList: Object.keys(values)
        .map((p) => `((${p}))`)
        .join(", "),
      rendered: problems.length ? null : { subject: render(subject, values), body: render(body, values) },
    };
  }

  async saveTimings(user: Person, body: Record<string, unknown>) {
    this.check(user);
    const { values, problems } = readForm(body, TIMING_FIELDS);
    const number = (field: (typeof TIMING_FIELDS)[number]) => {
      const raw = (values[field.name] ?? "").trim();
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(n >= field.min && n <= field.max))
        problems.push({ field: field.name, message: `${field.label} must be a whole number from ${field.min} to ${field.max}` });
      return n;
    };
    const [linkGraceDays, reminderWorkingDays, escalateAfterDays, reviewInvitationDays] = TIMING_FIELDS.map(number) as [
      number,
      number,
      number,
      number,
    ];
    const value: Timings = { linkGraceDays, reminderWorkingDays, escalateAfterDays, reviewInvitationDays };
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.saveSettings(trx, user.councilId, value);
      return {
        result: undefined,
        audit: { action: "notifications.timings-changed", subjectType: "council", subjectId: user.councilId, after: value },
      };
    });
  }

  /** The council's timings, in the caller's transaction. */
  async timings(trx: Trx): Promise<Timings> {
    const row = await repository.findSettings(trx);
    return {
      linkGraceDays: row?.link_grace_days ?? 14,
      reminderWorkingDays: row?.reminder_working_days ?? DEFAULT_REMINDERS.reminderWorkingDays,
      escalateAfterDays: row?.escalate_after_days ?? DEFAULT_REMINDERS.escalateAfterDays,
      reviewInvitationDays: row?.review_invitation_days ?? DEFAULT_INVITATION_DAYS,
    };
  }

  /** Only those who manage messages: administrators and SEND managers. */
  check(user: { roles: readonly string[] }): void {
    if (!can(user.roles, "manageMessages")) throw new NotAllowed("messages");
  }
}

export function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}
function isKind(kind: string): kind is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** The message log never shows a live link: whoever reads it could otherwise answer for the professional. */
export function hideLinks(text: string): string {
  return text.replace(/\/advice\/[A-Za-z0-9_-]+/g, "/advice/[link hidden]");
}
