// GOV.UK Notify's delivery receipts (issue 15: sent, failed and bounced are recorded and shown).
// Notify posts each message's final status to our callback with the bearer token set in its
// settings (tech-docs _callbacks.md; integrations.md 1.7): the token is compared in constant time,
// the same receipt may come more than once and statuses may come out of order, so recording is
// idempotent and an older receipt never overwrites a newer one. A permanent failure is a bounce.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { logger } from "../../platform/logging.ts";
import { bookkeepAs } from "../../platform/transaction.ts";
import * as repository from "./notifications.repository.ts";

/** The final statuses of an email (node client DOCUMENTATION.md); others ("sending") change nothing. */
export const FINAL_EMAIL_STATUSES = ["delivered", "permanent-failure", "temporary-failure", "technical-failure"] as const;
const OTHER_STATUSES = ["created", "sending", "pending", "sent"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The receipt's token did not match (or none is set up here). */
export class ReceiptRefused extends Error {}

export class DeliveryReceipts {
  private readonly expected?: Buffer;

  constructor(
    private readonly db: Kysely<DB>,
    bearerToken?: string,
  ) {
    if (bearerToken) this.expected = digest(bearerToken);
  }

  /** Whether the installation takes receipts (NOTIFY_CALLBACK_TOKEN is set). */
  get configured(): boolean {
    return !!this.expected;
  }

  /** Checks the Authorization header against the token, in constant time (both sides hashed to one length). */
  checkToken(header: string | undefined): void {
    if (!this.expected) throw new ReceiptRefused();
    const given = /^bearer (.+)$/i.exec(header ?? "")?.[1]?.trim();
    if (!given || !timingSafeEqual(digest(given), this.expected)) throw new ReceiptRefused();
  }

  /** Records one receipt on its message. `recorded` is false when it changed nothing (a repeat, an older or a non-final status). */
  async record(body: unknown): Promise<{ recorded: boolean }> {
    const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const problems: { field: string; message: string }[] = [];
    const id = typeof b.id === "string" ? b.id : "";
    if (!UUID.test(id)) problems.push({ field: "id", message: "id must be Notify's id of the message (a UUID)" });
    const status = typeof b.status === "string" ? b.status : "";
    const final = (FINAL_EMAIL_STATUSES as readonly string[]).includes(status);
    if (!final && !OTHER_STATUSES.includes(status))
      problems.push({
        field: "status",
        message: `status must be one of Notify's statuses (${[...FINAL_EMAIL_STATUSES, ...OTHER_STATUSES].join(", ")})`,
      });
    const when = typeof b.completed_at === "string" && b.completed_at ? b.completed_at : typeof b.sent_at === "string" ? b.sent_at : "";
    const at = when ? new Date(when) : new Date();
    if (Number.isNaN(at.getTime())) problems.push({ field: "completed_at", message: "completed_at must be a date and time (ISO 8601)" });
    if (problems.length) throw new InvalidInput(problems);
    const found = await repository.findReceiptLookup(this.db, id);
    // Not ours, or not recorded as sent yet: Notify tries again every 5 minutes, up to 5 times.
    if (!found) throw new NotFound("No message with that id.");
    if (!final) return { recorded: false };
    let recorded = false;
    await bookkeepAs(this.db, { councilId: found.council_id, userId: null }, async (trx) => {
      recorded = await repository.recordDelivery(trx, found.message_id, status, at);
    });
    // Ids and the status only: never the address.
    logger.info("Notify delivery receipt", { messageId: found.message_id, status, recorded });
    return { recorded };
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
