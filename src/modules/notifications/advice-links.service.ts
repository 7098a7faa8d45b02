// Advice requests with a secure link (issue 15; SEND Regs 2014 reg 6): recording "advice requested"
// with an address writes the request message and its link; the professional follows the link (no
// account), sees only what they need and returns their advice as text or a file, or says why they
// cannot. Every view and answer is audited; a used, withdrawn, expired or unknown link is refused alike.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { caseClock } from "../../domain/cases/case-clock.ts";
import { ADVICE_SERVICE_LABELS, type CaseRecord } from "../../domain/cases/types.ts";
import { addDays, formatDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import type { Counter } from "../../platform/rate-limit.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CaseEventHook, CasesService } from "../cases/cases.service.ts";
import { type AdviceUpload, type AdviceUploadPolicy, checkUpload } from "./advice-files.ts";
import * as repository from "./notifications.repository.ts";
import { actorOf, type NotificationsService, type Person } from "./notifications.service.ts";

/** Wrong tokens from one address in an hour before links are refused to it. */
export const WRONG_TOKEN_LIMIT = 30;

/** Why a link cannot be used: the page says only that it cannot, never which. */
export class LinkRefused extends Error {}
export class LinkRateLimited extends Error {}

export class AdviceLinksService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly outbox: NotificationsService,
    private readonly cases: CasesService,
    private readonly today: () => string,
    private readonly wrongTokens?: Counter,
    private readonly uploads: AdviceUploadPolicy = { requireScan: true },
  ) {
    cases.onEvent(this.caseEvent);
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
    const settings = await this.outbox.timings(trx);
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
    await this.outbox.queue(trx, event.councilId, {
      kind: "adviceRequest",
      key: `adviceRequest:${linkId}`,
      recipient: advice.email,
      caseId: event.caseId,
      values: {
        reference,
        service: ADVICE_SERVICE_LABELS[advice.service],
        dueDate: formatDate(due),
        expires: formatDate(expiresOn),
        link: `${this.outbox.publicBaseUrl}/advice/${token}`,
      },
    });
  };

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
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function endOfDay(iso: string): Date {
  return new Date(`${iso}T23:59:59Z`);
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
