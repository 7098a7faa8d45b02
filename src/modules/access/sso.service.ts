// Single sign-on with OpenID Connect (issue 12): the authorisation code flow with PKCE, state and
// nonce (openid-client), configured per council. The council is chosen on the sign-in page; the ID
// token's `tid` must be the council's tenant and its `oid` names the person (judgeClaims). People
// are invited first, unless the council admits anyone of its tenant who has a role.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import * as oidc from "openid-client";
import { judgeClaims } from "../../domain/access/sso-claims.ts";
import { can, isRole, ROLES } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { type FormField, readForm } from "../../platform/forms.ts";
import { logger } from "../../platform/logging.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import type { AccessService, CurrentUser } from "./access.service.ts";
import * as repository from "./sso.repository.ts";

/** How long a person has at the identity provider before the sign-in must start again. */
const ATTEMPT_MINUTES = 10;

export type SsoResult =
  | { outcome: "signed-in"; token: string; user: CurrentUser; returnTo: string }
  | {
      outcome: "refused";
      words: string;
      councilName?: string /** 400 for a return that is not a real one; 403 for a person refused. */;
      status?: 400;
    };

export interface SsoSettingsInput {
  issuer: string;
  clientId: string;
  tenantId: string;
  admitUninvited?: boolean;
  groupRoles?: Record<string, string>;
}

/** The settings page's form: the client secret is not one of its fields (it stays in the environment). */
export const SSO_SETTINGS_FIELDS: readonly FormField[] = [
  { kind: "text", name: "issuer", label: "Issuer" },
  { kind: "text", name: "clientId", label: "Application (client) id" },
  { kind: "text", name: "tenantId", label: "Directory (tenant) id" },
  { kind: "checkbox", name: "admitUninvited", label: "Let people in without an invitation" },
  { kind: "textarea", name: "groupRoles", label: "Groups and their roles" },
];

export class SingleSignOnService {
  readonly #configs = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessService,
    /** The client secret of a council's app registration, from the environment: never stored. */
    private readonly secretFor: (councilCode: string) => string | undefined,
  ) {}

  /** The councils to offer on the sign-in page. */
  async councils(): Promise<{ code: string; name: string }[]> {
    return (await repository.listSsoCouncils(this.db)).map((c) => ({ code: c.code, name: c.name }));
  }

  /** Sets a council's identity provider; done by an operator (the command line) or a test. */
  configure(councilId: string, input: SsoSettingsInput): Promise<void> {
    return SingleSignOnService.configure(this.db, councilId, input);
  }

  // ---- the settings page, for the council's administrators (issue 12) -----------------------------

  /** The council's settings, and whether its client secret is in the environment (never the secret). */
  async settingsFor(user: CurrentUser) {
    if (!can(user.roles, "manageUsers")) throw new NotAllowed("single sign-on settings");
    const settings = await readAs(this.db, { councilId: user.councilId, userId: user.id }, (trx) => repository.findSettings(trx));
    const secretName = `OIDC_CLIENT_SECRET_${envName(user.councilCode)}`;
    return { settings, secretName, secretSet: !!this.secretFor(user.councilCode) };
  }

  /** Saves the settings from the page: the same checks as the command line, the administrator audited as the one who did it. */
  async saveSettings(user: CurrentUser, body: unknown): Promise<void> {
    if (!can(user.roles, "manageUsers")) throw new NotAllowed("single sign-on settings");
    const { values, problems } = readForm(body, SSO_SETTINGS_FIELDS);
    if (problems.length) throw new InvalidInput(problems);
    const groupRoles: Record<string, string> = Object.create(null);
    for (const line of (values.groupRoles ?? "").split(/\r?\n/)) {
      if (!line.trim()) continue;
      const at = line.lastIndexOf("=");
      groupRoles[at > 0 ? line.slice(0, at).trim() : line.trim()] = at > 0 ? line.slice(at + 1).trim() : "";
    }
    await SingleSignOnService.configure(
      this.db,
      user.councilId,
      {
        issuer: (values.issuer ?? "").trim(),
        clientId: (values.clientId ?? "").trim(),
        tenantId: (values.tenantId ?? "").trim(),
        admitUninvited: values.admitUninvited === "yes",
        groupRoles,
      },
      user.id,
    );
  }

  /** The same, for the command line, which has no sign-in pages. */
  static async configure(db: Kysely<DB>, councilId: string, input: SsoSettingsInput, userId: string | null = null): Promise<void> {
    const problems = [];
    let issuer: URL | undefined;
    try {
      issuer = new URL(input.issuer);
    } catch {
      problems.push({ field: "issuer", message: "Issuer must be a web address, like https://login.microsoftonline.com/<tenant id>/v2.0" });
    }
    if (issuer && issuer.protocol !== "https:" && !isLoopback(issuer))
      problems.push({ field: "issuer", message: "Issuer must start with https:// (plain http is allowed only for a provider on this machine)" });
    if (!/^[\w.-]{1,200}$/.test(input.clientId)) problems.push({ field: "clientId", message: "Client id must be the application (client) id" });
    if (!/^[\w.-]{1,200}$/.test(input.tenantId)) problems.push({ field: "tenantId", message: "Tenant id must be the directory (tenant) id" });
    const groups = Object.entries(input.groupRoles ?? {});
    if (groups.length > 500) problems.push({ field: "groupRoles", message: "Map at most 500 groups to roles" });
    for (const [group, role] of groups.slice(0, 500)) {
      if (!/^[\w.-]{1,200}$/.test(group))
        problems.push({ field: "groupRoles", message: `Group "${group.slice(0, 60)}" must be the group's object id, written as <object id>=<role>` });
      else if (!isRole(role))
        problems.push({ field: "groupRoles", message: `Group ${group}: "${role.slice(0, 40)}" is not a role; use ${ROLES.join(", ")}` });
    }
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(db, { councilId, userId }, async (trx) => {
      const before = await repository.findSettings(trx);
      const values = { ...input, admitUninvited: input.admitUninvited ?? false, groupRoles: input.groupRoles ?? {} };
      await repository.saveSettings(trx, councilId, values);
      return { result: undefined, audit: { action: "council.sso-configured", subjectType: "council", subjectId: councilId, before, after: values } };
    });
  }

  /** Where to send the person to sign in at their council's identity provider; a cookie value binds the return to this browser. */
  async start(councilCode: string, redirectUri: string, returnTo: string): Promise<{ url: string; state: string }> {
    const council = (await repository.listSsoCouncils(this.db)).find((c) => c.code === councilCode.toUpperCase());
    if (!council) throw new NotFound("This council does not offer single sign-on");
    const config = await this.#configFor(council);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await repository.insertAttempt(this.db, {
      stateHash: sha256(state),
      councilId: council.council_id,
      codeVerifier,
      nonce,
      returnTo,
      expiresAt: new Date(Date.now() + ATTEMPT_MINUTES * 60_000),
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid profile email",
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** The identity provider sent the person back: check everything, then find (or admit) them and start a session. */
  async finish(callbackUrl: URL, stateFromCookie: string | undefined): Promise<SsoResult> {
    const state = callbackUrl.searchParams.get("state") ?? "";
    const attempt = state && state === stateFromCookie ? await repository.takeAttempt(this.db, sha256(state)) : undefined;
    if (!attempt)
      return { outcome: "refused", status: 400, words: "This sign-in was not started here or took too long. Start again from the sign-in page" };
    const council = (await repository.listSsoCouncils(this.db)).find((c) => c.council_id === attempt.council_id);
    if (!council) return { outcome: "refused", words: "This council no longer offers single sign-on" };
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(await this.#configFor(council), callbackUrl, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (error) {
      // The provider's error code only: never the token, the code or who it was.
      logger.warn("Single sign-on refused by the protocol checks", { council: council.code, code: (error as { code?: string }).code ?? "unknown" });
      return {
        outcome: "refused",
        councilName: council.name,
        words: "Your council's sign-in could not be checked. Start again from the sign-in page",
      };
    }

    const system = { councilId: council.council_id, userId: null };
    const settings = await readAs(this.db, system, (trx) => repository.findSettings(trx));
    const verdict = judgeClaims(claims, { tenantId: council.tenant_id, groupRoles: settings?.group_roles ?? {} });
    if (verdict.outcome === "refused") return this.#refuse(council, verdict.reason, verdict.words, claims);

    const person = await changeAs(this.db, system, async (trx) => {
      let found = await repository.findPersonBySubject(trx, verdict.oid);
      let how = "known";
      if (!found && verdict.email) {
        // The first sign-in of an invited person ties their account to their identity-provider id.
        found = await repository.findUnboundPersonByEmail(trx, verdict.email);
        if (found) {
          await repository.bindSubject(trx, found.id, verdict.oid);
          how = "invitation";
        }
      }
      if (!found && settings?.admit_uninvited && verdict.email) {
        const created = await repository.insertPerson(trx, {
          councilId: council.council_id,
          email: verdict.email,
          displayName: verdict.displayName,
          roles: verdict.roles,
          subject: verdict.oid,
        });
        return {
          result: { id: created.id, disabled: false },
          audit: { action: "user.admitted-by-sso", subjectType: "user", subjectId: created.id, after: created },
        };
      }
      if (!found)
        return {
          result: undefined,
          audit: { action: "sign-in.sso-refused", subjectType: "council", subjectId: council.council_id, after: { reason: "not invited" } },
        };
      const before = [...found.roles].sort();
      const after = [...verdict.roles].sort();
      // The council's directory decides the roles: they follow the app roles at each sign-in.
      if (before.join() !== after.join()) await repository.setRoles(trx, found.id, verdict.roles);
      return {
        result: { id: found.id, disabled: found.disabled },
        audit: {
          action: "user.sso-checked",
          subjectType: "user",
          subjectId: found.id,
          before: { roles: found.roles },
          after: { roles: verdict.roles, how },
        },
      };
    });
    if (!person)
      return {
        outcome: "refused",
        councilName: council.name,
        words: `You have not been invited to use this service. Ask an administrator at ${council.name} to invite you`,
      };
    if (person.disabled)
      return this.#refuse(council, "switched-off", "Your account for this service is switched off. Ask your administrator", claims, person.id);
    const { token, user } = await this.access.startSession({ id: person.id, councilId: council.council_id }, { how: "single sign-on" });
    return { outcome: "signed-in", token, user, returnTo: attempt.return_to };
  }

  async #refuse(
    council: repository.SsoCouncil,
    reason: string,
    words: string,
    _claims: Record<string, unknown>,
    userId?: string,
  ): Promise<SsoResult> {
    // Audited in the council chosen, with the reason; the claims (names, emails) are not logged.
    await changeAs(this.db, { councilId: council.council_id, userId: null }, async () => ({
      result: undefined,
      audit: { action: "sign-in.sso-refused", subjectType: userId ? "user" : "council", subjectId: userId ?? council.council_id, after: { reason } },
    }));
    logger.warn("Single sign-on refused", { council: council.code, reason });
    return { outcome: "refused", councilName: council.name, words };
  }

  #configFor(council: repository.SsoCouncil): Promise<oidc.Configuration> {
    const key = `${council.issuer}|${council.client_id}`;
    let config = this.#configs.get(key);
    if (!config) {
      const secret = this.secretFor(council.code);
      if (!secret) return Promise.reject(new Error(`OIDC_CLIENT_SECRET_${envName(council.code)} is not set`));
      const issuer = new URL(council.issuer);
      // Plain http only for a provider on this machine (the tests' own); anything else must be https.
      const options = isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined;
      config = oidc.discovery(issuer, council.client_id, secret, oidc.ClientSecretPost(secret), options);
      config.catch(() => this.#configs.delete(key));
      this.#configs.set(key, config);
    }
    return config;
  }
}

/** The environment variable's name for a council code: OIDC_CLIENT_SECRET_<CODE>, hyphens as underscores. */
export function envName(councilCode: string): string {
  return councilCode.toUpperCase().replace(/-/g, "_");
}

function isLoopback(url: URL): boolean {
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
