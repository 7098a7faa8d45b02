// Messages (issue 15). Every message is a row of the outbox, written in the transaction of the
// change that causes it, with an idempotency key; a pg-boss job then claims the row and sends it
// through the council's chosen channel. Daily jobs queue reminders, escalations and digests, each
// keyed by what it is about (and the week, for digests), so running them twice sends nothing twice.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { englandAndWalesCalendar } from "../../domain/bank-holidays.ts";
import { caseClock } from "../../domain/cases/case-clock.ts";
import { ADVICE_SERVICE_LABELS, type CaseRecord } from "../../domain/cases/types.ts";
import { addDays, compareDates, formatDate, isoWeekday } from "../../domain/dates.ts";
import {
  adviceRemindersDue,
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
import type { Jobs } from "../../platform/jobs.ts";
import { logger } from "../../platform/logging.ts";
import type { Counter } from "../../platform/rate-limit.ts";
import { type Actor, bookkeepAs, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import { listCouncilIds } from "../cases/cases.repository.ts";
import type { CaseEventHook, CasesService } from "../cases/cases.service.ts";
import { type AdviceUpload, type AdviceUploadPolicy, checkUpload } from "./advice-files.ts";
import { type ChannelConfig, DEFAULT_RECLAIM_SECONDS, type Senders } from "./notifications.channels.ts";
import * as repository from "./notifications.repository.ts";

export const SEND_QUEUE = "notifications.send";
export const DAILY_QUEUE = "notifications.daily";
export const SWEEP_QUEUE = "notifications.sweep";

/** A send that has been tried this many times is recorded as failed, not tried again. */
export const MAX_ATTEMPTS = 6;
/** A message pending this long without being sent has lost its job (a queue emptied by hand): the sweep gives it one. */
const LOST_PENDING_MS = 5 * 60_000;
/** Wrong tokens from one address in an hour before links are refused to it. */
export const WRONG_TOKEN_LIMIT = 30;

type Person = Pick<CurrentUser, "id" | "councilId" | "roles">;

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

/** Why a link cannot be used: the page says only that it cannot, never which. */
export class LinkRefused extends Error {}
export class LinkRateLimited extends Error {}

export class NotificationsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Jobs,
    private readonly senders: Senders,
    private readonly config: Pick<ChannelConfig, "publicBaseUrl" | "reclaimSeconds">,
    private readonly cases: CasesService,
    private readonly today: () => string,
    private readonly wrongTokens?: Counter,
    private readonly uploads: AdviceUploadPolicy = { requireScan: true },
  ) {
    cases.onEvent(this.caseEvent);
  }

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

  /** After casework is recorded, in its transaction: an advice request with an address gets a link. */
  private readonly caseEvent: CaseEventHook = async (trx, event) => {
    const record = event.record;
    const requestId = typeof event.data.requestId === "string" && event.data.requestId ? event.data.requestId : record.requests.at(-1)?.id;
    const request = record.requests.find((r) => r.id === requestId);
    if (!request) return;
    if (event.kind === "adviceReturned") {
      await repository.closeLinksForAdvice(trx, event.caseId, request.id, Number(event.data.adviceIndex));
      return;
    }
    if (event.kind !== "adviceRequested") return;
    const adviceIndex = request.adviceRequests.length - 1;
    const advice = request.adviceRequests[adviceIndex];
    if (!advice?.email) return;
    const due = adviceDue(record, request.id, adviceIndex, event.today);
    const settings = await this.settingsIn(trx);
    const token = randomBytes(32).toString("base64url");
    const reference = `ADV-${randomBytes(4).toString("hex").toUpperCase()}`;
    const expiresOn = addDays(due, settings.linkGraceDays);
    const linkId = await repository.insertAdviceLink(trx, {
      councilId: event.councilId,
      caseId: event.caseId,
      requestId: request.id,
      adviceIndex,
      reference,
      recipient: advice.email,
      service: ADVICE_SERVICE_LABELS[advice.service],
      due,
      tokenHash: hashToken(token),
      expiresAt: endOfDay(expiresOn),
    });
    await this.queue(trx, event.councilId, {
      kind: "adviceRequest",
      key: `adviceRequest:${linkId}`,
      recipient: advice.email,
      caseId: event.caseId,
      values: {
        reference,
        service: ADVICE_SERVICE_LABELS[advice.service],
        dueDate: formatDate(due),
        expires: formatDate(expiresOn),
        link: `${this.config.publicBaseUrl}/advice/${token}`,
      },
    });
  };

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

  // ---- daily reminders, escalations and digests -------------------------------------------------------

  async runDaily(): Promise<number> {
    let queued = 0;
    for (const councilId of await listCouncilIds(this.db)) queued += await this.queueDaily({ councilId, userId: null });
    return queued;
  }

  /** One council's reminders for today: advice due soon, due today, overdue, escalated; actions overdue; the weekly digest. */
  async queueDaily(actor: Actor): Promise<number> {
    const today = this.today();
    const calendar = englandAndWalesCalendar();
    return changeAs(this.db, actor, async (trx) => {
      const settings = await this.settingsIn(trx);
      const managers = await repository.listManagers(trx);
      const users = await repository.listActiveUsers(trx);
      const usersById = new Map(users.map((u) => [u.id, u]));
      // Read once: the wording, and the keys already written, so a run that finds nothing new
      // (most of them: the job runs daily and each reminder goes once) writes nothing.
      const wording = await this.wording(trx);
      const written = await repository.listDailyKeys(trx);
      let queued = 0;
      const add = async (m: QueuedMessage) => {
        if (written.has(m.key)) return;
        if (await this.queue(trx, actor.councilId, m, wording)) queued++;
      };
      for (const link of await repository.listOpenAdviceLinks(trx)) {
        const due = String(link.due);
        const reminders = adviceRemindersDue({ id: link.id, due, returned: false, revoked: !!link.revoked_at }, today, settings, calendar);
        const caseLink = `${this.config.publicBaseUrl}/cases/${link.case_id}`;
        const values = { reference: link.reference, dueDate: formatDate(due), link: "" };
        for (const r of reminders) {
          if (r.kind === "adviceDueSoon" || r.kind === "adviceDueToday") {
            // The reminder carries no link of its own: the first message's link still works.
            await add({
              kind: r.kind,
              key: r.key,
              recipient: link.recipient,
              caseId: link.case_id,
              values: { ...values, link: "Use the link in our first email." },
            });
          } else if (r.kind === "adviceOverdue") {
            const caseworker = link.caseworker_user_id ? usersById.get(link.caseworker_user_id) : undefined;
            if (caseworker)
              await add({ kind: r.kind, key: r.key, recipient: caseworker.email, caseId: link.case_id, values: { ...values, caseLink } });
          } else if (r.kind === "adviceEscalated") {
            const daysLate = String(Math.max(0, compareDays(due, today)));
            for (const manager of managers)
              await add({
                kind: r.kind,
                key: `${r.key}:${manager.id}`,
                recipient: manager.email,
                caseId: link.case_id,
                values: { ...values, caseLink, daysLate },
              });
          }
        }
      }
      // Action leads are named in the plan; a lead who is a person here (same name) gets the messages.
      const byName = new Map(users.map((u) => [u.display_name.trim().toLowerCase(), u]));
      const actions = await repository.listOpenDatedActions(trx);
      const monday = addDays(today, 1 - isoWeekday(today));
      const digests = new Map<string, { user: (typeof users)[number]; lines: string[]; due: number; overdue: number }>();
      for (const action of actions) {
        const lead = action.lead_name ? byName.get(action.lead_name.trim().toLowerCase()) : undefined;
        if (!lead || !action.due_date) continue;
        const due = String(action.due_date);
        const overdue = compareDates(due, today) < 0;
        if (overdue)
          await add({
            kind: "actionOverdue",
            key: `actionOverdue:${action.id}:${due}`,
            recipient: lead.email,
            values: { actionNumber: action.number, dueDate: formatDate(due), actionLink: `${this.config.publicBaseUrl}/actions/${action.id}` },
          });
        if (overdue || compareDates(due, addDays(today, 14)) <= 0) {
          const d = digests.get(lead.id) ?? { user: lead, lines: [], due: 0, overdue: 0 };
          d.lines.push(`${action.number} due ${formatDate(due)}${overdue ? " (overdue)" : ""}`);
          if (overdue) d.overdue++;
          else d.due++;
          digests.set(lead.id, d);
        }
      }
      // A lead who switched the digest off gets none (What to build 5).
      const off = await repository.listDigestOptOuts(trx);
      for (const d of digests.values()) {
        if (off.has(`${d.user.id}:leadDigest`)) continue;
        await add({
          kind: "leadDigest",
          key: `leadDigest:${d.user.id}:${monday}`,
          recipient: d.user.email,
          values: { weekOf: formatDate(monday), dueCount: String(d.due), overdueCount: String(d.overdue), actionList: d.lines.join("\n") },
        });
      }
      return {
        result: queued,
        audit: { action: "notifications.daily-queued", subjectType: "council", subjectId: actor.councilId, after: { today, queued } },
      };
    });
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
        timings: await this.settingsIn(trx),
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
    const problems: { field: string; message: string }[] = [];
    const number = (field: string, label: string, min: number, max: number) => {
      const raw = typeof body[field] === "string" ? (body[field] as string).trim() : "";
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(n >= min && n <= max)) problems.push({ field, message: `${label} must be a whole number from ${min} to ${max}` });
      return n;
    };
    const value = {
      linkGraceDays: number("linkGraceDays", "Days a link works after the advice is due", 0, 90),
      reminderWorkingDays: number("reminderWorkingDays", "Working days before the due date for the reminder", 0, 30),
      escalateAfterDays: number("escalateAfterDays", "Days late before managers are told", 1, 60),
    };
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.saveSettings(trx, user.councilId, value);
      return {
        result: undefined,
        audit: { action: "notifications.timings-changed", subjectType: "council", subjectId: user.councilId, after: value },
      };
    });
  }

  /** The advice requests sent from a case, for its page and to revoke a link. */
  async adviceLinks(user: Person, caseId: string) {
    if (!can(user.roles, "readCases")) throw new NotAllowed("children's records");
    return readAs(this.db, actorOf(user), async (trx) => {
      if (!(await trx.selectFrom("child_case").select("id").where("id", "=", caseId).executeTakeFirst())) throw new NotFound("No such case.");
      const files = await repository.listAdviceFilesForCase(trx, caseId);
      return (await repository.listAdviceLinksForCase(trx, caseId)).map((l) => ({ ...l, files: files.filter((f) => f.link_id === l.id) }));
    });
  }

  async revokeLink(user: Person, linkId: string) {
    if (!can(user.roles, "editCases")) throw new NotAllowed("record casework");
    return changeAs(this.db, actorOf(user), async (trx) => {
      const link = await repository.findAdviceLink(trx, linkId);
      if (!link) throw new NotFound("No such advice request.");
      if (!(await repository.revokeAdviceLink(trx, linkId)))
        throw new InvalidInput([{ field: "link", message: "This link has already been used or withdrawn" }]);
      return {
        result: link.case_id,
        audit: { action: "advice-link.revoked", subjectType: "case", subjectId: link.case_id, after: { reference: link.reference } },
      };
    });
  }

  // ---- the professional's page behind the link -------------------------------------------------------

  /** What a professional sees: only what they need (name, date of birth, setting, the question, the due date). Every view is audited. */
  async openLink(token: string, from: string) {
    const { actor, linkId } = await this.findToken(token, from);
    return changeAs(this.db, actor, async (trx) => {
      const { link, record } = await this.usableLink(trx, linkId);
      const advice = record.requests.find((r) => r.id === link.request_id)?.adviceRequests[link.advice_index];
      const setting = record.placements.filter((p) => !p.end).at(-1)?.settingName ?? "Not recorded";
      return {
        result: {
          reference: link.reference,
          childName: `${record.child.firstName} ${record.child.lastName}`,
          dateOfBirth: formatDate(record.child.dateOfBirth),
          setting,
          service: link.service,
          provider: advice?.provider ?? "",
          due: formatDate(String(link.due)),
        },
        audit: { action: "advice-link.viewed", subjectType: "case", subjectId: link.case_id, after: { reference: link.reference } },
      };
    });
  }

  /**
   * The professional's answer: their advice, typed or as a file (recorded on the case as advice
   * returned, which stops the reminders), or why they cannot give it. A file is checked from its
   * content and scanned for viruses before anything is saved; one that fails saves nothing.
   */
  async answerLink(token: string, from: string, body: Record<string, unknown>, file?: AdviceUpload) {
    const outcome = body.outcome;
    const text = typeof body.advice === "string" ? body.advice.replace(/\r\n/g, "\n").trim() : "";
    const reason = typeof body.reason === "string" ? body.reason.trim() : "";
    const problems: { field: string; message: string }[] = [];
    if (outcome !== "returned" && outcome !== "declined")
      problems.push({ field: "outcome", message: "Select whether you are giving your advice or cannot give it" });
    else if (outcome === "returned" && !text && !file) problems.push({ field: "advice", message: "Enter your advice, or choose a file of it" });
    else if (outcome === "returned" && text.length > 50_000)
      problems.push({ field: "advice", message: "Your advice must be 50,000 characters or fewer" });
    else if (outcome === "declined" && !reason) problems.push({ field: "reason", message: "Say why you cannot give this advice" });
    else if (outcome === "declined" && reason.length > 2000)
      problems.push({ field: "reason", message: "The reason must be 2,000 characters or fewer" });
    const { actor, linkId } = await this.findToken(token, from);
    if (problems.length) throw new InvalidInput(problems);
    // Only a link that can still be used gets its file scanned.
    await readAs(this.db, actor, (trx) => this.usableLink(trx, linkId));
    const checked = outcome === "returned" && file ? await checkUpload(file, this.uploads, linkId) : undefined;
    const today = this.today();
    return changeAs(this.db, actor, async (trx) => {
      const { link, record } = await this.usableLink(trx, linkId);
      if (
        !(await repository.closeAdviceLink(trx, linkId, {
          outcome: outcome as "returned" | "declined",
          text: outcome === "returned" ? text : reason,
        }))
      )
        throw new LinkRefused();
      const fileId = checked
        ? await repository.insertAdviceFile(trx, { ...checked, councilId: actor.councilId, linkId, caseId: link.case_id })
        : undefined;
      if (outcome === "returned")
        await this.cases.recordEventIn(trx, actor, link.case_id, "adviceReturned", {
          // The case form asks which request only when there is more than one.
          ...(record.requests.length > 1 ? { requestId: link.request_id } : {}),
          adviceIndex: String(link.advice_index),
          returned: today,
        });
      return {
        result: { reference: link.reference, outcome },
        audit: {
          action: outcome === "returned" ? "advice-link.advice-returned" : "advice-link.declined",
          subjectType: "case",
          subjectId: link.case_id,
          after: {
            reference: link.reference,
            ...(checked
              ? {
                  file: {
                    id: fileId,
                    name: checked.fileName,
                    sizeBytes: checked.bytes.length,
                    sha256: checked.sha256,
                    scan: checked.scan,
                    scannedWith: checked.scannedWith,
                  },
                }
              : {}),
          },
        },
      };
    });
  }

  /** A returned advice file, to download from the case: every download is audited. */
  async adviceFile(user: Person, fileId: string) {
    if (!can(user.roles, "readCases")) throw new NotAllowed("children's records");
    return changeAs(this.db, actorOf(user), async (trx) => {
      const file = await repository.findAdviceFile(trx, fileId);
      if (!file) throw new NotFound("No such advice file.");
      return {
        result: file,
        audit: { action: "advice-file.downloaded", subjectType: "case", subjectId: file.case_id, after: { fileId, name: file.file_name } },
      };
    });
  }

  private async findToken(token: string, from: string): Promise<{ actor: Actor; linkId: string }> {
    if (this.wrongTokens && (await this.wrongTokens.read(from)).count >= WRONG_TOKEN_LIMIT) throw new LinkRateLimited();
    const found = /^[A-Za-z0-9_-]{43}$/.test(token) ? await repository.findLookup(this.db, hashToken(token)) : undefined;
    if (!found) {
      await this.wrongTokens?.add(from);
      throw new LinkRefused();
    }
    return { actor: { councilId: found.council_id, userId: null }, linkId: found.link_id };
  }

  private async usableLink(trx: Trx, linkId: string) {
    const link = await repository.findAdviceLink(trx, linkId);
    if (!link || link.used_at || link.revoked_at || new Date(link.expires_at) < new Date()) throw new LinkRefused();
    const row = await trx.selectFrom("child_case").select("record").where("id", "=", link.case_id).executeTakeFirst();
    if (!row) throw new LinkRefused();
    return { link, record: row.record as CaseRecord };
  }

  private async settingsIn(trx: Trx) {
    const row = await repository.findSettings(trx);
    return {
      linkGraceDays: row?.link_grace_days ?? 14,
      reminderWorkingDays: row?.reminder_working_days ?? DEFAULT_REMINDERS.reminderWorkingDays,
      escalateAfterDays: row?.escalate_after_days ?? DEFAULT_REMINDERS.escalateAfterDays,
    };
  }

  private check(user: { roles: readonly string[] }): void {
    if (!can(user.roles, "manageMessages")) throw new NotAllowed("messages");
  }
}

function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}

function isKind(kind: string): kind is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(kind);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The message log never shows a live link: whoever reads it could otherwise answer for the professional. */
export function hideLinks(text: string): string {
  return text.replace(/\/advice\/[A-Za-z0-9_-]+/g, "/advice/[link hidden]");
}

function endOfDay(iso: string): Date {
  return new Date(`${iso}T23:59:59Z`);
}

function compareDays(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** The advice's due date as the case clock works it out (reg 8(1): 6 weeks from receipt, with its exceptions). */
export function adviceDue(record: CaseRecord, requestId: string, adviceIndex: number, today: string): string {
  const request = record.requests.find((r) => r.id === requestId);
  const advice = request?.adviceRequests[adviceIndex];
  if (!advice) throw new Error("No such advice request");
  const sameService = request?.adviceRequests.filter((a) => a.service === advice.service) ?? [];
  const deadlines = caseClock(record, { today }).deadlines.filter((d) => d.requestId === requestId && d.service === advice.service);
  // Several requests of one service: the clock lists them in order, as the record does.
  const deadline = deadlines[sameService.indexOf(advice)];
  return deadline?.due ?? addDays(advice.received, 42);
}
