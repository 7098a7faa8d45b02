import express from "express";
import { waitInWords } from "../../domain/access/sign-in-limits.ts";
import type { Config } from "../../platform/config.ts";
import { cookieOptions, SESSION_COOKIE } from "../../platform/http.ts";
import { parseSignInForm, safeReturnTo } from "./access.schemas.ts";
import type { AccessService } from "./access.service.ts";

export function accessRoutes(access: AccessService, config: Config): express.Router {
  const router = express.Router();

  router.get("/sign-in", (req, res) => {
    if (req.user) return res.redirect(303, "/");
    res.render("sign-in.njk", {
      pageTitle: "Sign in",
      returnTo: safeReturnTo(req.query.returnTo),
      signedOut: req.query.signedOut === "1",
      passwordSet: req.query.passwordSet === "1",
    });
  });

  router.post("/sign-in", async (req, res) => {
    const returnTo = safeReturnTo(req.body.returnTo);
    const { value, errors } = parseSignInForm(req.body);
    const show = (status: number, list: typeof errors) =>
      res.status(status).render("sign-in.njk", { pageTitle: "Sign in", errors: list, email: value.email.slice(0, 254), returnTo });
    if (errors.length) return show(400, errors);

    const result = await access.signIn(value.email, value.password, req.ip ?? "unknown");
    if (result.outcome === "too-many-attempts") {
      const wait = waitInWords(result.msLeft);
      res.set("Retry-After", String(Math.max(1, Math.ceil(result.msLeft / 1000))));
      return show(429, [{ text: `You have tried to sign in too many times. Wait ${wait}, then try again`, href: "#email" }]);
    }
    if (result.outcome === "wrong-details") {
      return show(401, [{ text: "Enter a correct email address and password", href: "#email" }]);
    }
    res.cookie(SESSION_COOKIE, result.token, { ...cookieOptions(config), maxAge: config.sessionAbsoluteHours * 3_600_000 });
    res.redirect(303, returnTo);
  });

  router.post("/sign-out", async (req, res) => {
    if (req.user) await access.signOut(req.user);
    res.clearCookie(SESSION_COOKIE, cookieOptions(config));
    res.redirect(303, "/sign-in?signedOut=1");
  });

  return router;
}
