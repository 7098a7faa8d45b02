// Writes the import corpus (corpus.ts) to a folder: each layout's real .docx, .xlsx or .csv file
// and, beside it, <file>.expected.json with what a correct import gives (its layout, source,
// what a person enters on the check page, and the expected sections, actions, statuses and due
// dates). To open the files in Word or Excel, or import them by hand:
//   node --import tsx src/modules/imports/corpus/make-corpus.ts <folder>
//   npx send-oversight plans import <folder>/01-wsoa-table-per-weakness.docx --dry-run --json
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CORPUS } from "./corpus.ts";

export async function makeCorpus(directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const entry of CORPUS) {
    const path = join(directory, entry.file);
    await writeFile(path, await entry.make());
    const { layout, source, request, expected } = entry;
    await writeFile(`${path}.expected.json`, `${JSON.stringify({ layout, source, request: request ?? {}, expected }, null, 2)}\n`);
    written.push(path);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const directory = process.argv[2];
  if (!directory) {
    console.error("usage: node --import tsx src/modules/imports/corpus/make-corpus.ts <folder>");
    process.exit(2);
  }
  for (const path of await makeCorpus(directory)) console.log(path);
}
