// SQL for messages, channel and wording choices, and advice links (migration 0015).

import { type Kysely, sql } from "kysely";
import { DAILY_KINDS } from "../../domain/notifications/templates.ts";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export interface NewMessage {
  councilId: string;
  idempotencyKey: string;
  kind: string;
  channel: string;
  recipient: string;
  outside: boolean;
  subject: string;
  body: string;
  personalisation: Record<string, string>;
  caseId: string | null;
}

/** Writes a message unless one with its key exists; returns the new id, or null when it was already there. */
export async function insertMessage(trx: Trx, m: NewMessage): Promise<string | null> {
  const row = await trx
    .insertInto("outbox_message")
    .values({
      council_id: m.councilId,
      idempotency_key: m.idempotencyKey,
      kind: m.kind,
      channel: m.channel,
      recipient: m.recipient,
      outside: m.outside,
      subject: m.subject,
      body: m.body,
      personalisation: JSON.stringify(m.personalisation),
      case_id: m.caseId,
    })
    .onConflict((oc) => oc.columns(["council_id", "idempotency_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Takes a message to send: pending, or left "sending" by a worker that stopped before
 * `staleBefore`. The row lock makes a second sender wait and then find it taken.
 */
export async function claimMessage(trx: Trx, id: string, staleBefore: Date) {
  return trx
    .updateTable("outbox_message")
    .set({ state: "sending", claimed_at: new Date(), attempts: sql`attempts + 1` })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("state", "=", "pending"), eb.and([eb("state", "=", "sending"), eb("claimed_at", "<", staleBefore)])]))
    .returningAll()
    .executeTakeFirst();
}

export async function recordOutcome(
  trx: Trx,
  id: string,
  outcome: { state: "sent" | "failed" | "pending" | "bounced"; answer: string; providerId?: string | null },
) {
  await trx
    .updateTable("outbox_message")
    .set({
      state: outcome.state,
      answer: outcome.answer.slice(0, 2000),
      ...(outcome.providerId !== undefined ? { provider_id: outcome.providerId } : {}),
      ...(outcome.state === "sent" ? { sent_at: new Date() } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Messages no job is sending: pending for a while, or "sending" past the time a worker could take. */
export async function listStuck(trx: Trx, pendingBefore: Date, sendingBefore: Date, limit: number) {
  return (
    trx
      .selectFrom("outbox_message")
      .select(["id", "council_id"])
      .where((eb) =>
        eb.or([
          eb.and([eb("state", "=", "pending"), eb("created_at", "<", pendingBefore)]),
          eb.and([eb("state", "=", "sending"), eb("claimed_at", "<", sendingBefore)]),
        ]),
      )
      // Those left "sending" first: surely lost (their sender stopped), and never crowded out by a
      // backlog of pending ones whose jobs are only waiting their turn.
      .orderBy(sql`state = 'sending'`, "desc")
      .orderBy("created_at")
      .limit(limit)
      .execute()
  );
}

/** Notify messages sent in the last 7 days (Notify keeps them that long) whose delivery is not yet known. */
export async function listAwaitingDelivery(trx: Trx, limit: number) {
  return trx
    .selectFrom("outbox_message")
    .select(["id", "provider_id"])
    .where("channel", "=", "notify")
    .where("state", "=", "sent")
    .where("delivery_status", "is", null)
    .where("provider_id", "is not", null)
    .where("sent_at", ">", new Date(Date.now() - 7 * 86_400_000))
    .orderBy("sent_at")
    .limit(limit)
    .execute();
}

/**
 * Notify's final status: a permanent failure is a bounce (the address does not exist or refuses mail).
 * Receipts can come twice and out of order (integrations.md 1.7): one that completed before the
 * status already recorded changes nothing. Whether it changed anything is returned.
 */
export async function recordDelivery(trx: Trx, id: string, status: string, at: Date = new Date()): Promise<boolean> {
  const row = await trx
    .updateTable("outbox_message")
    .set({
      delivery_status: status,
      delivery_at: at,
      ...(status === "permanent-failure" ? { state: "bounced", answer: `Notify: ${status}` } : {}),
      ...(status === "temporary-failure" || status === "technical-failure" ? { state: "failed", answer: `Notify: ${status}` } : {}),
    })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("delivery_status", "is", null), eb("delivery_at", "is", null), eb("delivery_at", "<", at)]))
    .returning("id")
    .executeTakeFirst();
  return !!row;
}

/** Notify's id, kept where its delivery receipt (which names no council) can find the message. */
export async function insertReceiptLookup(trx: Trx, providerId: string, councilId: string, messageId: string) {
  await trx
    .insertInto("notify_receipt_lookup")
    .values({ provider_id: providerId, council_id: councilId, message_id: messageId })
    .onConflict((oc) => oc.column("provider_id").doNothing())
    .execute();
}

/** Which council and message a Notify id belongs to: read before the council is known. */
export async function findReceiptLookup(db: Kysely<DB>, providerId: string) {
  return db.selectFrom("notify_receipt_lookup").select(["council_id", "message_id"]).where("provider_id", "=", providerId).executeTakeFirst();
}

export interface MessageFilters {
  kind?: string;
  channel?: string;
  state?: string;
  caseId?: string;
}

function filtered(trx: Trx, f: MessageFilters) {
  let q = trx.selectFrom("outbox_message");
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.channel) q = q.where("channel", "=", f.channel);
  if (f.state) q = q.where("state", "=", f.state);
  if (f.caseId) q = q.where("case_id", "=", f.caseId);
  return q;
}

export async function listMessages(trx: Trx, f: MessageFilters, limit: number, offset: number) {
  return filtered(trx, f)
    .select([
      "id",
      "kind",
      "channel",
      "recipient",
      "outside",
      "subject",
      "body",
      "case_id",
      "state",
      "attempts",
      "answer",
      "provider_id",
      "created_at",
      "sent_at",
      "delivery_status",
      "delivery_at",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countMessages(trx: Trx, f: MessageFilters): Promise<number> {
  const row = await filtered(trx, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findMessage(trx: Trx, id: string) {
  return trx.selectFrom("outbox_message").selectAll().where("id", "=", id).executeTakeFirst();
}

// ---- channel, wording and timing choices --------------------------------------------------------

export async function listChannels(trx: Trx) {
  return trx.selectFrom("notification_channel").select(["kind", "channel"]).execute();
}

export async function saveChannel(trx: Trx, councilId: string, kind: string, channel: string) {
  await trx
    .insertInto("notification_channel")
    .values({ council_id: councilId, kind, channel })
    .onConflict((oc) => oc.columns(["council_id", "kind"]).doUpdateSet({ channel }))
    .execute();
}

export async function listTemplates(trx: Trx) {
  return trx.selectFrom("notification_template").select(["kind", "subject", "body"]).execute();
}

export async function saveTemplate(trx: Trx, councilId: string, kind: string, subject: string, body: string) {
  await trx
    .insertInto("notification_template")
    .values({ council_id: councilId, kind, subject, body })
    .onConflict((oc) => oc.columns(["council_id", "kind"]).doUpdateSet({ subject, body, updated_at: new Date() }))
    .execute();
}

export async function findSettings(trx: Trx) {
  return trx
    .selectFrom("notification_settings")
    .select(["link_grace_days", "reminder_working_days", "escalate_after_days", "review_invitation_days"])
    .executeTakeFirst();
}

export async function saveSettings(
  trx: Trx,
  councilId: string,
  s: { linkGraceDays: number; reminderWorkingDays: number; escalateAfterDays: number; reviewInvitationDays: number },
) {
  const values = {
    link_grace_days: s.linkGraceDays,
    reminder_working_days: s.reminderWorkingDays,
    escalate_after_days: s.escalateAfterDays,
    review_invitation_days: s.reviewInvitationDays,
  };
  await trx
    .insertInto("notification_settings")
    .values({ council_id: councilId, ...values })
    .onConflict((oc) => oc.column("council_id").doUpdateSet(values))
    .execute();
}

export async function councilName(trx: Trx): Promise<string> {
  const row = await trx.selectFrom("council").select("name").executeTakeFirst();
  return row?.name ?? "The council";
}

// ---- advice links ----------------------------------------------------------------------------------

export async function insertAdviceLink(
  trx: Trx,
  l: {
    councilId: string;
    caseId: string;
    requestId: string;
    adviceIndex: number;
    reference: string;
    recipient: string;
    service: string;
    due: string;
    tokenHash: string;
    expiresAt: Date;
  },
) {
  const row = await trx
    .insertInto("advice_link")
    .values({
      council_id: l.councilId,
      case_id: l.caseId,
      request_id: l.requestId,
      advice_index: l.adviceIndex,
      reference: l.reference,
      recipient: l.recipient,
      service: l.service,
      due: l.due,
      token_hash: l.tokenHash,
      expires_at: l.expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("advice_link_lookup").values({ token_hash: l.tokenHash, council_id: l.councilId, link_id: row.id }).execute();
  return row.id;
}

/** Which council a token's hash belongs to: read before anyone is known, from the table without row-level security. */
export async function findLookup(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom("advice_link_lookup").select(["council_id", "link_id"]).where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function findAdviceLink(trx: Trx, id: string) {
  return trx.selectFrom("advice_link").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAdviceLinksForCase(trx: Trx, caseId: string) {
  return trx.selectFrom("advice_link").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute();
}

export async function listOpenAdviceLinks(trx: Trx) {
  return trx
    .selectFrom("advice_link")
    .innerJoin("child_case", "child_case.id", "advice_link.case_id")
    .select([
      "advice_link.id",
      "advice_link.case_id",
      "advice_link.reference",
      "advice_link.recipient",
      "advice_link.due",
      "advice_link.revoked_at",
      "child_case.caseworker_user_id",
    ])
    .where("advice_link.used_at", "is", null)
    .execute();
}

export async function closeAdviceLink(trx: Trx, id: string, outcome: { outcome: "returned" | "declined"; text: string }) {
  const row = await trx
    .updateTable("advice_link")
    .set({ used_at: new Date(), outcome: outcome.outcome, advice_text: outcome.text })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return !!row;
}

/** The request was marked returned on the case itself: the link has done its work. */
export async function closeLinksForAdvice(trx: Trx, caseId: string, requestId: string, adviceIndex: number) {
  await trx
    .updateTable("advice_link")
    .set({ used_at: new Date(), outcome: "returned" })
    .where("case_id", "=", caseId)
    .where("request_id", "=", requestId)
    .where("advice_index", "=", adviceIndex)
    .where("used_at", "is", null)
    .execute();
}

export interface NewAdviceFile {
  councilId: string;
  linkId: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
  scan: "clean" | "not-scanned";
  scannedWith: string | null;
}

export async function insertAdviceFile(trx: Trx, f: NewAdviceFile): Promise<string> {
  const row = await trx
    .insertInto("advice_file")
    .values({
      council_id: f.councilId,
      link_id: f.linkId,
      case_id: f.caseId,
      file_name: f.fileName,
      media_type: f.mediaType,
      size_bytes: f.bytes.length,
      sha256: f.sha256,
      content: f.bytes,
      scan: f.scan,
      scanned_with: f.scannedWith,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A case's returned files, without their content. */
export async function listAdviceFilesForCase(trx: Trx, caseId: string) {
  return trx
    .selectFrom("advice_file")
    .select(["id", "link_id", "file_name", "media_type", "size_bytes", "scan", "scanned_with", "created_at"])
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .execute();
}

export async function findAdviceFile(trx: Trx, id: string) {
  return trx.selectFrom("advice_file").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function revokeAdviceLink(trx: Trx, id: string) {
  const row = await trx
    .updateTable("advice_link")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return !!row;
}

// ---- people and actions ------------------------------------------------------------------------------

export async function findUser(trx: Trx, id: string) {
  return trx.selectFrom("app_user").select(["id", "email", "display_name"]).where("id", "=", id).where("disabled", "=", false).executeTakeFirst();
}

export async function listManagers(trx: Trx) {
  return trx
    .selectFrom("app_user")
    .select(["id", "email", "display_name"])
    .where(sql<boolean>`'send_manager' = any(roles)`)
    .where("disabled", "=", false)
    .orderBy("email")
    .execute();
}

export async function listActiveUsers(trx: Trx) {
  return trx.selectFrom("app_user").select(["id", "email", "display_name"]).where("disabled", "=", false).execute();
}

/** Actions with a due date that are not complete, with the lead's name as the plan records it. */
export async function listOpenDatedActions(trx: Trx) {
  return trx
    .selectFrom("plan_action")
    .select(["id", "number", "lead_name", "due_date"])
    .where("due_date", "is not", null)
    .where((eb) => eb.or([eb("progress", "is", null), eb("progress", "<", 100)]))
    .orderBy("due_date")
    .execute();
}

// ---- each person's digests ----------------------------------------------------------------------------

/** Who switched which digest off: "userId:kind". */
export async function listDigestOptOuts(trx: Trx): Promise<Set<string>> {
  const rows = await trx.selectFrom("digest_opt_out").select(["user_id", "kind"]).execute();
  return new Set(rows.map((r) => `${r.user_id}:${r.kind}`));
}

export async function switchDigest(trx: Trx, councilId: string, userId: string, kind: string, on: boolean) {
  if (on) await trx.deleteFrom("digest_opt_out").where("user_id", "=", userId).where("kind", "=", kind).execute();
  else
    await trx
      .insertInto("digest_opt_out")
      .values({ council_id: councilId, user_id: userId, kind })
      .onConflict((oc) => oc.columns(["council_id", "user_id", "kind"]).doNothing())
      .execute();
}

/** The keys of the reminders and digests already written (the daily job's kinds), to skip them. */
export async function listDailyKeys(trx: Trx): Promise<Set<string>> {
  const rows = await trx.selectFrom("outbox_message").select("idempotency_key").where("kind", "in", DAILY_KINDS).execute();
  return new Set(rows.map((r) => r.idempotency_key));
}

// ---- annual review invitations and the casework digests ------------------------------------------------

/** Cases with a review meeting booked after `today` (SEND Regs 2014 reg 20): their records, to invite people. */
export async function listCasesWithBookedReviews(trx: Trx, today: string) {
  return trx
    .selectFrom("child_case")
    .select(["id", "record", "caseworker_user_id"])
    .where(sql<boolean>`jsonb_path_exists(record, '$.reviews[*] ? (@.meeting > $today)', jsonb_build_object('today', ${today}::text))`)
    .orderBy("id")
    .execute();
}

/**
 * Deadlines from the worklists the case clock keeps (case_worklist_entry): every breach (the
 * "overdue" list) and those due from `from` to `until` (the "due-soon" list), with the child and
 * the caseworker, in date order, then by child.
 */
export async function listCaseworkerDeadlines(trx: Trx, from: string, until: string) {
  return trx
    .selectFrom("case_worklist_entry")
    .innerJoin("child_case", "child_case.id", "case_worklist_entry.case_id")
    .leftJoin("app_user", "app_user.id", "child_case.caseworker_user_id")
    .select([
      "case_worklist_entry.list",
      "case_worklist_entry.reason",
      "case_worklist_entry.due",
      "child_case.id as case_id",
      "child_case.child_name",
      "child_case.caseworker_user_id",
      "app_user.display_name as caseworker_name",
    ])
    .where((eb) =>
      eb.or([
        eb("case_worklist_entry.list", "=", "overdue"),
        eb.and([
          eb("case_worklist_entry.list", "=", "due-soon"),
          eb("case_worklist_entry.due", ">=", from),
          eb("case_worklist_entry.due", "<=", until),
        ]),
      ]),
    )
    .orderBy(sql`case_worklist_entry.due asc nulls last`)
    .orderBy("child_case.child_name")
    .orderBy("child_case.id")
    .execute();
}
