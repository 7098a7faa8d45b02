import type { Kysely } from "kysely";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { NotAllowed } from "../../platform/errors.ts";
import { readAs } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import { listRecentAuditEvents } from "./audit.repository.ts";

export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  async recent(user: CurrentUser, limit = 100) {
    if (!can(user.roles, "readAudit")) throw new NotAllowed("the audit trail");
    return readAs(this.db, actorOf(user), (trx) => listRecentAuditEvents(trx, limit));
  }
}
