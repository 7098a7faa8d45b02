// Nunjucks with GOV.UK Frontend and MOJ Frontend templates; autoescaping on.
import fs from "node:fs";
import path from "node:path";
import type express from "express";
import nunjucks from "nunjucks";
import { formatDate } from "../domain/dates.ts";
import { projectRoot } from "./assets.ts";

// 24-hour clock ("9 March 2026, 00:42"): en-GB's 12-hour form wrote 12:42 am as "0:42 am".
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/London",
});

/** "2026-03-09" -> "9 March 2026", for templates (empty for no date). */
export function formatDateFilter(value: string | null | undefined): string {
  return value ? formatDate(value.slice(0, 10)) : "";
}

/** Time stamps are UTC in the database and Europe/London on screen. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? "" : dateTime.format(date).replace(" at ", ", ");
}

/** Nunjucks's `trim` in linear time: text marked safe stays safe, as with the filter it replaces. */
export function trimFilter(value: unknown): unknown {
  const trimmed = String(value ?? "").trim();
  return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
}

export function configureViews(app: express.Express): nunjucks.Environment {
  const modulesDir = path.join(projectRoot, "src/modules");
  const featureViews = fs
    .readdirSync(modulesDir)
    .map((name) => path.join(modulesDir, name, "views"))
    .filter((dir) => fs.existsSync(dir));
  const env = nunjucks.configure(
    [
      path.join(projectRoot, "src/views"),
      ...featureViews,
      path.join(projectRoot, "node_modules/govuk-frontend/dist"),
      path.join(projectRoot, "node_modules/@ministryofjustice/frontend"),
    ],
    { autoescape: true, express: app, throwOnUndefined: false, noCache: false },
  );
  // GOV.UK Frontend's macros trim every block of HTML they are given. Nunjucks's own trim is
  // `replace(/^\s*|\s*$/g, "")`, whose `\s*$` is tried from every position of the text: the time
  // grows with the square of the whitespace in it, and was the largest cost of a plan page (16%
  // of the server's time, issue 14). String.prototype.trim removes the same characters (`\s`).
  env.addFilter("trim", trimFilter);
  env.addFilter("formatDate", formatDateFilter);
  env.addFilter("formatDateTime", formatDateTime);
  // GOV.UK style writes numbers of 1,000 and over with commas.
  env.addFilter("formatNumber", (n: unknown) => (typeof n === "number" ? n.toLocaleString("en-GB") : n));
  // A cell that holds a date as people read it ("9 March 2026", "Since 1 May 2025"): such cells
  // get app-nowrap so the date never breaks over lines (issue 20).
  env.addFilter("isDateText", isDateText);
  // The field-level message for an input, from the same list the error summary shows.
  env.addGlobal("errorFor", (errors: { text: string; href: string }[] | undefined, id: string) => {
    const error = errors?.find((e) => e.href === `#${id}`);
    return error ? { text: error.text } : undefined;
  });
  // Radio options as GOV.UK items, with the chosen one checked.
  env.addGlobal("radioItems", (options: { value: string; text: string }[], chosen: string | undefined) =>
    options.map((option) => ({ ...option, checked: option.value === chosen })),
  );
  // Options for a GOV.UK select from a list of strings or of objects, with the chosen one selected.
  env.addFilter("selectOptions", (items: unknown[], valueKey: string | null, textKey: string | null, chosen: string | undefined) =>
    items.map((item) => {
      const value = String(valueKey ? (item as Record<string, unknown>)[valueKey] : item);
      const text = String(textKey ? (item as Record<string, unknown>)[textKey] : item);
      return { value, text, selected: value === chosen };
    }),
  );
  app.set("view engine", "njk");
  return env;
}

/** A short text that ends in a date written for people, such as "9 March 2026" or "Since 1 May 2025". */
export function isDateText(text: unknown): boolean {
  return (
    typeof text === "string" &&
    text.length <= 40 &&
    /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/.test(text)
  );
}
