// Councils and the people who use the service. Creating people is for administrators, or the
// system itself (the command line and demo seeding act with no user).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import type { Paging } from "../../platform/pagination.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser, hashPassword } from "../access/access.service.ts";
import * as secondFactors from "../access/second-factor.repository.ts";
import { actionLabel } from "../audit/audit.presenter.ts";
import type { NotificationsService } from "../notifications/notifications.service.ts";
import * as repository from "./people.repository.ts";
import { parseConfirmation, parseInvite, parseNewCouncil, parseNewPassword, parseNewUser, parseRoles } from "./people.schemas.ts";

/** How long a link to set a password works. */
const LINK_DAYS = { invite: 7, reset: 1 } as const;

/** What an administrator sees after inviting or starting a reset: the link only when no email was sent. */
export interface LinkOutcome {
  personId: string;
  emailedTo?: string;
  /** Shown once, on the page, when the council has no email channel for this message. */
  link?: string;
  expiresOn: string;
}

/** Refused because it would leave the council with no administrator who can sign in. */
export class LastAdministrator extends InvalidInput {}

export class PeopleService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly notifications?: NotificationsService,
  ) {}

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

  // ---- people on pages (issue 12) ---------------------------------------------------------------

  async listPeople(user: CurrentUser, paging: Paging) {
    this.#mustManage(user);
    return readAs(this.db, actorOf(user), async (trx) => ({
      items: await repository.listPeoplePage(trx, (paging.page - 1) * paging.pageSize, paging.pageSize),
      total: await repository.countPeople(trx),
      ...paging,
    }));
  }

  /** A person of the administrator's own council; another council's is not found (row-level security). */
  async findPerson(user: CurrentUser, personId: string) {
    this.#mustManage(user);
    const person = isUuid(personId) ? await readAs(this.db, actorOf(user), (trx) => repository.findPerson(trx, personId)) : undefined;
    if (!person) throw new NotFound("person");
    return person;
  }

  /** Adds a person who cannot sign in until they use their link (or sign in through the council's identity provider). */
  async invite(user: CurrentUser, body: unknown): Promise<LinkOutcome> {
    this.#mustManage(user);
    const { value, problems } = parseInvite(body);
    if (problems.length) throw new InvalidInput(problems);
    return changeAs(this.db, actorOf(user), async (trx) => {
      if (await repository.emailInUse(trx, value.email)) {
        throw new InvalidInput([{ field: "email", message: `An account with the email address ${value.email} already exists` }]);
      }
      const person = await repository.insertInvitedUser(trx, { councilId: user.councilId, ...value });
      const outcome = await this.#sendLink(trx, user, { id: person.id, email: person.email, displayName: person.display_name }, "invite");
      return {
        result: outcome,
        audit: {
          action: "user.invited",
          subjectType: "user",
          subjectId: person.id,
          after: { ...person, link: outcome.emailedTo ? "emailed" : "shown once on the page", expiresOn: outcome.expiresOn },
        },
      };
    });
  }

  async startPasswordReset(user: CurrentUser, personId: string, body: unknown): Promise<LinkOutcome> {
    const person = await this.findPerson(user, personId);
    const problems = parseConfirmation(body, "Confirm that you want to reset this person's password");
    if (problems.length) throw new InvalidInput(problems);
    if (person.disabled)
      throw new InvalidInput([{ field: "confirm", message: "This account is switched off: switch it on before resetting its password" }]);
    return changeAs(this.db, actorOf(user), async (trx) => {
      const outcome = await this.#sendLink(trx, user, { id: person.id, email: person.email, displayName: person.display_name }, "reset");
      // The old password keeps working until the new one is set: a reset started by mistake locks nobody out.
      return {
        result: outcome,
        audit: {
          action: "user.password-reset-started",
          subjectType: "user",
          subjectId: person.id,
          after: { link: outcome.emailedTo ? "emailed" : "shown once on the page", expiresOn: outcome.expiresOn },
        },
      };
    });
  }

  async changeRoles(user: CurrentUser, personId: string, body: unknown): Promise<void> {
    const person = await this.findPerson(user, personId);
    const { roles, problems } = parseRoles(body);
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      if (!roles.includes("administrator")) await this.#keepAnAdministrator(trx, person.id, "roles");
      await repository.setRoles(trx, person.id, roles);
      return {
        result: undefined,
        audit: { action: "user.roles-changed", subjectType: "user", subjectId: person.id, before: { roles: person.roles }, after: { roles } },
      };
    });
  }

  /** Switches an account off: its sessions end at once, and it cannot sign in until switched on. */
  async switchOff(user: CurrentUser, personId: string, body: unknown): Promise<void> {
    const person = await this.findPerson(user, personId);
    const problems = parseConfirmation(body, "Confirm that you want to switch this account off");
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      await this.#keepAnAdministrator(trx, person.id, "confirm");
      await repository.setDisabled(trx, person.id, true);
      const sessionsEnded = await repository.endSessionsOf(trx, person.id);
      return { result: undefined, audit: { action: "user.switched-off", subjectType: "user", subjectId: person.id, after: { sessionsEnded } } };
    });
  }

  async switchOn(user: CurrentUser, personId: string, body: unknown): Promise<void> {
    const person = await this.findPerson(user, personId);
    const problems = parseConfirmation(body, "Confirm that you want to switch this account on");
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.setDisabled(trx, person.id, false);
      return { result: undefined, audit: { action: "user.switched-on", subjectType: "user", subjectId: person.id } };
    });
  }

  /**
   * Removes a person's authenticator app and recovery codes (a lost phone): they sign in with
   * their password alone until they set up an app again.
   */
  async resetSecondFactor(user: CurrentUser, personId: string, body: unknown): Promise<void> {
    const person = await this.findPerson(user, personId);
    const problems = parseConfirmation(body, "Confirm that you want to reset this person's two-step sign-in");
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      if (!(await secondFactors.deleteSecondFactor(trx, person.id)))
        throw new InvalidInput([{ field: "confirm", message: "This person has no authenticator app set up, so there is nothing to reset" }]);
      return { result: undefined, audit: { action: "user.second-factor-reset", subjectType: "user", subjectId: person.id } };
    });
  }

  // ---- the link to set a password (no one is signed in) ----------------------------------------

  /** Who a live link is for, or undefined when it is unknown, used, replaced or out of date. */
  async openLink(token: string) {
    const link = await this.#findLink(token);
    if (!link) return undefined;
    const person = await readAs(this.db, { councilId: link.council_id, userId: null }, (trx) => repository.findPerson(trx, link.user_id));
    return person && { purpose: link.purpose, displayName: person.display_name, email: person.email };
  }

  /** Sets the password of the link's person and uses the link up; false when the link no longer works. */
  async setPasswordWithLink(token: string, body: unknown): Promise<boolean> {
    const link = await this.#findLink(token);
    if (!link) return false;
    const actor = { councilId: link.council_id, userId: link.user_id };
    const person = await readAs(this.db, actor, (trx) => repository.findPerson(trx, link.user_id));
    if (!person) return false;
    const { password, problems } = parseNewPassword(body, { email: person.email, displayName: person.display_name });
    if (problems.length) throw new InvalidInput(problems);
    const passwordHash = await hashPassword(password);
    return changeAs(this.db, actor, async (trx) => {
      if (!(await repository.useLink(trx, link.link_id)))
        return { result: false, audit: { action: "user.password-link-refused", subjectType: "user", subjectId: person.id } };
      await repository.setPasswordHash(trx, person.id, passwordHash);
      // Anyone signed in with the old password is signed out.
      const sessionsEnded = await repository.endSessionsOf(trx, person.id);
      return {
        result: true,
        audit: { action: "user.password-set", subjectType: "user", subjectId: person.id, after: { by: link.purpose, sessionsEnded } },
      };
    });
  }

  #findLink(token: string) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return Promise.resolve(undefined);
    return repository.findLiveLink(this.db, linkHash(token));
  }

  async #sendLink(
    trx: Trx,
    user: CurrentUser,
    person: { id: string; email: string; displayName: string },
    purpose: "invite" | "reset",
  ): Promise<LinkOutcome> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + LINK_DAYS[purpose] * 86_400_000);
    const linkId = await repository.insertPasswordLink(trx, {
      councilId: user.councilId,
      userId: person.id,
      purpose,
      tokenHash: linkHash(token),
      createdBy: user.id,
      expiresAt,
    });
    const expiresOn = formatDate(expiresAt.toISOString().slice(0, 10));
    const base = this.notifications?.publicBaseUrl ?? "";
    const link = `${base}/set-password/${token}`;
    const kind = purpose === "invite" ? "accountInvite" : "passwordReset";
    // Emailed only when the council chose a channel that sends; otherwise the administrator is shown it once.
    if (this.notifications && (await this.notifications.channelFor(trx, kind)) !== "log") {
      await this.notifications.queue(trx, user.councilId, {
        kind,
        key: `${kind}:${linkId}`,
        recipient: person.email,
        values: { name: person.displayName, link, expires: expiresOn },
      });
      return { personId: person.id, emailedTo: person.email, expiresOn };
    }
    return { personId: person.id, link, expiresOn };
  }

  /** Refuses a change that would leave no administrator who can sign in (the person changed is `personId`). */
  async #keepAnAdministrator(trx: Trx, personId: string, field: string): Promise<void> {
    const admins = await repository.lockActiveAdministrators(trx);
    if (admins.length === 1 && admins[0] === personId) {
      throw new LastAdministrator([
        { field, message: "This is the council's last administrator. Make someone else an administrator first, so someone can still manage people" },
      ]);
    }
  }

  #mustManage(user: CurrentUser): void {
    if (!can(user.roles, "manageUsers")) throw new NotAllowed("manage people");
  }

  async accountOf(user: CurrentUser) {
    return readAs(this.db, actorOf(user), async (trx) => ({
      council: await repository.findCouncil(trx, user.councilId),
      recentActivity: (await repository.listRecentAuditForUser(trx, user.id, 10)).map((e) => ({ ...e, what: actionLabel(e.action) })),
    }));
  }
}

function linkHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
