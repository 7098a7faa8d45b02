// Signing in and out, and knowing who is signed in. Passwords are argon2id hashes; session
// tokens are random and only their SHA-256 is stored, so a copy of the database cannot sign in.
import { createHash, randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import { can, isRole, type Permission, type Role } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { logger } from "../../platform/logging.ts";
import type { CsrfTokenStore } from "../../platform/middleware/csrf.ts";
import { type Actor, bookkeepAs, changeAs, readAs } from "../../platform/transaction.ts";
import * as repository from "./access.repository.ts";
import * as secondSteps from "./second-factor.repository.ts";
import { readCode, type SecondFactorService } from "./second-factor.service.ts";
import type { LimitReason, SignInAttempt, SignInLimits } from "./sign-in-limits.ts";

export interface CurrentUser {
  id: string;
  sessionId: string;
  councilId: string;
  councilName: string;
  councilCode: string;
  email: string;
  displayName: string;
  roles: Role[];
  /** The session's CSRF token, read with the session (so a request needs no second query for it). */
  csrfToken?: string;
}

export type SignInResult =
  | { outcome: "signed-in"; token: string; user: CurrentUser }
  | { outcome: "code-needed"; stepToken: string }
  | { outcome: "wrong-details" }
  | { outcome: "too-many-attempts"; msLeft: number };

export type SecondStepResult =
  | { outcome: "signed-in"; token: string; returnTo: string }
  | { outcome: "timed-out" }
  | { outcome: "invalid"; problems: { field: string; message: string }[] }
  | { outcome: "wrong-code" }
  | { outcome: "too-many-attempts"; msLeft: number };

/** How long a sign-in waits for its code after the password was right. */
const SECOND_STEP_MINUTES = 5;

// Algorithm 2 is Argon2id (a const enum in @node-rs/argon2 that verbatimModuleSyntax cannot import).
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

/**
 * The argon2id hash of the offered password with the stored hash's parameters and salt
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>`), for the database to compare (migration 0010).
 * An unknown email gets a made-up salt from the database, so the work and time are the same.
 */
export async function hashWithStoredSalt(password: string, stored: string): Promise<string> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]{11,64})$/.exec(stored);
  if (!match) {
    // Not a hash this service made: spend the same effort and offer something that cannot match.
    await hashPassword(password);
    return "";
  }
  const [, memoryCost, timeCost, parallelism, salt] = match;
  return hash(password, {
    algorithm: 2,
    memoryCost: Number(memoryCost),
    timeCost: Number(timeCost),
    parallelism: Number(parallelism),
    salt: Buffer.from(salt as string, "base64"),
  });
}

const LIMIT_REASONS: Record<LimitReason, string> = {
  address: "too many failures from this address",
  "address-and-account": "too many failures for this account from this address",
  account: "too many failures for this account from addresses it has not signed in from",
};

export function actorOf(user: CurrentUser): Actor {
  return { councilId: user.councilId, userId: user.id };
}

export function userCan(user: CurrentUser | undefined, permission: Permission): boolean {
  return !!user && can(user.roles, permission);
}

export class AccessService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: SignInLimits,
    private readonly settings: { idleMinutes: number; absoluteHours: number },
    private readonly secondFactor?: SecondFactorService,
  ) {}

  async signIn(email: string, password: string, clientAddress: string, returnTo = "/"): Promise<SignInResult> {
    const attempt: SignInAttempt = { account: email.toLowerCase(), address: clientAddress };
    const verdict = await this.limits.check(attempt);
    if (!verdict.allowed) {
      await this.#noteThrottled(attempt, verdict.reason);
      return { outcome: "too-many-attempts", msLeft: verdict.msLeft };
    }

    const offered = await hashWithStoredSalt(password, await repository.findPasswordSalt(this.db, email));
    // A wrong password for a known account is audited by the database itself.
    const candidate = await repository.checkPassword(this.db, email, offered, { address: clientAddress });
    if (!candidate || candidate.disabled) {
      await this.limits.recordFailure(attempt);
      if (candidate?.disabled)
        await repository.auditSignIn(this.db, email, "sign-in.failed", { address: clientAddress, reason: "account switched off" });
      // No email, address or password in the log: the audit row, in the account's council, has the detail.
      logger.warn("Sign-in failed", { reason: candidate ? "account switched off" : "wrong email or password" });
      return { outcome: "wrong-details" };
    }
    // The password is right; a person with an authenticator app must give its code as well. The
    // limits forgive this address only once the code is right too.
    if (this.secondFactor && (await this.secondFactor.isOn({ councilId: candidate.council_id, userId: candidate.id }))) {
      const stepToken = randomBytes(32).toString("base64url");
      await secondSteps.insertSecondStep(this.db, {
        tokenHash: tokenHash(stepToken),
        councilId: candidate.council_id,
        userId: candidate.id,
        returnTo,
        address: clientAddress,
        expiresAt: new Date(Date.now() + SECOND_STEP_MINUTES * 60_000),
      });
      return { outcome: "code-needed", stepToken };
    }
    await this.limits.recordSuccess(attempt);

    const { token, user } = await this.startSession({ id: candidate.id, councilId: candidate.council_id }, { how: "password" });
    return { outcome: "signed-in", token, user };
  }

  /** The second step of a password sign-in: a code from the person's authenticator app, or a recovery code. */
  async finishSecondStep(stepToken: string | undefined, body: unknown, clientAddress: string): Promise<SecondStepResult> {
    if (!this.secondFactor || !stepToken || !/^[A-Za-z0-9_-]{40,50}$/.test(stepToken)) return { outcome: "timed-out" };
    const step = await secondSteps.findSecondStep(this.db, tokenHash(stepToken));
    if (!step) return { outcome: "timed-out" };
    const { code, problems } = readCode(body, "Enter the 6-digit code from your authenticator app, or a recovery code");
    if (problems.length) return { outcome: "invalid", problems };

    const actor = { councilId: step.council_id, userId: step.user_id };
    const check = await this.secondFactor.checkCode(actor, code);
    if (check.outcome !== "accepted") {
      // Audited in the account's council as a sign-in (no one is signed in yet); never the code itself.
      const wrong = check.outcome === "wrong";
      if (wrong || check.checked) {
        await changeAs(this.db, { councilId: step.council_id, userId: null }, async () => ({
          result: undefined,
          audit: {
            action: wrong ? "sign-in.code-failed" : "sign-in.code-throttled",
            subjectType: "user",
            subjectId: step.user_id,
            after: { address: clientAddress },
          },
        }));
      }
      logger.warn("Sign-in code refused", { reason: check.outcome });
      return check.outcome === "wrong" ? { outcome: "wrong-code" } : { outcome: "too-many-attempts", msLeft: check.msLeft };
    }
    // Only one request can end the waiting sign-in, so one code cannot start two sessions.
    if (!(await secondSteps.deleteSecondStep(this.db, tokenHash(stepToken)))) return { outcome: "timed-out" };
    const person = await readAs(this.db, actor, (trx) => repository.findSignInState(trx, step.user_id));
    if (!person || person.disabled) return { outcome: "timed-out" };
    await this.limits.recordSuccess({ account: person.email.toLowerCase(), address: clientAddress });
    const { token } = await this.startSession(
      { id: step.user_id, councilId: step.council_id },
      { how: `password and ${check.how}`, ...(check.how === "recovery code" ? { recoveryCodesLeft: check.recoveryCodesLeft } : {}) },
    );
    return { outcome: "signed-in", token, returnTo: step.return_to };
  }

  /** Starts a session for a person whose identity has been checked (a password, or the council's identity provider). */
  async startSession(person: { id: string; councilId: string }, details: Record<string, unknown>): Promise<{ token: string; user: CurrentUser }> {
    const token = randomBytes(32).toString("base64url");
    const actor = { councilId: person.councilId, userId: person.id };
    const expiresAt = new Date(Date.now() + this.settings.absoluteHours * 3_600_000);
    const user = await changeAs(this.db, actor, async (trx) => {
      const sessionId = await repository.insertSession(trx, {
        councilId: person.councilId,
        userId: person.id,
        tokenHash: tokenHash(token),
        expiresAt,
      });
      const row = await repository.findSessionUser(trx, person.id);
      if (!row) throw new Error("The signed-in user disappeared");
      return {
        result: toCurrentUser(row, sessionId),
        audit: { action: "session.started", subjectType: "user", subjectId: person.id, after: { sessionId, expiresAt, ...details } },
      };
    });
    return { token, user };
  }

  async #noteThrottled(attempt: SignInAttempt, reason: LimitReason): Promise<void> {
    // One audit row and log line a minute per account and reason: a flood of refused attempts
    // must not flood the audit trail.
    if (!(await this.limits.firstRefusalThisMinute(attempt, reason))) return;
    await repository.auditSignIn(this.db, attempt.account, "sign-in.throttled", { address: attempt.address, reason: LIMIT_REASONS[reason] });
    logger.warn("Sign-in refused: too many attempts", { reason: LIMIT_REASONS[reason] });
  }

  /** The person a session token belongs to, or undefined if it has ended, expired or gone idle. */
  async findSignedInUser(token: string | undefined): Promise<CurrentUser | undefined> {
    if (!token || token.length > 100) return undefined;
    const session = await repository.findLiveSession(this.db, tokenHash(token), this.settings.idleMinutes);
    if (!session) return undefined;
    const user = toCurrentUser({ ...session, id: session.user_id }, session.session_id);
    return session.csrf_token ? { ...user, csrfToken: session.csrf_token } : user;
  }

  /**
   * The CSRF tokens csrf-sync checks, kept in the database: on the session row once signed in; on
   * a pre-session row, found by the SHA-256 of a random cookie, for the sign-in form.
   */
  readonly csrfTokens: CsrfTokenStore = {
    findForSession: (user) => readAs(this.db, actorOf(user), (trx) => repository.findSessionCsrfToken(trx, user.sessionId)),
    saveForSession: (user, token) => bookkeepAs(this.db, actorOf(user), (trx) => repository.setSessionCsrfToken(trx, user.sessionId, token)),
    findBeforeSignIn: (cookie) => repository.findPreSessionCsrfToken(this.db, tokenHash(cookie)),
    saveBeforeSignIn: (cookie, token, expiresAt) =>
      repository.insertPreSession(this.db, { cookieHash: tokenHash(cookie), csrfToken: token, expiresAt }),
    forgetBeforeSignIn: (cookie) => repository.deletePreSession(this.db, tokenHash(cookie)),
  };

  async signOut(user: CurrentUser): Promise<void> {
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.endSession(trx, user.sessionId);
      return { result: undefined, audit: { action: "session.ended", subjectType: "user", subjectId: user.id, after: { sessionId: user.sessionId } } };
    });
  }
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type SessionUserRow = Pick<repository.LiveSession, "council_id" | "email" | "display_name" | "roles" | "council_name" | "council_code"> & {
  id: string;
};

function toCurrentUser(row: SessionUserRow, sessionId: string): CurrentUser {
  return {
    id: row.id,
    sessionId,
    councilId: row.council_id,
    councilName: row.council_name,
    councilCode: row.council_code,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles.filter(isRole),
  };
}
