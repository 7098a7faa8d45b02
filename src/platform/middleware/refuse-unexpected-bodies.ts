// Only the routes that take a file accept multipart/form-data (issue 12: every route once took it,
// skipping the CSRF check, and six answered 500). Any other body no parser read is refused with a
// clear page; a request without a body gets an empty one, so no route reads fields of undefined.
import type { NextFunction, Request, Response } from "express";
import { unsupportedBody } from "./error-handler.ts";

/** A route that takes a file: its exact path, or a pattern for a path with an id in it. */
export type FileUploadPath = string | RegExp;

export function refuseUnexpectedBodies(fileUploadPaths: readonly FileUploadPath[]) {
  const takesFile = (path: string) => fileUploadPaths.some((p) => (typeof p === "string" ? p === path : p.test(path)));
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.is("multipart/form-data")) {
      if (req.method === "POST" && takesFile(req.path)) next();
      else unsupportedBody(req, res);
    } else if (req.body === undefined && hasBody(req)) {
      unsupportedBody(req, res);
    } else {
      req.body ??= {};
      next();
    }
  };
}

function hasBody(req: Request): boolean {
  const length = req.get("content-length");
  return req.get("transfer-encoding") !== undefined || (length !== undefined && length !== "0");
}
