// The optional second step for local accounts (issue 12): setting up an authenticator app
// (the secret shown to the person, confirmed by a first code), recovery codes shown once and kept
// only as SHA-256, turning it off, and checking a code at sign-in. Wrong codes are counted in the
// database (rate-limiter-flexible, like the sign-in limits) so a guesser is stopped after a few.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import QRCode from "qrcode";
import { CODE_FAILURES_PER_WINDOW, waitInWords } from "../../domain/access/sign-in-limits.ts";
import {
  base32Decode,
  base32Encode,
  formatRecoveryCode,
  groupSecret,
  matchTotp,
  normaliseRecoveryCode,
  otpauthUri,
  TOTP_SECRET_BYTES,
} from "../../domain/access/totp.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { readForm } from "../../platform/forms.ts";
import type { Counter } from "../../platform/rate-limit.ts";
import { isSealed, type SecretBox } from "../../platform/secret-box.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "./access.service.ts";
import * as repository from "./second-factor.repository.ts";

export const RECOVERY_CODE_COUNT = 10;
const SERVICE_NAME = "SEND Oversight";

export type CodeCheck =
  | { outcome: "accepted"; how: "authenticator app" | "recovery code"; recoveryCodesLeft: number }
  | { outcome: "wrong" }
  /** `checked`: this code was checked and was the last wrong one allowed (audited); otherwise none was checked. */
  | { outcome: "too-many-attempts"; msLeft: number; checked: boolean };

export interface SetUp {
  /** The secret in groups of four, to type into an app by hand. */
  secret: string;
  /** The otpauth:// address: opening it on a phone adds the account to its authenticator app. */
  uri: string;
  /** The same address as a QR code, an inline SVG drawn here on the server (the `qrcode` package). */
  qrHtml: string;
}

/** Said when there is no key to keep secrets under (TOTP_ENCRYPTION_KEY unset on PostgreSQL). */
export const NO_KEY_MESSAGE =
  "Two-step sign-in cannot be set up here yet: the service has no key to keep authenticator secrets safe (TOTP_ENCRYPTION_KEY). Ask your council's IT team to set it";

/** What a sealed secret is bound to: its person, so it cannot be copied onto another's row. */
const boundTo = (userId: string) => `user_second_factor:${userId}`;

/** A code form's one field, read strictly. */
export function readCode(body: unknown, message: string): { code: string; problems: { field: string; message: string }[] } {
  const { values, problems } = readForm(body, [{ kind: "text", name: "code", label: "Code" }]);
  const code = (values.code ?? "").trim();
  if (!code && !problems.length) problems.push({ field: "code", message });
  else if (code.length > 40) problems.push({ field: "code", message: "The code must be 40 characters or fewer" });
  return { code, problems };
}

export class SecondFactorService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly wrongCodes: Counter,
    /** The key secrets are sealed under; without it no app can be set up (secrets set up before still work). */
    private readonly box: SecretBox | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the person's password sign-ins need a code, and how many recovery codes are left. */
  async statusOf(user: CurrentUser): Promise<{ on: boolean; settingUp: boolean; recoveryCodesLeft: number }> {
    return readAs(this.db, actorOf(user), async (trx) => {
      const factor = await repository.findSecondFactor(trx, user.id);
      return {
        on: !!factor?.confirmed,
        settingUp: !!factor && !factor.confirmed,
        recoveryCodesLeft: factor?.confirmed ? await repository.countUnusedRecoveryCodes(trx, user.id) : 0,
      };
    });
  }

  /** Whether a person (known by their password) must also give a code. */
  async isOn(actor: Actor & { userId: string }): Promise<boolean> {
    return readAs(this.db, actor, async (trx) => !!(await repository.findSecondFactor(trx, actor.userId))?.confirmed);
  }

  /** Starts setting up an app: a new secret, shown to the person now. Refused while one is on. */
  async startSetUp(user: CurrentUser, body: unknown): Promise<SetUp> {
    const { problems } = readForm(body, []);
    if (problems.length) throw new InvalidInput(problems);
    if (!this.box) throw new InvalidInput([{ field: "main-content", message: NO_KEY_MESSAGE }]);
    const secret = base32Encode(randomBytes(TOTP_SECRET_BYTES));
    const sealed = this.box.seal(secret, boundTo(user.id));
    await changeAs(this.db, actorOf(user), async (trx) => {
      if (!(await repository.savePendingSecondFactor(trx, { councilId: user.councilId, userId: user.id, secret: sealed })))
        throw new InvalidInput([{ field: "main-content", message: "An authenticator app is already set up: turn it off first to set up another" }]);
      return { result: undefined, audit: { action: "user.second-factor-started", subjectType: "user", subjectId: user.id } };
    });
    return await this.#setUpOf(user, secret);
  }

  /** The app being set up, to show again after a wrong first code; undefined when none is. */
  async pendingSetUp(user: CurrentUser): Promise<SetUp | undefined> {
    const secret = await readAs(this.db, actorOf(user), async (trx) => {
      const factor = await repository.findSecondFactor(trx, user.id);
      return factor && !factor.confirmed ? this.#secretOf(trx, user.id, factor.secret) : undefined;
    });
    return secret === undefined ? undefined : this.#setUpOf(user, secret);
  }

  /** Confirms the app with its first code; returns the recovery codes, shown this once. */
  async confirmSetUp(user: CurrentUser, body: unknown): Promise<string[]> {
    const { code, problems } = readCode(body, "Enter the 6-digit code your authenticator app shows");
    if (problems.length) throw new InvalidInput(problems);
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(randomBytes(10)));
    await changeAs(this.db, actorOf(user), async (trx) => {
      const factor = await repository.findSecondFactor(trx, user.id);
      if (!factor || factor.confirmed)
        throw new InvalidInput([{ field: "code", message: "Start setting up your authenticator app again: this set-up has ended" }]);
      const step = matchTotp(secretBytes(await this.#secretOf(trx, user.id, factor.secret)), code, this.now());
      if (step === undefined)
        throw new InvalidInput([
          {
            field: "code",
            message: "The code is not right: enter the 6-digit code your app shows now, and check your phone's time is set automatically",
          },
        ]);
      await repository.confirmSecondFactor(trx, user.id, step);
      await repository.replaceRecoveryCodes(trx, { councilId: user.councilId, userId: user.id, hashes: codes.map(recoveryHash) });
      return {
        result: undefined,
        audit: { action: "user.second-factor-on", subjectType: "user", subjectId: user.id, after: { recoveryCodes: codes.length } },
      };
    });
    return codes;
  }

  /** Turns the app off; the person proves they still hold it (or a recovery code) first. */
  async turnOff(user: CurrentUser, body: unknown): Promise<void> {
    const { code, problems } = readCode(body, "Enter the 6-digit code your authenticator app shows, or a recovery code");
    if (problems.length) throw new InvalidInput(problems);
    const check = await this.checkCode(actorOf(user) as Actor & { userId: string }, code);
    if (check.outcome === "too-many-attempts" && !check.checked)
      throw new InvalidInput([
        { field: "code", message: `You have entered too many wrong codes. Wait ${waitInWords(check.msLeft)}, then try again` },
      ]);
    if (check.outcome !== "accepted") {
      await changeAs(this.db, actorOf(user), async () => ({
        result: undefined,
        audit: { action: "user.second-factor-code-failed", subjectType: "user", subjectId: user.id, after: { while: "turning it off" } },
      }));
      throw new InvalidInput([{ field: "code", message: "The code is not right: enter the code your app shows now, or an unused recovery code" }]);
    }
    await changeAs(this.db, actorOf(user), async (trx) => {
      await repository.deleteSecondFactor(trx, user.id);
      return {
        result: undefined,
        audit: { action: "user.second-factor-off", subjectType: "user", subjectId: user.id, after: { provedWith: check.how } },
      };
    });
  }

  /**
   * Checks a code from the person's app, or one of their recovery codes, and uses it up (a code
   * is never accepted twice). Wrong codes are counted; after five in fifteen minutes, none is
   * checked until the window ends.
   */
  async checkCode(actor: Actor & { userId: string }, typed: string): Promise<CodeCheck> {
    const counted = await this.wrongCodes.read(actor.userId);
    if (counted.count >= CODE_FAILURES_PER_WINDOW) return { outcome: "too-many-attempts", msLeft: counted.msLeft, checked: false };
    // A transaction of its own that only uses the code up: the caller's audit row says what it let happen.
    const accepted = await readAs(this.db, actor, async (trx): Promise<CodeCheck | undefined> => {
      const factor = await repository.findSecondFactor(trx, actor.userId);
      if (!factor?.confirmed) return undefined;
      const step = matchTotp(secretBytes(await this.#secretOf(trx, actor.userId, factor.secret)), typed, this.now(), factor.lastUsedStep);
      if (step !== undefined && (await repository.useTimeStep(trx, actor.userId, step)))
        return { outcome: "accepted", how: "authenticator app", recoveryCodesLeft: await repository.countUnusedRecoveryCodes(trx, actor.userId) };
      const recovery = normaliseRecoveryCode(typed);
      if (recovery && (await repository.useRecoveryCode(trx, actor.userId, recoveryHash(recovery))))
        return { outcome: "accepted", how: "recovery code", recoveryCodesLeft: await repository.countUnusedRecoveryCodes(trx, actor.userId) };
      return undefined;
    });
    if (accepted) {
      await this.wrongCodes.clear(actor.userId);
      return accepted;
    }
    const count = await this.wrongCodes.add(actor.userId);
    if (count >= CODE_FAILURES_PER_WINDOW)
      return { outcome: "too-many-attempts", msLeft: (await this.wrongCodes.read(actor.userId)).msLeft, checked: true };
    return { outcome: "wrong" };
  }

  /**
   * The base32 secret from its stored form. One stored plain (set up before secrets were sealed)
   * is sealed now, in the same transaction, when there is a key: the change happens lazily, at
   * the person's next code.
   */
  async #secretOf(trx: Trx, userId: string, stored: string): Promise<string> {
    if (isSealed(stored)) {
      if (!this.box) throw new Error("An authenticator secret is sealed but TOTP_ENCRYPTION_KEY is not set: set the key it was sealed with");
      return this.box.open(stored, boundTo(userId));
    }
    if (this.box) await repository.replaceSecret(trx, userId, stored, this.box.seal(stored, boundTo(userId)));
    return stored;
  }

  async #setUpOf(user: CurrentUser, secret: string): Promise<SetUp> {
    const uri = otpauthUri(secret, `${SERVICE_NAME} (${user.councilName})`, user.email);
    const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    // Named for screen readers, and a fixed size so it scans from a screen; the key stays as text beside it.
    const qrHtml = svg.replace(
      "<svg ",
      '<svg role="img" aria-label="QR code: scan it with your authenticator app to add this account" focusable="false" width="200" height="200" ',
    );
    return { secret: groupSecret(secret), uri, qrHtml };
  }
}

function secretBytes(secret: string): Buffer {
  const bytes = base32Decode(secret);
  if (!bytes) throw new Error("A stored authenticator secret is not base32");
  return bytes;
}

/** Recovery codes have 80 random bits, so a plain SHA-256 is enough (a slow hash is for guessable passwords). */
export function recoveryHash(code: string): string {
  return createHash("sha256")
    .update(normaliseRecoveryCode(code) ?? code)
    .digest("hex");
}
