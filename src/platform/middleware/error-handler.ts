// The last step: a fault becomes the GOV.UK error page (or JSON), never a stack trace. Refusals
// the earlier steps raise (too large, unreadable, CSRF) get their own clear pages.
import type { NextFunction, Request, Response } from "express";
import { logger } from "../logging.ts";
import { formNotChecked, renderError } from "./error-pages.ts";

export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if ((error as { code?: string }).code === "EBADCSRFTOKEN") formNotChecked(req, res);
  else if (type === "entity.too.large")
    renderError(req, res, 413, "What you sent is too large", ["Go back, shorten what you entered, and try again."]);
  else if (status === 415) unsupportedBody(req, res);
  else if (type === "entity.parse.failed" || status === 400)
    renderError(req, res, 400, "What you sent could not be read", ["Check it and try again."]);
  else serviceFault(error, req, res);
}

function serviceFault(error: unknown, req: Request, res: Response): void {
  // Log the fault for the team, never the request body: it may hold a child's details.
  logger.error("Request failed", { method: req.method, path: req.path, error });
  renderError(req, res, 500, "Sorry, there is a problem with the service", [
    "Try again later. Nothing you entered has been saved unless you saw a confirmation.",
  ]);
}

/** A body of a kind this route does not read (a file upload sent to a form without a file, say). */
export function unsupportedBody(req: Request, res: Response): void {
  renderError(req, res, 415, "This form was sent in a way the page does not accept", [
    "Go back and use the form on the page to send it. Nothing has been changed.",
  ]);
}
