// Route guards: who may open a page, checked before the service checks it again.
import type { NextFunction, Request, Response } from "express";
import type { Permission } from "../../domain/roles.ts";
import { userCan } from "../../modules/access/access.service.ts";
import { forbidden, wantsJson } from "./error-pages.ts";

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
