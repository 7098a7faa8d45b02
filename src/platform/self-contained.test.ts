// A clone in any folder must work on its own: nothing the product, its tests, benchmarks, scripts
// or docs use may point into a folder beside the repository (the project's working notes lived in
// ../shared; what is needed from there is copied in, with its source named).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { projectRoot } from "./assets.ts";

const FOLDERS = ["src", "bench", "e2e", "scripts", "migrations", "docs", ".ci"];
const FILES = ["README.md", "package.json", "tsconfig.json", "biome.json"];
const TEXT = /\.(ts|mts|js|mjs|json|md|njk|scss|sh|sql|csv|txt|yml|yaml)$|^run$/;
// "../shared", "/work/shared", or a file of the notes folder named by its folder ("shared/seeds").
const OUTSIDE = /\.\.[\\/]+shared\b|\/work\/shared\b|\bshared\/(?:vectors|seeds|reference|notes|hooks|STATUTORY|SPEC|DESIGN)\b/;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(full);
    return TEXT.test(entry.name) ? [full] : [];
  });
}

// This file names the pattern it looks for, so it is left out of the search.
const THIS_FILE = "src/platform/self-contained.test.ts";

function filesPointingOutside(root: string): string[] {
  const files = [
    ...FOLDERS.map((d) => path.join(root, d))
      .filter((d) => fs.existsSync(d))
      .flatMap(walk),
    ...FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)),
  ];
  const found: string[] = [];
  for (const file of files) {
    if (path.relative(root, file).split(path.sep).join("/") === THIS_FILE) continue;
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      if (OUTSIDE.test(line)) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

test("no file of the repository reads or cites a path outside it (the shared folder beside it)", () => {
  assert.deepEqual(filesPointingOutside(projectRoot), []);
});

test("the check finds such a path (so the test above can fail)", () => {
  const root = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? "/tmp"), "self-contained-"));
  try {
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src", "a.test.ts"), `const p = "${".."}/shared/vectors/x.json";\n`);
    fs.writeFileSync(path.join(root, "README.md"), `See ${"shared"}/seeds for the papers.\n`);
    fs.writeFileSync(path.join(root, "src", "fine.ts"), "// Shapes shared by the rules.\n");
    assert.deepEqual(filesPointingOutside(root), [
      `src/a.test.ts:1: const p = "${".."}/shared/vectors/x.json";`,
      "README.md:1: See shared/seeds for the papers.",
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
