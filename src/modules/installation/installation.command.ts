// `send-oversight backup`, `restore` and `move-to-postgres`: keeping the embedded database safe,
// and taking it to PostgreSQL when a council moves from trying the product to running it.
import { parseArgs } from "node:util";
import type { Config } from "../../platform/config.ts";
import { describeTarget, openDatabase } from "../../platform/db.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { backupEmbedded, moveToPostgres, restoreEmbedded } from "./installation.service.ts";

export interface InstallationIO {
  stdout: (text: string) => void;
}

export async function runInstallationCommand(command: "backup" | "restore" | "move-to-postgres", args: string[], config: Config, io: InstallationIO) {
  const { values, positionals } = parseOptions(args);
  const print = (result: object, text: string) => io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${text}\n`);
  if (config.databaseUrl)
    throw new InvalidInput([
      {
        field: "DATABASE_URL",
        message: `${command} works on the embedded database (DATA_DIR); unset DATABASE_URL. For PostgreSQL, use pg_dump and pg_restore (see the README).`,
      },
    ]);
  switch (command) {
    case "backup": {
      if (!values.out) throw new InvalidInput([{ field: "--out", message: "Give the file to write, like --out send-oversight-2026-12-07.tar.gz" }]);
      const result = await backupEmbedded(config.dataDir, values.out);
      print(result, `Backed up ${result.rows} rows in ${result.tables} tables to ${result.out} (${result.bytes} bytes), and read it back.`);
      return 0;
    }
    case "restore": {
      const file = positionals[0];
      if (!file) throw new InvalidInput([{ field: "FILE", message: "Give the backup to restore, like send-oversight restore backup.tar.gz" }]);
      const result = await restoreEmbedded(file, config.dataDir);
      print(result, `Restored ${result.rows} rows in ${result.tables} tables into ${result.dataDir}. Start the server to use them.`);
      return 0;
    }
    case "move-to-postgres": {
      if (!values.to?.startsWith("postgres"))
        throw new InvalidInput([
          { field: "--to", message: "Give the empty PostgreSQL database as its owner's URL, like --to postgres://owner@db.example/send_oversight" },
        ]);
      const target = { kind: "postgres" as const, url: values.to };
      const source = await openDatabase({ kind: "pglite", dataDir: config.dataDir });
      try {
        const into = await openDatabase(target);
        try {
          const result = await moveToPostgres(source, into);
          const where = describeTarget(target);
          print(
            { to: where, ...result },
            `Copied ${result.rows} rows in ${result.tables.length} tables into ${where}; every table's count matches. Set DATABASE_URL to use it.`,
          );
          return 0;
        } finally {
          await into.close();
        }
      } finally {
        await source.close();
      }
    }
  }
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { out: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new InvalidInput([{ field: "options", message: (error as Error).message }]);
  }
}
