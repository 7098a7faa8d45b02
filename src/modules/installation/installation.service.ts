// From trying it to running it (issue 14, part 6): a backup of the embedded database and its
// restore, and a move of an embedded installation into an empty PostgreSQL database, each checked
// by counting every table's rows on both sides. The embedded data folder is locked throughout, so
// no server writes while it is read or written.
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { takeLock } from "../../platform/data-lock.ts";
import { type Database, embeddedDataPath } from "../../platform/db.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { migrateToLatest } from "../../platform/migrate.ts";
import type { Queryable, TableShape } from "./installation.repository.ts";
import * as repository from "./installation.repository.ts";

export interface TableCount {
  table: string;
  rows: number;
}

/** Tables a migration fills: the copy replaces the new database's rows with the old one's. */
const MADE_BY_MIGRATIONS = new Set(["auth_secret"]);
const BATCH_ROWS = 2000;

/** Every table's rows, in name order. */
export async function countTables(db: Queryable): Promise<TableCount[]> {
  const out: TableCount[] = [];
  for (const table of await repository.tableShapes(db)) out.push({ table: table.name, rows: await repository.countRows(db, table.name) });
  return out;
}

/** Tables in an order where each comes after those its foreign keys point to (a table pointing to itself is copied in one statement). */
export function copyOrder(tables: readonly TableShape[]): TableShape[] {
  const done = new Set<string>();
  const order: TableShape[] = [];
  let left = [...tables];
  while (left.length) {
    const ready = left.filter((t) => t.references.every((r) => r === t.name || done.has(r) || !tables.some((x) => x.name === r)));
    if (ready.length === 0) throw new Error(`The foreign keys of ${left.map((t) => t.name).join(", ")} go round in a circle`);
    for (const t of ready) {
      order.push(t);
      done.add(t.name);
    }
    left = left.filter((t) => !done.has(t.name));
  }
  return order;
}

/** The embedded database as one .tar.gz, read back and counted before it is written. */
export async function backupEmbedded(dataDir: string, outFile: string): Promise<{ out: string; bytes: number; tables: number; rows: number }> {
  const pgdata = embeddedDataPath(dataDir);
  if (!fs.existsSync(pgdata)) throw new InvalidInput([{ field: "DATA_DIR", message: `${dataDir} holds no embedded database to back up` }]);
  const release = takeLock(dataDir);
  let counts: TableCount[];
  let dump: Blob;
  try {
    const pglite = await PGlite.create(pgdata);
    try {
      counts = await countTables(pglite);
      dump = await pglite.dumpDataDir("gzip");
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
  const check = await PGlite.create({ loadDataDir: dump });
  const again = await countTables(check).finally(() => check.close());
  const differs = differences(counts, again);
  if (differs.length) throw new Error(`The backup does not read back the same: ${differs.join("; ")}`);
  const bytes = Buffer.from(await dump.arrayBuffer());
  // Written beside, then renamed: a backup interrupted half-way never takes the name.
  const temporary = `${outFile}.${process.pid}.partial`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, outFile);
  return { out: outFile, bytes: bytes.length, ...totals(counts) };
}

/** A backup into a data folder that holds no database; a file that is not a backup leaves nothing behind. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<{ dataDir: string; tables: number; rows: number }> {
  const pgdata = embeddedDataPath(dataDir);
  if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0)
    throw new InvalidInput([
      { field: "DATA_DIR", message: `${dataDir} already holds a database: move that folder aside, or set DATA_DIR to a new folder` },
    ]);
  let contents: Buffer;
  try {
    contents = fs.readFileSync(file);
  } catch {
    throw new InvalidInput([{ field: "FILE", message: `${file} cannot be read` }]);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const release = takeLock(dataDir);
  try {
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(pgdata, { loadDataDir: new Blob([new Uint8Array(contents)]) });
    } catch {
      fs.rmSync(pgdata, { recursive: true, force: true });
      throw new InvalidInput([{ field: "FILE", message: `${file} is not a backup made by send-oversight backup` }]);
    }
    const counts = await countTables(pglite).finally(() => pglite.close());
    return { dataDir, ...totals(counts) };
  } finally {
    release();
  }
}

/**
 * Copies every table of `source` (the embedded database) into `target` (an empty PostgreSQL
 * database), both brought up to date first, in one transaction, then counts both sides. The job
 * queue's own tables are not copied: schedules are made again at start, and a message whose send
 * job is lost is found by the notifications sweep.
 */
export async function moveToPostgres(source: Database, target: Database): Promise<{ tables: TableCount[]; rows: number; skipped: string[] }> {
  await migrateToLatest(source);
  await migrateToLatest(target);
  const from = source.ownerPool();
  const to = await target.ownerPool().connect();
  try {
    const theirs = await repository.tableShapes(to);
    const ours = await repository.tableShapes(from);
    const skipped = ours.filter((t) => !theirs.some((x) => x.name === t.name)).map((t) => t.name);
    const tables = copyOrder(theirs.filter((t) => ours.some((x) => x.name === t.name)));
    for (const table of tables) {
      const held = await repository.countRows(to, table.name);
      if (held > 0 && !MADE_BY_MIGRATIONS.has(table.name))
        throw new InvalidInput([
          { field: "to", message: `The PostgreSQL database already holds data (${held} rows in ${table.name}): move into an empty database` },
        ]);
    }
    await to.query("BEGIN");
    try {
      // Totals kept by triggers (the measures' day and month totals) are copied as they are, so the
      // triggers stay off while the rows they would count again go in; on again before the commit.
      for (const table of tables) await repository.setUserTriggers(to, table.name, false);
      for (const table of tables) {
        if (MADE_BY_MIGRATIONS.has(table.name)) await repository.deleteRows(to, table.name);
        const rows = await repository.countRows(from, table.name);
        // A table that points to itself goes in one statement: its keys are checked at the statement's end.
        const batch = table.references.includes(table.name) ? Math.max(rows, 1) : BATCH_ROWS;
        for (let offset = 0; offset < rows; offset += batch)
          await repository.writeRows(to, table, await repository.readRows(from, table, offset, batch));
        for (const column of table.identity) await repository.moveIdentityOn(to, table.name, column);
      }
      for (const table of tables) await repository.setUserTriggers(to, table.name, true);
      await to.query("COMMIT");
    } catch (error) {
      await to.query("ROLLBACK");
      throw error;
    }
    const before = (await countTables(from)).filter((c) => !skipped.includes(c.table));
    const after = await countTables(to);
    const differs = differences(before, after);
    if (differs.length) throw new Error(`The copy does not match: ${differs.join("; ")}`);
    return { tables: after, rows: totals(after).rows, skipped };
  } finally {
    to.release();
  }
}

function differences(a: readonly TableCount[], b: readonly TableCount[]): string[] {
  const other = new Map(b.map((c) => [c.table, c.rows]));
  return a.filter((c) => other.get(c.table) !== c.rows).map((c) => `${c.table}: ${c.rows} then ${other.get(c.table) ?? "no table"}`);
}

function totals(counts: readonly TableCount[]) {
  return { tables: counts.length, rows: counts.reduce((sum, c) => sum + c.rows, 0) };
}
