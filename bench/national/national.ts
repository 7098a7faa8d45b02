// Shared by the national benchmark (issue 14 part 5, issue 16): the installation's date, its
// database and how its 640,000 plans are shared among 153 councils.
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/platform/assets.ts";

/** Every figure is as at this day, so the loaded rows (worked out "as at today") stay current. */
export const TODAY = "2026-12-07";
/** NATIONAL_DATABASE names another (a small one to try the scripts on while the big one loads). */
export const DATABASE_NAME = process.env.NATIONAL_DATABASE ?? "send_national";

/** DATABASE_URL with the national database's name in place of its own. */
export function nationalUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL server (postgres://user@host:port/postgres): the national database is made there");
  if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE_NAME)) throw new Error(`Not a database name: ${DATABASE_NAME}`);
  const target = new URL(url);
  target.pathname = `/${DATABASE_NAME}`;
  return target.toString();
}

export interface CouncilSize {
  code: string;
  name: string;
  plans: number;
}

/**
 * 153 councils sharing `total` plans. The ten largest are the DfE's January 2025 figures
 * (src/domain/measures/reference/largest-councils-2025.csv, scaled with the total); the DfE
 * publishes the others too but they are not shipped here, so the other 143 share the rest on a
 * falling curve (plans = a * rank^-k, k chosen so the total is met, starting below the tenth).
 */
export function councilSizes(total = 640_000, councils = 153): CouncilSize[] {
  const lines = fs
    .readFileSync(path.join(projectRoot, "src/domain/measures/reference/largest-councils-2025.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const england = 638_745; // plans in January 2025, england-ehc-plans.csv
  const largest = lines.map((line) => {
    const [name, plans] = line.split(",");
    return { name: name as string, plans: Math.round((Number(plans) * total) / england) };
  });
  const rest = total - largest.reduce((sum, c) => sum + c.plans, 0);
  const ranks = Array.from({ length: councils - largest.length }, (_, i) => i + largest.length + 1);
  const start = (largest.at(-1)?.plans ?? 10_000) * 0.97;
  const sizesFor = (k: number) => ranks.map((r) => start * (r / (largest.length + 1)) ** -k);
  let [low, high] = [0, 5];
  for (let i = 0; i < 60; i++) {
    const k = (low + high) / 2;
    if (sizesFor(k).reduce((a, b) => a + b, 0) > rest) low = k;
    else high = k;
  }
  const others = sizesFor(low).map((s) => Math.round(s));
  // Rounding leaves a few plans over or short: the largest of the others takes them.
  others[0] = (others[0] as number) + rest - others.reduce((a, b) => a + b, 0);
  return [
    ...largest.map((c, i) => ({ code: `N${String(i + 1).padStart(3, "0")}`, name: `${c.name}-size Council`, plans: c.plans })),
    ...others.map((plans, i) => ({ code: `N${String(i + largest.length + 1).padStart(3, "0")}`, name: `Council ${i + largest.length + 1}`, plans })),
  ];
}
