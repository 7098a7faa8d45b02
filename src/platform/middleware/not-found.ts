// What no route answered: the GOV.UK "Page not found" page.
import type { Request, Response } from "express";
import { renderError } from "./error-pages.ts";

export function notFound(req: Request, res: Response): void {
  renderError(req, res, 404, "Page not found", [
    "If you typed the web address, check it is correct.",
    "If you pasted the web address, check you copied the entire address.",
  ]);
}
