// CSRF protection with csrf-sync: a synchronizer token kept on the server, never derived from
// anything the browser sends (docs/adr/0004). Signed in, the token belongs to the session row;
// before sign-in, the sign-in form's token is a pre-session row found by a random cookie. Every
// POST, PUT, PATCH and DELETE must send it: in the `_csrf` field of a form, the `x-csrf-token`
// header, or (for a file upload, whose body is read only after this check) the `_csrf` query
// parameter of the form's action.
import { randomBytes } from "node:crypto";
import { csrfSync } from "csrf-sync";
import type { NextFunction, Request, Response } from "express";
import type { CurrentUser } from "../../modules/access/access.service.ts";
import type { Config } from "../config.ts";
import { cookieOptions } from "./cookies.ts";

export const PRE_SESSION_COOKIE = "so_presession";
/** A pre-session lasts this long: time to type an email address and password, several times over. */
export const PRE_SESSION_MINUTES = 60;

/** Where the tokens are kept (the database: see AccessService). */
export interface CsrfTokenStore {
  findForSession(user: CurrentUser): Promise<string | undefined>;
  saveForSession(user: CurrentUser, token: string): Promise<void>;
  findBeforeSignIn(cookie: string): Promise<string | undefined>;
  saveBeforeSignIn(cookie: string, token: string, expiresAt: Date): Promise<void>;
  forgetBeforeSignIn(cookie: string): Promise<void>;
}

declare global {
  namespace Express {
    interface Request {
      /** The token kept on the server for this session or pre-session, loaded before the check. */
      csrfState?: string;
    }
  }
}

/** The token the request carries, if any. */
function tokenSent(req: Request): string | undefined {
  const header = req.get("x-csrf-token");
  if (header) return header;
  if (req.is("multipart/form-data")) return typeof req.query._csrf === "string" ? req.query._csrf : undefined;
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && Object.hasOwn(body, "_csrf") ? body._csrf : undefined;
  return typeof field === "string" ? field : undefined;
}

export function csrfProtection(options: {
  config: Config;
  store: CsrfTokenStore;
  /** Pages with a form for people not yet signed in: only these start a pre-session (a path ending in "/" covers those under it). */
  signInFormPaths: readonly string[];
  /** Routes that read no session and change nothing (the deadline calculator's API). */
  openPaths: readonly string[];
}) {
  const { store, config } = options;
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromState: (req) => req.csrfState,
    storeTokenInState: (req, token) => {
      req.csrfState = token ?? undefined;
    },
    getTokenFromRequest: tokenSent,
    skipCsrfProtection: (req) => options.openPaths.includes(req.path),
    size: 32,
  });
  const safe = (req: Request) => req.method === "GET" || req.method === "HEAD";

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const raw = req.cookies?.[PRE_SESSION_COOKIE];
    const preSession = typeof raw === "string" && raw.length <= 100 ? raw : undefined;
    if (req.user) {
      // Read with the session (one query a request); asked for only when it was not there then.
      req.csrfState = req.user.csrfToken ?? (await store.findForSession(req.user));
      // A new session gets a new token (so a token seen before sign-in is no use after it).
      if (!req.csrfState) await store.saveForSession(req.user, generateToken(req));
      if (preSession) {
        await store.forgetBeforeSignIn(preSession);
        res.clearCookie(PRE_SESSION_COOKIE, cookieOptions(config));
      }
    } else if (preSession) {
      req.csrfState = await store.findBeforeSignIn(preSession);
    }
    if (!req.user && !req.csrfState && safe(req) && isSignInFormPath(options.signInFormPaths, req.path)) {
      const cookie = randomBytes(32).toString("base64url");
      await store.saveBeforeSignIn(cookie, generateToken(req), new Date(Date.now() + PRE_SESSION_MINUTES * 60_000));
      res.cookie(PRE_SESSION_COOKIE, cookie, { ...cookieOptions(config), maxAge: PRE_SESSION_MINUTES * 60_000 });
    }
    res.locals.csrfToken = req.csrfState;
    csrfSynchronisedProtection(req, res, next);
  };
}

function isSignInFormPath(paths: readonly string[], path: string): boolean {
  return paths.some((p) => (p.endsWith("/") ? path.startsWith(p) && path.length > p.length : path === p));
}
