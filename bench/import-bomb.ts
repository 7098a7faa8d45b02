// Benchmark (issue 12, "one person can starve everyone"): a crafted workbook of 30 million cells
// in about 2 MB, and a Word document that expands past 100 MB, each read as an upload is. Target:
// refused in under 5 s with a peak memory under 300 MB. Each file is read in a child process of
// its own, so the peak (maxRSS) is the reader's alone, not the builder's.
//   npx tsx bench/import-bomb.ts
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { docxBomb, xlsxBomb } from "../scripts/fixtures/make-zip-bomb.ts";
import { readTables } from "../src/modules/imports/readers/index.ts";

interface Measured {
  ms: number;
  peakMb: number;
  problem: string;
}

async function child(file: string): Promise<void> {
  const bytes = await readFile(file);
  const t = performance.now();
  const result = await readTables(file, bytes);
  const ms = performance.now() - t;
  const out: Measured = { ms, peakMb: process.resourceUsage().maxRSS / 1024, problem: result.ok ? "(accepted)" : result.problem };
  process.stdout.write(JSON.stringify(out));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "import-bomb-"));
  try {
    const baseline = JSON.parse(
      execFileSync(process.execPath, [
        "--import",
        "tsx",
        "-e",
        "process.stdout.write(JSON.stringify(process.resourceUsage().maxRSS / 1024))",
      ]).toString(),
    ) as number;
    console.log(`a child process that does nothing peaks at ${baseline.toFixed(0)} MB`);
    const bombs: [string, string, () => Promise<Uint8Array>][] = [
      ["workbook, 300,000 rows x 100 cells = 30 million cells", "bomb.xlsx", () => xlsxBomb({ rows: 300_000, columns: 100, empty: true })],
      ["Word document expanding to 2 GB", "bomb.docx", () => docxBomb({ bytes: 2 * 1024 * 1024 * 1024 - 1 })],
    ];
    for (const [label, name, build] of bombs) {
      const bytes = await build();
      const file = join(dir, name);
      await writeFile(file, bytes);
      const output = execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", file], {
        env: { ...process.env, LOG_LEVEL: "silent" },
      }).toString();
      const measured = JSON.parse(output) as Measured;
      console.log(
        `${label}: ${(bytes.byteLength / (1024 * 1024)).toFixed(2)} MB file, refused in ${(measured.ms / 1000).toFixed(2)} s, peak memory ${measured.peakMb.toFixed(0)} MB (target: under 5 s and 300 MB)`,
      );
      console.log(`  "${measured.problem}"`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf("--child");
if (at >= 0) await child(process.argv[at + 1] as string);
else await main();
