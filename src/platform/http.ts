// The HTTP pipeline: security headers, assets, sessions, CSRF, routes and error pages.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import cookieParser from "cookie-parser";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Permission } from "../domain/roles.ts";
import { type CurrentUser, userCan } from "../modules/access/access.service.ts";
import { assetsRouter } from "./assets.ts";
import type { Config } from "./config.ts";
import { InvalidInput, NotAllowed, NotFound } from "./errors.ts";
import { logger } from "./logging.ts";
import { configureViews } from "./views.ts";

declare global {
  namespace Express {
    interface Request {
      user?: CurrentUser;
    }
  }
}

export const SESSION_COOKIE = "so_session";
const ANONYMOUS_COOKIE = "so_anon";

export interface HttpDeps {
  config: Config;
  findSignedInUser: (token: string | undefined) => Promise<CurrentUser | undefined>;
  /** Answered first, before security headers, cookies, sessions and templates: health probes. */
  probes?: express.Router;
  routers: express.Router[];
  navigationFor: (user: CurrentUser, path: string) => { href: string; text: string; active?: boolean }[];
}

export function createApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  configureViews(app);
  if (deps.probes) app.use(deps.probes);

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // GOV.UK Frontend's template adds one inline script (js-enabled), allowed by its nonce.
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: deps.config.production ? [] : null,
        },
      },
      strictTransportSecurity: deps.config.production,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(assetsRouter());
  app.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 500 }));
  app.use(express.json({ limit: "1mb" }));
  app.use(cookieParser());

  app.use(async (req, res, next) => {
    req.user = await deps.findSignedInUser(req.cookies?.[SESSION_COOKIE]);
    res.locals.user = req.user;
    if (req.user) res.locals.navigation = deps.navigationFor(req.user, req.path);
    next();
  });
  app.use(csrfProtection(deps.config));

  for (const router of deps.routers) app.use(router);

  app.use((req, res) => {
    renderError(req, res, 404, "Page not found", [
      "If you typed the web address, check it is correct.",
      "If you pasted the web address, check you copied the entire address.",
    ]);
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") {
      return renderError(req, res, 413, "What you sent is too large", ["Go back, shorten what you entered, and try again."]);
    }
    if (type === "entity.parse.failed" || status === 400) {
      return renderError(req, res, 400, "What you sent could not be read", ["Check it and try again."]);
    }
    // Log the fault for the team, never the request body: it may hold a child's details.
    logger.error("Request failed", { method: req.method, path: req.path, error });
    renderError(req, res, 500, "Sorry, there is a problem with the service", [
      "Try again later. Nothing you entered has been saved unless you saw a confirmation.",
    ]);
  });
  return app;
}

export function renderError(req: Request, res: Response, status: number, heading: string, paragraphs: string[]): void {
  if (res.headersSent) return;
  res.status(status);
  if (wantsJson(req)) {
    res.json({ error: heading, details: paragraphs });
    return;
  }
  res.render("error.njk", { pageTitle: heading, heading, paragraphs });
}

export function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || req.path === "/health" || (req.get("accept") ?? "").startsWith("application/json");
}

/** Sends people who are not signed in to the sign-in page, and coming back afterwards. */
export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) next();
  else if (wantsJson(req)) res.status(401).json({ error: "Sign in first." });
  else res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
}

/** The route's permission, checked before the service checks it again. */
export function requirePermission(permission: Permission) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.user) requireSignIn(req, res, next);
    else if (userCan(req.user, permission)) next();
    else forbidden(req, res);
  };
}

/**
 * Runs a route and turns the services' errors into the pages (or JSON) people can act on:
 * not found, no access, and for the JSON API, bad input with each field named.
 */
export function withErrorPages(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof NotFound) renderError(req, res, 404, "Page not found", [error.message]);
      else if (error instanceof NotAllowed) forbidden(req, res);
      else if (error instanceof InvalidInput && req.path.startsWith("/api/")) res.status(400).json({ errors: error.problems });
      else if (error instanceof InvalidInput)
        renderError(req, res, 400, "There is a problem with the address", [...error.problems.map((p) => p.message), "Go back and try again."]);
      else next(error);
    }
  };
}

export function forbidden(req: Request, res: Response): void {
  renderError(req, res, 403, "You do not have access to this page", [
    "Your account does not allow you to see or do this.",
    "If you think you should have access, ask your council's SEND Oversight administrator.",
  ]);
}

/**
 * CSRF tokens tie every form to the browser's session: the token is an HMAC of the session (or,
 * before sign-in, a random per-browser cookie) under the server's secret, so it cannot be forged
 * from another site. Every POST must carry it in `_csrf` or the `x-csrf-token` header.
 */
function csrfProtection(config: Config) {
  const tokenFor = (binding: string) => createHmac("sha256", config.sessionSecret).update(binding).digest("base64url");
  return (req: Request, res: Response, next: NextFunction): void => {
    let binding = req.cookies?.[SESSION_COOKIE] ? `session:${req.cookies[SESSION_COOKIE]}` : undefined;
    if (!binding) {
      let anonymous = req.cookies?.[ANONYMOUS_COOKIE] as string | undefined;
      if (!anonymous || anonymous.length > 100) {
        anonymous = randomBytes(24).toString("base64url");
        res.cookie(ANONYMOUS_COOKIE, anonymous, cookieOptions(config));
        req.cookies[ANONYMOUS_COOKIE] = anonymous;
      }
      binding = `anonymous:${anonymous}`;
    }
    const expected = tokenFor(binding);
    res.locals.csrfToken = expected;
    const sent = String(req.body?._csrf ?? req.get("x-csrf-token") ?? "");
    // The calculator API reads no session and saves nothing, so it is open to other programs.
    const safeMethod = ["GET", "HEAD", "OPTIONS"].includes(req.method) || req.path === "/api/deadlines";
    // A file upload's body is read by its route (busboy), which then checks the form's _csrf
    // field itself (imports.routes.ts); a header, when sent, is checked here as for any form.
    const multipartChecksItsOwnField = req.is("multipart/form-data") && !req.get("x-csrf-token");
    if (safeMethod || multipartChecksItsOwnField || (sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected)))) {
      next();
      return;
    }
    renderError(req, res, 403, "This form could not be checked", [
      "For your security, forms expire when you sign in or out, or after a period of inactivity.",
      "Go back, reload the page and try again. Nothing has been changed.",
    ]);
  };
}

export function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: "lax" as const, secure: config.production, path: "/" };
}
