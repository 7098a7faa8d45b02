import express from "express";
import { waitInWords } from "../../domain/access/sign-in-limits.ts";
import type { Config } from "../../platform/config.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { cookieOptions, renderError, requirePermission, SESSION_COOKIE, withErrorPages } from "../../platform/http.ts";
import { logger } from "../../platform/logging.ts";
import { parseSignInForm, safeReturnTo } from "./access.schemas.ts";
import type { AccessService } from "./access.service.ts";
import type { SingleSignOnService } from "./sso.service.ts";

/** Binds a sign-in at the council's identity provider to the browser that started it. */
const SSO_STATE_COOKIE = "so_sso_state";
/** A sign-in whose password was right, waiting for the code from the person's authenticator app. */
const SECOND_STEP_COOKIE = "so_second_step";

export function accessRoutes(access: AccessService, config: Config, sso: SingleSignOnService): express.Router {
  const router = express.Router();

  router.get("/sign-in", async (req, res) => {
    if (req.user) return res.redirect(303, "/");
    const returnTo = safeReturnTo(req.query.returnTo);
    res.render("sign-in.njk", {
      pageTitle: "Sign in",
      returnTo,
      signedOut: req.query.signedOut === "1",
      passwordSet: req.query.passwordSet === "1",
      timedOut: req.query.timedOut === "1",
      ssoCouncils: (await sso.councils()).map((c) => ({
        ...c,
        href: `/sign-in/sso/${encodeURIComponent(c.code)}?returnTo=${encodeURIComponent(returnTo)}`,
      })),
    });
  });

  // Single sign-on: off to the council's identity provider, and back (authorisation code, PKCE, state, nonce).
  router.get("/sign-in/sso/:councilCode", async (req, res) => {
    const origin = `${req.protocol}://${req.get("host")}`;
    try {
      const { url, state } = await sso.start(String(req.params.councilCode), `${origin}/sign-in/callback`, safeReturnTo(req.query.returnTo));
      res.cookie(SSO_STATE_COOKIE, state, { ...cookieOptions(config), maxAge: 10 * 60_000 });
      res.redirect(303, url);
    } catch (error) {
      if (error instanceof NotFound) return renderError(req, res, 404, "Page not found", ["This council does not offer single sign-on here."]);
      logger.error("Single sign-on could not start", { error: (error as Error).message });
      renderError(req, res, 503, "Single sign-on is not working at the moment", [
        "Your council's sign-in could not be reached, or it is not set up completely. Try again later, or tell your council's IT team.",
      ]);
    }
  });

  router.get("/sign-in/callback", async (req, res) => {
    const callbackUrl = new URL(req.originalUrl, `${req.protocol}://${req.get("host")}`);
    const fromCookie = req.cookies?.[SSO_STATE_COOKIE];
    res.clearCookie(SSO_STATE_COOKIE, cookieOptions(config));
    const result = await sso.finish(callbackUrl, typeof fromCookie === "string" ? fromCookie : undefined);
    if (result.outcome === "refused") {
      return res
        .status(result.status ?? 403)
        .render("sso-refused.njk", { pageTitle: "You cannot sign in", words: result.words, councilName: result.councilName });
    }
    res.cookie(SESSION_COOKIE, result.token, { ...cookieOptions(config), maxAge: config.sessionAbsoluteHours * 3_600_000 });
    res.redirect(303, result.returnTo);
  });

  router.post("/sign-in", async (req, res) => {
    const returnTo = safeReturnTo(req.body.returnTo);
    const { value, errors } = parseSignInForm(req.body);
    const show = (status: number, list: typeof errors) =>
      res.status(status).render("sign-in.njk", { pageTitle: "Sign in", errors: list, email: value.email.slice(0, 254), returnTo });
    if (errors.length) return show(400, errors);

    const result = await access.signIn(value.email, value.password, req.ip ?? "unknown", returnTo);
    if (result.outcome === "too-many-attempts") {
      const wait = waitInWords(result.msLeft);
      res.set("Retry-After", String(Math.max(1, Math.ceil(result.msLeft / 1000))));
      return show(429, [{ text: `You have tried to sign in too many times. Wait ${wait}, then try again`, href: "#email" }]);
    }
    if (result.outcome === "wrong-details") {
      return show(401, [{ text: "Enter a correct email address and password", href: "#email" }]);
    }
    if (result.outcome === "code-needed") {
      res.cookie(SECOND_STEP_COOKIE, result.stepToken, { ...cookieOptions(config), maxAge: 5 * 60_000 });
      return res.redirect(303, "/sign-in/code");
    }
    res.cookie(SESSION_COOKIE, result.token, { ...cookieOptions(config), maxAge: config.sessionAbsoluteHours * 3_600_000 });
    res.redirect(303, returnTo);
  });

  // The second step for people with an authenticator app (local passwords only).
  const codePage = (res: express.Response, status = 200, errors: { text: string; href: string }[] = []) =>
    res.status(status).render("sign-in-code.njk", { pageTitle: "Enter the code from your authenticator app", errors });

  router.get("/sign-in/code", (req, res) => {
    if (req.user) return res.redirect(303, "/");
    if (typeof req.cookies?.[SECOND_STEP_COOKIE] !== "string") return res.redirect(303, "/sign-in");
    codePage(res);
  });

  router.post("/sign-in/code", async (req, res) => {
    const stepToken = req.cookies?.[SECOND_STEP_COOKIE];
    const result = await access.finishSecondStep(typeof stepToken === "string" ? stepToken : undefined, req.body, req.ip ?? "unknown");
    if (result.outcome === "timed-out") {
      res.clearCookie(SECOND_STEP_COOKIE, cookieOptions(config));
      // Back to the start: the password must be given again (a public page, so a redirect rather than a refusal).
      return res.redirect(303, "/sign-in?timedOut=1");
    }
    if (result.outcome === "invalid") return codePage(res, 400, errorSummary(result.problems));
    if (result.outcome === "wrong-code") {
      return codePage(res, 401, [{ text: "The code is not right. Enter the code your app shows now, or an unused recovery code", href: "#code" }]);
    }
    if (result.outcome === "too-many-attempts") {
      res.set("Retry-After", String(Math.max(1, Math.ceil(result.msLeft / 1000))));
      return codePage(res, 429, [
        { text: `You have entered too many wrong codes. Wait ${waitInWords(result.msLeft)}, then try again`, href: "#code" },
      ]);
    }
    res.clearCookie(SECOND_STEP_COOKIE, cookieOptions(config));
    res.cookie(SESSION_COOKIE, result.token, { ...cookieOptions(config), maxAge: config.sessionAbsoluteHours * 3_600_000 });
    res.redirect(303, result.returnTo);
  });

  // ---- single sign-on settings, for the council's administrators (the secret stays in the environment)

  const settingsPage = async (req: express.Request, res: express.Response, status = 200, extra: Record<string, unknown> = {}) => {
    const user = req.user as NonNullable<express.Request["user"]>;
    const { settings, secretName, secretSet } = await sso.settingsFor(user);
    const groups = Object.entries((settings?.group_roles ?? {}) as Record<string, string>);
    res.status(status).render("sso-settings.njk", {
      pageTitle: "Single sign-on",
      settings,
      secretName,
      secretSet,
      redirectUri: `${req.protocol}://${req.get("host")}/sign-in/callback`,
      values: {
        issuer: settings?.issuer ?? "",
        clientId: settings?.client_id ?? "",
        tenantId: settings?.tenant_id ?? "",
        admitUninvited: settings?.admit_uninvited ?? false,
        groupRoles: groups.map(([group, role]) => `${group}=${role}`).join("\n"),
      },
      saved: status === 200 && req.query.saved === "1",
      ...extra,
    });
  };

  router.get(
    "/settings/single-sign-on",
    requirePermission("manageUsers"),
    withErrorPages((req, res) => settingsPage(req, res)),
  );

  router.post(
    "/settings/single-sign-on",
    requirePermission("manageUsers"),
    withErrorPages(async (req, res) => {
      try {
        await sso.saveSettings(req.user as NonNullable<express.Request["user"]>, req.body);
        res.redirect(303, "/settings/single-sign-on?saved=1");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const body = req.body as Record<string, unknown>;
        const text = (name: string) => (Object.hasOwn(body, name) && typeof body[name] === "string" ? (body[name] as string).slice(0, 20_000) : "");
        await settingsPage(req, res, 400, {
          errors: errorSummary(error.problems),
          values: {
            issuer: text("issuer"),
            clientId: text("clientId"),
            tenantId: text("tenantId"),
            admitUninvited: text("admitUninvited") === "yes",
            groupRoles: text("groupRoles"),
          },
        });
      }
    }),
  );

  router.post("/sign-out", async (req, res) => {
    if (req.user) await access.signOut(req.user);
    res.clearCookie(SESSION_COOKIE, cookieOptions(config));
    res.redirect(303, "/sign-in?signedOut=1");
  });

  return router;
}
