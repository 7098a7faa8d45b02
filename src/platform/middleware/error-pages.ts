// The pages (or JSON) people get when something cannot be done: shared by the pipeline's
// middleware and by the routes.
import type { NextFunction, Request, Response } from "express";
import { InvalidInput, NotAllowed, NotFound } from "../errors.ts";

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

export function forbidden(req: Request, res: Response): void {
  renderError(req, res, 403, "You do not have access to this page", [
    "Your account does not allow you to see or do this.",
    "If you think you should have access, ask your council's SEND Oversight administrator.",
  ]);
}

/** A form whose CSRF token is missing or wrong: nothing was done. */
export function formNotChecked(req: Request, res: Response): void {
  renderError(req, res, 403, "This form could not be checked", [
    "For your security, forms expire when you sign in or out, or after a period of inactivity.",
    "Go back, reload the page and try again. Nothing has been changed.",
  ]);
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
