// `send-oversight sen2 validate|export|import`: the SEN2 return from the command line, acting for
// the council as the system (audited "via command line"). JSON output (--json) is camelCase and a
// contract: see README "The SEN2 return".
import { readFile, stat, writeFile } from "node:fs/promises";
import { MAX_IMPORT_BYTES } from "../../domain/sen2/constants.ts";
import { InvalidInput } from "../../platform/errors.ts";
import type { Actor } from "../../platform/transaction.ts";
import type { ReturnsService } from "./returns.service.ts";
import { ExportRefused } from "./returns.service.ts";

export const SEN2_USAGE = `Usage:
  send-oversight sen2 settings --la-number 883 [--dmo Yes|No|Recruiting] [--dco ...] [--dsco ...]
  send-oversight sen2 validate --year 2027 [--council CODE] [--json]
  send-oversight sen2 export --year 2027 --out FILE.xml [--allow-errors REASON] [--council CODE] [--json]
  send-oversight sen2 import FILE.xml [--dry-run] [--council CODE] [--json]

validate  every error and query in the return, by child, naming the item and the rule
export    writes the person-level SEN2 XML; refused while errors remain unless --allow-errors
          gives the reason (recorded in the audit trail)
import    reads a council's SEN2 XML to start its caseload, all or nothing; --dry-run previews.
          Children already held (same UPN, ULN, or name and date of birth) are not created again.
Exit codes: 0 done; 1 errors in the return or the file (each named); 2 the command line is not valid.
`;

export interface Sen2CommandOptions {
  subcommand: string;
  file?: string;
  year?: string;
  out?: string;
  allowErrors?: string;
  /** For `sen2 settings`. */
  settings?: { laNumber?: string; dmo?: string; dco?: string; dsco?: string };
  dryRun: boolean;
  json: boolean;
}

export async function runSen2Command(
  returns: ReturnsService,
  actor: Actor,
  options: Sen2CommandOptions,
  io: { stdout: (t: string) => void; stderr: (t: string) => void },
): Promise<number> {
  const print = (result: object, text: string) => io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${text}\n`);
  const year = () => {
    if (!options.year || !/^\d{4}$/.test(options.year))
      throw new InvalidInput([{ field: "--year", message: "give the census year, like --year 2027" }]);
    return Number(options.year);
  };
  try {
    if (options.subcommand === "settings") {
      const saved = await returns.saveSettings(actor, "system", { ...options.settings });
      print(
        saved,
        `Saved the SEN2 settings: LA number ${saved.laNumber}, DMO ${saved.dmo ?? "not given"}, DCO ${saved.dco ?? "not given"}, DSCO ${saved.dsco ?? "not given"}.`,
      );
      return 0;
    }
    if (options.subcommand === "validate") {
      const report = await returns.validate(actor, "system", year());
      print(
        report,
        [`SEN2 ${report.year} (census day ${report.censusDay}): ${report.children} children, ${report.errors} errors, ${report.queries} queries.`]
          .concat(report.issues.map((i) => `${i.severity.toUpperCase()} ${i.rule} ${i.where} ${i.item}: ${i.message}`))
          .join("\n"),
      );
      return report.errors ? 1 : 0;
    }
    if (options.subcommand === "export") {
      if (!options.out)
        throw new InvalidInput([
          { field: "--out", message: "give the file to write, like --out sen2-2027.xml: children's details are never printed" },
        ]);
      const result = await returns.exportReturn(
        actor,
        "system",
        year(),
        options.allowErrors !== undefined ? { allowErrors: options.allowErrors } : {},
      );
      await writeFile(options.out, result.xml);
      const { xml: _xml, ...summary } = result;
      print(
        { out: options.out, ...summary },
        `Wrote the SEN2 ${result.year} return to ${options.out}: ${result.children} children, serial number ${result.serialNo}.`,
      );
      return 0;
    }
    if (options.subcommand === "import") {
      if (!options.file) throw new InvalidInput([{ field: "FILE", message: "give the SEN2 XML file to read, like sen2 import last-return.xml" }]);
      const unreadable = () => {
        throw new InvalidInput([{ field: "FILE", message: `${options.file} could not be read` }]);
      };
      // Judged by its size before it is read, so a 1 GB file is refused without filling memory.
      const { size } = await stat(options.file).catch(unreadable);
      if (size > MAX_IMPORT_BYTES)
        throw new InvalidInput([
          {
            field: "FILE",
            message: `${options.file} is ${Math.round(size / 1048576)} MB; a SEN2 return is at most ${MAX_IMPORT_BYTES / 1048576} MB. Nothing was read or saved.`,
          },
        ]);
      const file = await readFile(options.file).catch(unreadable);
      const result = await returns.importReturn(actor, "system", file, { dryRun: options.dryRun });
      print(
        result,
        `${result.dryRun ? "Would create" : "Created"} ${result.created} children (${result.alreadyHeld} already held): ${result.requests} requests, ${result.plans} plans, ${result.placements} placements, ${result.reviews} reviews, ${result.needs} needs.`,
      );
      return 0;
    }
    io.stderr(SEN2_USAGE);
    return 2;
  } catch (error) {
    if (error instanceof ExportRefused) {
      if (options.json) io.stdout(`${JSON.stringify({ refused: error.message, issues: error.issues }, null, 2)}\n`);
      io.stderr(`send-oversight sen2: ${error.message}\n`);
      return 1;
    }
    if (error instanceof InvalidInput) {
      if (options.json) io.stdout(`${JSON.stringify({ problems: error.problems }, null, 2)}\n`);
      io.stderr(error.problems.map((p) => `send-oversight sen2: ${p.field}: ${p.message}\n`).join(""));
      return 1;
    }
    throw error;
  }
}
