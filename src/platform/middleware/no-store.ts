// Cache-Control: no-store on every page, file and API answer (everything but the static assets,
// which come earlier in the pipeline). On a shared council PC, Back after signing out must not
// show the register from the browser's cache (issue 12): with no-store the browser asks again and
// is sent to sign in. The sign-in page holds a CSRF token for this browser, so it is not kept either.
import type { NextFunction, Request, Response } from "express";

export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set("Cache-Control", "no-store");
  next();
}
