// Signing in and out, and knowing who is signed in. Passwords are argon2id hashes; session
// tokens are random and only their SHA-256 is stored, so a copy of the database cannot sign in.
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import { can, isRole, type Permission, type Role } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import type { CsrfTokenStore } from "../../platform/middleware/csrf.ts";
import { RateLimiter } from "../../platform/rate-limit.ts";
import { type Actor, bookkeepAs, changeAs, readAs } from "../../platform/transaction.ts";
import * as repository from "./access.repository.ts";

export interface CurrentUser {
  id: string;
  sessionId: string;
  councilId: string;
  councilName: string;
  councilCode: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export type SignInResult =
  | { outcome: "signed-in"; token: string; user: CurrentUser }
  | { outcome: "wrong-details" }
  | { outcome: "too-many-attempts" };

// Algorithm 2 is Argon2id (a const enum in @node-rs/argon2 that verbatimModuleSyntax cannot import).
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

// Verifying against this when the email is unknown takes as long as a real check, so the time
// taken does not reveal which emails have accounts.
const unknownUserHash = hashPassword(randomBytes(16).toString("hex"));

export function actorOf(user: CurrentUser): Actor {
  return { councilId: user.councilId, userId: user.id };
}

export function userCan(user: CurrentUser | undefined, permission: Permission): boolean {
  return !!user && can(user.roles, permission);
}

export class AccessService {
  // 5 failures in 15 minutes stop guessing at one account; an office shares one address, so
  // the limit per address is higher and only stops guessing across many accounts.
  readonly #perAccount = new RateLimiter(5, 15 * 60_000);
  readonly #perAddress = new RateLimiter(50, 15 * 60_000);

  constructor(
    private readonly db: Kysely<DB>,
    private readonly settings: { idleMinutes: number; absoluteHours: number },
  ) {}

  async signIn(email: string, password: string, clientAddress: string): Promise<SignInResult> {
    const account = email.toLowerCase();
    if (this.#perAccount.isBlocked(account) || this.#perAddress.isBlocked(clientAddress)) return { outcome: "too-many-attempts" };

    const candidate = await repository.findUserForSignIn(this.db, email);
    const passwordMatches = await verify(candidate?.password_hash ?? (await unknownUserHash), password);
    if (!candidate || candidate.disabled || !passwordMatches) {
      this.#perAccount.recordFailure(account);
      this.#perAddress.recordFailure(clientAddress);
      return { outcome: "wrong-details" };
    }
    this.#perAccount.reset(account);

    const token = randomBytes(32).toString("base64url");
    const actor = { councilId: candidate.council_id, userId: candidate.id };
    const expiresAt = new Date(Date.now() + this.settings.absoluteHours * 3_600_000);
    const user = await changeAs(this.db, actor, async (trx) => {
      const sessionId = await repository.insertSession(trx, {
        councilId: candidate.council_id,
        userId: candidate.id,
        tokenHash: tokenHash(token),
        expiresAt,
      });
      const row = await repository.findSessionUser(trx, candidate.id);
      if (!row) throw new Error("The signed-in user disappeared");
      return {
        result: toCurrentUser(row, sessionId),
        audit: { action: "session.started", subjectType: "user", subjectId: candidate.id, after: { sessionId, expiresAt } },
      };
    });
    return { outcome: "signed-in", token, user };
  }

  /** The person a session token belongs to, or undefined if it has ended, expired or gone idle. */
  async findSignedInUser(token: string | undefined): Promise<CurrentUser | undefined> {
    if (!token || token.length > 100) return undefined;
    const session = await repository.findLiveSession(this.db, tokenHash(token), this.settings.idleMinutes);
    if (!session) return undefined;
    const row = await readAs(this.db, { councilId: session.council_id, userId: session.user_id }, (trx) =>
      repository.findSessionUser(trx, session.user_id),
    );
    return row ? toCurrentUser(row, session.session_id) : undefined;
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

function toCurrentUser(row: NonNullable<Awaited<ReturnType<typeof repository.findSessionUser>>>, sessionId: string): CurrentUser {
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
