// Who is signed in: the session cookie's person (or nobody), for the routes and the templates.
import type { NextFunction, Request, Response } from "express";
import type { CurrentUser } from "../../modules/access/access.service.ts";

export const SESSION_COOKIE = "so_session";

declare global {
  namespace Express {
    interface Request {
      user?: CurrentUser;
    }
  }
}

export function signedInUser(
  findSignedInUser: (token: string | undefined) => Promise<CurrentUser | undefined>,
  navigationFor: (user: CurrentUser, path: string) => { href: string; text: string; active?: boolean }[],
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    req.user = await findSignedInUser(req.cookies?.[SESSION_COOKIE]);
    res.locals.user = req.user;
    if (req.user) res.locals.navigation = navigationFor(req.user, req.path);
    next();
  };
}
