// How the plan set-up and forum routes answer a change, written once. A form: done, to the next
// page (post, redirect, get); refused, the form again with what was typed and why. The JSON API:
// the use case's answer; bad input a 400 naming each field (withErrorPages); a change made from a
// stale version (optimistic locking) a 409 naming the version.
import type { Request, Response } from "express";
import { InvalidInput } from "../../platform/errors.ts";
import { type FormShape, formFieldProblems } from "../../platform/forms.ts";
import { withErrorPages } from "../../platform/http.ts";
import { VersionConflict } from "./plans.setup.service.ts";

/** Why a form's change was refused: bad input (400), or someone else changed it first (409). */
export type Refusal = { status: 400; error: InvalidInput } | { status: 409; error: VersionConflict };

/**
 * A form's change: `change` does it and names the page to go to (303); refused, `again` shows the
 * form with the status to answer with. Anything else goes to the error pages. The form's fields
 * are checked against `form` first (issue 12): one it does not have is refused before `change`.
 */
export function formChange(
  form: FormShape,
  change: (req: Request) => Promise<string>,
  again: (req: Request, res: Response, refusal: Refusal) => Promise<void> | void,
) {
  return withErrorPages(async (req, res) => {
    const stray = formFieldProblems(req.body, form);
    if (stray.length) return again(req, res, { status: 400, error: new InvalidInput(stray) });
    let next: string;
    try {
      next = await change(req);
    } catch (error) {
      if (error instanceof InvalidInput) return again(req, res, { status: 400, error });
      if (error instanceof VersionConflict) return again(req, res, { status: 409, error });
      throw error;
    }
    res.redirect(303, next);
  });
}

/** The error summary's items for a refusal: each problem, or the conflict linked to `conflictHref`. */
export function refusalErrors(
  refusal: Refusal,
  summarise: (problems: InvalidInput["problems"]) => { text: string; href: string }[],
  conflictHref: string,
) {
  return refusal.status === 409 ? [{ text: refusal.error.message, href: conflictHref }] : summarise(refusal.error.problems);
}

/** A JSON API route that changes something: 200 with what the change gives (201 for something new). */
export function jsonChange(change: (req: Request) => Promise<unknown>, status: 200 | 201 = 200) {
  return withErrorPages(async (req, res) => {
    try {
      res.status(status).json(await change(req));
    } catch (error) {
      conflictAsJson(res, error);
    }
  });
}

/** For the JSON API: a change made from a stale version is a 409 naming the field; anything else goes on. */
export function conflictAsJson(res: Response, error: unknown): void {
  if (!(error instanceof VersionConflict)) throw error;
  res.status(409).json({ errors: [{ field: "version", message: error.message }] });
}
