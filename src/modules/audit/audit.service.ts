// Reading the audit trail: a filtered page for the screen, or every matching row for an auditor's
// CSV (itself audited). Only those allowed to read the audit trail may; row-level security keeps
// it to their own council.
import type { Kysely } from "kysely";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { NotAllowed } from "../../platform/errors.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import { type AuditReader, SIGN_IN_ACTIONS } from "./audit.presenter.ts";
import { type AuditFilter, countAuditEvents, listAuditEvents, listPeople } from "./audit.repository.ts";
import type { ParsedAuditQuery } from "./audit.schemas.ts";

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV holds; narrow the dates for more. */
export const AUDIT_EXPORT_LIMIT = 100_000;

export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  async page(user: CurrentUser, parsed: Pick<ParsedAuditQuery, "filter"> & { signIns: boolean; page: number }) {
    this.mayRead(user);
    const filter = toFilter(parsed);
    return readAs(this.db, actorOf(user), async (trx) => {
      const total = await countAuditEvents(trx, filter);
      const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
      const page = Math.min(parsed.page, pages);
      return {
        rows: await listAuditEvents(trx, filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }),
        total,
        page,
        pages,
        people: await listPeople(trx),
        reader: readerOf(user),
      };
    });
  }

  /** Every matching row (up to the limit), newest first; the download is itself audited. */
  async export(user: CurrentUser, parsed: Pick<ParsedAuditQuery, "filter"> & { signIns: boolean }) {
    this.mayRead(user);
    const filter = toFilter(parsed);
    return changeAs(this.db, actorOf(user), async (trx) => {
      const rows = await listAuditEvents(trx, filter, { limit: AUDIT_EXPORT_LIMIT, offset: 0 });
      return {
        result: { rows, reader: readerOf(user) },
        audit: {
          action: "audit.exported",
          subjectType: "council",
          subjectId: user.councilId,
          after: { count: rows.length, signIns: parsed.signIns, filter: parsed.filter },
        },
      };
    });
  }

  private mayRead(user: CurrentUser): void {
    if (!can(user.roles, "readAudit")) throw new NotAllowed("the audit trail");
  }
}

function toFilter(parsed: Pick<ParsedAuditQuery, "filter"> & { signIns: boolean }): AuditFilter {
  return { signIns: parsed.signIns, signInActions: SIGN_IN_ACTIONS, ...parsed.filter };
}

/** Children's names only for those who may see children's records (an administrator may not). */
function readerOf(user: CurrentUser): AuditReader {
  return { maySeeChildren: can(user.roles, "readCases") };
}
