// Councils and the people who use the service. Creating people is for administrators, or the
// system itself (the command line and demo seeding act with no user).
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser, hashPassword } from "../access/access.service.ts";
import { actionLabel } from "../audit/audit.presenter.ts";
import * as repository from "./people.repository.ts";
import { parseNewCouncil, parseNewUser } from "./people.schemas.ts";

export class PeopleService {
  constructor(private readonly db: Kysely<DB>) {}

  async councilIdForCode(code: string): Promise<string | undefined> {
    return repository.councilIdForCode(this.db, code);
  }

  /** Sets up a new council; done by an operator from the command line. */
  async createCouncil(input: { code?: unknown; name?: unknown }) {
    const { value, problems } = parseNewCouncil(input);
    if (problems.length) throw new InvalidInput(problems);
    if (await this.councilIdForCode(value.code))
      throw new InvalidInput([{ field: "code", message: `A council with code ${value.code} already exists` }]);
    const id = randomUUID();
    return changeAs(this.db, { councilId: id, userId: null }, async (trx) => {
      const council = await repository.insertCouncil(trx, { id, ...value });
      return { result: council, audit: { action: "council.created", subjectType: "council", subjectId: id, after: council } };
    });
  }

  async createUser(actor: Actor, roles: readonly string[] | "system", input: Parameters<typeof parseNewUser>[0]) {
    if (roles !== "system" && !can(roles, "manageUsers")) throw new NotAllowed("create accounts");
    const { value, problems } = parseNewUser(input);
    if (problems.length) throw new InvalidInput(problems);
    const passwordHash = await hashPassword(value.password);
    return changeAs(this.db, actor, async (trx) => {
      if (await repository.emailInUse(trx, value.email)) {
        throw new InvalidInput([{ field: "email", message: `An account with the email address ${value.email} already exists` }]);
      }
      const user = await repository.insertUser(trx, { councilId: actor.councilId, ...value, passwordHash });
      // The password hash is never copied into the audit trail.
      return { result: user, audit: { action: "user.created", subjectType: "user", subjectId: user.id, after: user } };
    });
  }

  async listUsers(user: CurrentUser) {
    if (!can(user.roles, "manageUsers")) throw new NotAllowed("the list of people");
    return readAs(this.db, actorOf(user), (trx) => repository.listUsers(trx));
  }

  async accountOf(user: CurrentUser) {
    return readAs(this.db, actorOf(user), async (trx) => ({
      council: await repository.findCouncil(trx, user.councilId),
      recentActivity: (await repository.listRecentAuditForUser(trx, user.id, 10)).map((e) => ({ ...e, what: actionLabel(e.action) })),
    }));
  }
}
