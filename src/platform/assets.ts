// Compiles the council-branded stylesheet from Sass (Arial only) and serves the front-end files.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import * as sass from "sass";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const source = path.join(projectRoot, "src/assets/app.scss");
const built = path.join(projectRoot, "public/build/app.css");
const moduleDir = (name: string) => path.join(projectRoot, "node_modules", name);

/** Returns the built CSS, compiling it when it is missing or older than its source. */
export function buildStylesheet(force = false): string {
  const stale = force || !fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs;
  if (stale) {
    const { css } = sass.compile(source, {
      loadPaths: [projectRoot, path.join(projectRoot, "node_modules")],
      style: "compressed",
      logger: sass.Logger.silent,
    });
    fs.mkdirSync(path.dirname(built), { recursive: true });
    fs.writeFileSync(built, css);
    return css;
  }
  return fs.readFileSync(built, "utf8");
}

export function assetsRouter(): express.Router {
  buildStylesheet();
  const router = express.Router();
  const options = { maxAge: "1h", fallthrough: false };
  router.get("/assets/app.css", (_req, res) => res.sendFile(built, { maxAge: "1h" }));
  router.get("/assets/app.js", (_req, res) => res.sendFile(path.join(projectRoot, "src/assets/app.js"), { maxAge: "1h" }));
  router.get("/assets/govuk-frontend.min.js", (_req, res) =>
    res.sendFile(path.join(moduleDir("govuk-frontend"), "dist/govuk/govuk-frontend.min.js"), { maxAge: "1h" }),
  );
  router.get("/assets/moj-frontend.min.js", (_req, res) =>
    res.sendFile(path.join(moduleDir("@ministryofjustice/frontend"), "moj/moj-frontend.min.js"), { maxAge: "1h" }),
  );
  router.use("/assets/images", express.static(path.join(moduleDir("govuk-frontend"), "dist/govuk/assets/images"), options));
  router.use("/assets/images", express.static(path.join(moduleDir("@ministryofjustice/frontend"), "moj/assets/images"), options));
  return router;
}
