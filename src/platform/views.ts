// Nunjucks with GOV.UK Frontend and MOJ Frontend templates; autoescaping on.
import fs from "node:fs";
import path from "node:path";
import type express from "express";
import nunjucks from "nunjucks";
import { projectRoot } from "./assets.ts";

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
  timeZone: "Europe/London",
});

/** "2026-03-09" -> "9 March 2026"; dates have no time, so they are read as UTC to never shift. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : longDate.format(date);
}

/** Time stamps are UTC in the database and Europe/London on screen. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? "" : dateTime.format(date).replace(" at ", ", ");
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
  env.addFilter("formatDate", formatDate);
  env.addFilter("formatDateTime", formatDateTime);
  // The field-level message for an input, from the same list the error summary shows.
  env.addGlobal("errorFor", (errors: { text: string; href: string }[] | undefined, id: string) => {
    const error = errors?.find((e) => e.href === `#${id}`);
    return error ? { text: error.text } : undefined;
  });
  app.set("view engine", "njk");
  return env;
}
