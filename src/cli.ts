// Command line: `npx send-oversight <command>`. Each command returns an exit code; errors are
// one clear line on standard error, never a stack trace.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { helpFor, overallHelp, subcommandsOf } from "./cli-help.ts";
import { isIsoDate } from "./domain/dates.ts";
import type { MappingOverride } from "./domain/imports/mapping.ts";
import { percentDone, progressWords } from "./domain/imports/progress.ts";
import { PLAN_TYPES, type PlanType } from "./domain/plans/types.ts";
import { runDeadlinesCommand } from "./modules/deadlines/deadlines.command.ts";
import type { ImportsService, OnProgress } from "./modules/imports/imports.service.ts";
import { runInstallationCommand } from "./modules/installation/installation.command.ts";
import { enteredJson } from "./modules/measures/entered-measures.presenter.ts";
import type { MeasureLinksService } from "./modules/measures/measure-links.service.ts";
import { parsePeriod } from "./modules/measures/measures.periods.ts";
import { reportJson } from "./modules/measures/measures.routes.ts";
import type { PlansService } from "./modules/plans/plans.service.ts";
import { runSen2Command } from "./modules/returns/returns.command.ts";
import { londonToday } from "./platform/clock.ts";
import { ConfigError, loadConfig } from "./platform/config.ts";
import { DatabaseLockedError, InvalidInput } from "./platform/errors.ts";

export interface CommandIO {
  stdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  today: () => string;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // Every command answers --help before it touches the database.
    if (command === undefined || argv.includes("--help") || argv.includes("-h")) {
      const help = helpFor(argv);
      if (help === undefined) throw new UsageError(`unknown command "${command}". Run "send-oversight --help" to see the commands.`);
      io.stdout(help);
      return 0;
    }
    switch (command) {
      case "deadlines":
        return await runDeadlinesCommand(rest, io);
      case "migrate":
      case "seed":
      case "councils":
      case "users":
      case "sso":
      case "closures":
      case "plans":
      case "cases":
      case "sen2":
        return await runDatabaseCommand(command, rest, io);
      case "measures":
        return await runDatabaseCommand(command, rest, io);
      case "backup":
      case "restore":
      case "move-to-postgres":
        return await runInstallationCommand(command, rest, loadConfig(io.env), io);
      case "help":
        io.stdout(overallHelp());
        return 0;
      default:
        throw new UsageError(`unknown command "${command}". Run "send-oversight --help" to see the commands.`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseLockedError) {
      io.stderr(`send-oversight: ${error.message}\n`);
      return 2;
    }
    if (error instanceof InvalidInput) {
      for (const problem of error.problems) io.stderr(`send-oversight: ${problem.field}: ${problem.message}\n`);
      return 1;
    }
    io.stderr(`send-oversight: ${command} failed: ${(error as Error).message}\n`);
    return 1;
  }
}

async function runDatabaseCommand(command: string, args: string[], io: CommandIO): Promise<number> {
  const parsed = parseOptions(args, {
    json: { type: "boolean" },
    code: { type: "string" },
    name: { type: "string" },
    council: { type: "string" },
    email: { type: "string" },
    roles: { type: "string" },
    description: { type: "string" },
    from: { type: "string" },
    reopens: { type: "string" },
    "as-of": { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    kind: { type: "string" },
    since: { type: "string" },
    forum: { type: "string" },
    meeting: { type: "string" },
    plan: { type: "string" },
    mapping: { type: "string" },
    "dry-run": { type: "boolean" },
    issuer: { type: "string" },
    "client-id": { type: "string" },
    "tenant-id": { type: "string" },
    "admit-uninvited": { type: "boolean" },
    group: { type: "string", multiple: true },
    "allow-errors": { type: "string" },
    "la-number": { type: "string" },
    dmo: { type: "string" },
    dco: { type: "string" },
    dsco: { type: "string" },
    help: { type: "boolean" },
    scheme: { type: "string" },
    year: { type: "string" },
    title: { type: "string" },
    type: { type: "string" },
    "approved-on": { type: "string" },
    owner: { type: "string" },
    "responds-to": { type: "string" },
    "responds-date": { type: "string" },
    "responds-url": { type: "string" },
    cadence: { type: "string" },
    continues: { type: "string" },
    reference: { type: "string" },
    month: { type: "string" },
    quarter: { type: "string" },
    to: { type: "string" },
    "school-year": { type: "string" },
    monthly: { type: "boolean" },
  });
  const { json } = parsed.values;
  const config = loadConfig(io.env);
  const print = (result: object, text: string) => io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : `${text}\n`);

  if (command === "seed" && config.production) throw new UsageError("seed makes demo data and is refused when NODE_ENV=production.");
  const subcommand = parsed.positionals[0];
  const allowed = subcommandsOf(command);
  if (allowed.length && !allowed.includes(subcommand ?? "")) {
    throw new UsageError(`${command} takes the subcommand ${allowed.map((s) => `"${s}"`).join(" or ")}. Run "send-oversight ${command} --help".`);
  }
  // Read the password before opening the database: an interactive stdin must not hold the lock.
  const password = command === "users" ? (io.env.SEND_OVERSIGHT_PASSWORD ?? (await io.stdin()).replace(/\r?\n$/, "")) : "";

  // Loaded only for commands that need the database, so `deadlines` starts quickly.
  const { openSystem } = await import("./composition.ts");
  const { DEMO_COUNCIL, seedDemo } = await import("./modules/demo/demo.seed.ts");
  const { openDatabase, targetFromConfig } = await import("./platform/db.ts");
  const system = await openSystem(await openDatabase(targetFromConfig(config)));
  try {
    switch (command) {
      case "migrate":
        print({ migrated: true }, "The database is up to date.");
        return 0;
      case "seed": {
        const created = await seedDemo(system, { closeSouthend: true, qualityHistory: true, bindMeasures: true });
        print(
          { created, council: DEMO_COUNCIL.code },
          created ? `Created ${DEMO_COUNCIL.name} and its demo people.` : `${DEMO_COUNCIL.name} already exists.`,
        );
        return 0;
      }
      case "councils": {
        const council = await system.people.createCouncil({ code: parsed.values.code, name: parsed.values.name });
        print(council, `Created council ${council.code}: ${council.name} (${council.id}).`);
        return 0;
      }
      case "sso": {
        // Only the non-secret settings are stored; the client secret stays in the environment.
        const councilCode = String(parsed.values.council ?? "").toUpperCase();
        const councilId = await councilIdFor(system, councilCode);
        const { SingleSignOnService, envName } = await import("./modules/access/sso.service.ts");
        const settings = {
          issuer: String(parsed.values.issuer ?? ""),
          clientId: String(parsed.values["client-id"] ?? ""),
          tenantId: String(parsed.values["tenant-id"] ?? ""),
          admitUninvited: !!parsed.values["admit-uninvited"],
        };
        const groupRoles = groupRolesFrom(parsed.values.group);
        await SingleSignOnService.configure(system.db, councilId, { ...settings, groupRoles });
        const secretName = `OIDC_CLIENT_SECRET_${envName(councilCode)}`;
        print(
          // groupRoles only when groups were given: the output without them is unchanged.
          {
            council: councilCode,
            ...settings,
            ...(Object.keys(groupRoles).length ? { groupRoles: { ...groupRoles } } : {}),
            secretFromEnvironment: secretName,
          },
          `Single sign-on set for ${councilCode} with ${settings.issuer}. Set ${secretName} to the app registration's client secret where the service runs.`,
        );
        return 0;
      }
      case "closures": {
        const actor = { councilId: await councilIdFor(system, parsed.values.council), userId: null };
        if (subcommand === "list") {
          const closures = await system.deadlines.listClosures(actor);
          print(
            closures,
            closures.map((c) => `${c.first_day_closed} to ${c.reopens} (reopens): ${c.description}`).join("\n") || "No closures recorded.",
          );
          return 0;
        }
        const closure = await system.deadlines.addClosure(actor, "system", {
          description: parsed.values.description,
          firstDayClosed: parsed.values.from,
          reopens: parsed.values.reopens,
        });
        print(closure, `Recorded ${closure.description}: closed from ${closure.first_day_closed}, reopens ${closure.reopens}.`);
        return 0;
      }
      case "sen2": {
        const actor = { councilId: await councilIdFor(system, parsed.values.council ?? io.env.SEND_OVERSIGHT_COUNCIL ?? "DEMO"), userId: null };
        return await runSen2Command(
          system.returns,
          actor,
          {
            subcommand: subcommand ?? "",
            ...(parsed.positionals[1] ? { file: parsed.positionals[1] } : {}),
            ...(parsed.values.year ? { year: parsed.values.year } : {}),
            ...(parsed.values.out ? { out: parsed.values.out } : {}),
            ...(parsed.values["allow-errors"] !== undefined ? { allowErrors: parsed.values["allow-errors"] } : {}),
            settings: { laNumber: parsed.values["la-number"], dmo: parsed.values.dmo, dco: parsed.values.dco, dsco: parsed.values.dsco },
            dryRun: !!parsed.values["dry-run"],
            json: !!json,
          },
          io,
        );
      }
      case "measures": {
        const actor = { councilId: await councilIdFor(system, parsed.values.council ?? io.env.SEND_OVERSIGHT_COUNCIL ?? "DEMO"), userId: null };
        const v = parsed.values;
        const otherPeriod = v.month ?? v.quarter ?? v["school-year"] ?? v.from ?? v.to;
        if (otherPeriod === undefined) {
          const asked = v.year ?? io.today().slice(0, 4);
          if (!/^\d{4}$/.test(asked)) throw new InvalidInput([{ field: "year", message: `"${asked}" is not a year like 2025` }]);
          const years = system.measures.years();
          if (!years.includes(Number(asked)))
            throw new InvalidInput([{ field: "year", message: `Choose a year from ${years.at(-1)} to ${years[0]}` }]);
        }
        // The same figures as the page and the API: one period report, from the registry.
        const { period, seriesPeriod } = parsePeriod(
          {
            year: v.year ?? (otherPeriod === undefined ? io.today().slice(0, 4) : undefined),
            month: v.month,
            quarter: v.quarter,
            schoolYear: v["school-year"],
            from: v.from,
            to: v.to,
          },
          Number(io.today().slice(0, 4)),
        );
        const report = reportJson(await system.measures.forPeriod(actor, "system", period, seriesPeriod));
        // {year, censusDay, measures} is the contract; period, breakdowns and (with --monthly) series are added.
        const result = {
          year: Number(period.from.slice(0, 4)),
          censusDay: report.censusDay,
          measures: report.measures,
          period: report.period,
          breakdowns: report.breakdowns,
          ...(v.monthly ? { series: report.series } : {}),
          // Added by issue 16 part 2: the measures entered by hand, as at the period's last day.
          entered: enteredJson(await system.enteredMeasures.forPeriod(actor, "system", period)),
        };
        print(
          result,
          [
            `${period.label}:`,
            ...result.measures.map(
              (m) =>
                `${m.title}: ${m.value ?? "none"}${m.unit === "percent" && m.value !== null ? "%" : ""} (England: ${m.england ?? "not published"})`,
            ),
            ...result.entered.map(
              (m) =>
                `${m.title} (entered by hand): ${m.value ?? "none"}${m.unit === "percent" && m.value !== null ? "%" : ""}${m.date ? ` for ${m.date}, ${m.source}` : ""}`,
            ),
          ].join("\n"),
        );
        return 0;
      }
      case "cases": {
        const format = parsed.values.format ?? "";
        if (!["csv", "xlsx", "json"].includes(format)) throw new UsageError("cases register needs --format csv, xlsx or json.");
        const out = parsed.values.out;
        if (!out) throw new UsageError("cases register needs --out FILE: children's details are never printed to the terminal.");
        const actor = { councilId: await councilIdFor(system, parsed.values.council ?? io.env.SEND_OVERSIGHT_COUNCIL ?? "DEMO"), userId: null };
        const file = await system.cases.exportRegister(actor, "system", format as "csv" | "xlsx" | "json");
        await writeFile(out, file);
        print({ out, format, bytes: file.length }, `Wrote the register to ${out} (${file.length.toLocaleString("en-GB")} bytes).`);
        return 0;
      }
      case "plans": {
        const actor = { councilId: await councilIdFor(system, parsed.values.council ?? io.env.SEND_OVERSIGHT_COUNCIL ?? "DEMO"), userId: null };
        if (subcommand === "list") {
          const plans = await system.plans.listPlansAs(actor);
          const rows = plans.map((p) => ({
            id: p.id,
            externalId: p.external_id,
            title: p.title,
            type: p.type,
            approvedOn: p.approved_on,
            state: p.state,
          }));
          print(rows, rows.map((p) => `${p.id}  ${p.externalId}  ${p.title}`).join("\n") || "No plans.");
          return 0;
        }
        if (subcommand === "create" || subcommand === "edit") {
          const values = parsed.values;
          let continuesPlanId = values.continues;
          if (continuesPlanId) {
            const earlier = (await system.plans.listPlansAs(actor)).find((p) => p.id === continuesPlanId || p.external_id === continuesPlanId);
            if (!earlier) throw new InvalidInput([{ field: "continues", message: `No plan "${continuesPlanId}" in this council` }]);
            continuesPlanId = earlier.id;
          }
          const body = Object.fromEntries(
            Object.entries({
              title: values.title,
              type: values.type,
              owner: values.owner,
              approvedOn: values["approved-on"],
              sourceTitle: values["responds-to"],
              sourceDate: values["responds-date"],
              sourceUrl: values["responds-url"],
              cadence: values.cadence,
              scheme: values.scheme,
              continuesPlanId,
              externalId: values.reference,
            }).filter(([, v]) => v !== undefined),
          );
          const editor = { id: null, councilId: actor.councilId, roles: "system" as const };
          let plan: Awaited<ReturnType<typeof system.planSetup.createPlan>>;
          if (subcommand === "create") plan = await system.planSetup.createPlan(editor, body);
          else {
            const planRef = parsed.positionals[1];
            if (!planRef)
              throw new UsageError(
                'plans edit needs the plan\'s id or external id, like "plans edit thurrock-wsoa-2026 --owner "Executive Director"".',
              );
            plan = await system.planSetup.editPlan(editor, planRef, body);
          }
          print(plan, `${subcommand === "create" ? "Created" : "Changed"} ${plan.title} (${plan.externalId}, ${plan.id}), version ${plan.version}.`);
          return 0;
        }
        if (subcommand === "report") return await writeReport(system, actor, parsed.values, parsed.positionals[1], io, print);
        if (subcommand === "import") return await importPlan(system, actor, parsed.values, parsed.positionals[1], print);
        const planRef = parsed.positionals[1];
        if (!planRef) throw new UsageError('plans summary needs the plan\'s id or external id, like "plans summary southend-peer-review-2022".');
        const asOf = parsed.values["as-of"];
        if (asOf !== undefined && !isIsoDate(asOf))
          throw new InvalidInput([{ field: "as-of", message: `"${asOf}" is not a real date in the form YYYY-MM-DD` }]);
        const summary = await system.plans.summary(actor, "system", planRef, asOf ?? io.today());
        const { planId, asOf: on, total, statuses, flags } = summary;
        print(
          { planId, asOf: on, total, statuses, flags },
          `${summary.title} as at ${on}: ${total} actions. ${summary.sentence}.${flags.length ? `\n${flags.length} checks:\n${flags.map((f) => `  ${f.action}: ${f.reason}`).join("\n")}` : ""}`,
        );
        return 0;
      }
      default: {
        const councilId = await councilIdFor(system, parsed.values.council);
        const user = await system.people.createUser({ councilId, userId: null }, "system", {
          email: parsed.values.email,
          displayName: parsed.values.name,
          roles: parsed.values.roles,
          password,
        });
        print(user, `Created ${user.display_name} <${user.email}> with roles ${user.roles.join(", ")}.`);
        return 0;
      }
    }
  } finally {
    await system.close();
  }
}

/** `plans import`: a plan from a council's .xlsx, .csv or .docx table; all or nothing. */
async function importPlan(
  system: { imports: ImportsService },
  actor: { councilId: string; userId: null },
  values: {
    plan?: string | boolean;
    mapping?: string | boolean;
    "dry-run"?: string | boolean;
    scheme?: string | boolean;
    title?: string | boolean;
    type?: string | boolean;
    "approved-on"?: string | boolean;
    "responds-to"?: string | boolean;
    "as-of"?: string | boolean;
  },
  file: string | undefined,
  print: (result: object, text: string) => void,
): Promise<number> {
  if (!file) throw new UsageError('plans import needs a file, like "plans import plan.xlsx --dry-run --json".');
  const text = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UsageError(`cannot read the file "${file}".`);
  }
  let mapping: MappingOverride | undefined;
  const mappingFile = text(values.mapping);
  if (mappingFile) {
    try {
      mapping = JSON.parse(await readFile(mappingFile, "utf8")) as MappingOverride;
    } catch {
      throw new UsageError(`the mapping file "${mappingFile}" is not readable JSON, like {"action": "Summary actions", "timescale": 4}.`);
    }
  }
  const asOf = text(values["as-of"]);
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new InvalidInput([{ field: "as-of", message: `"${asOf}" is not a real date in the form YYYY-MM-DD` }]);
  // The plan's details when the file does not give them (the file's own are used otherwise).
  const approvedOn = text(values["approved-on"]);
  if (approvedOn !== undefined && !isIsoDate(approvedOn))
    throw new InvalidInput([{ field: "approved-on", message: `"${approvedOn}" is not a real date in the form YYYY-MM-DD` }]);
  const type = text(values.type);
  if (type !== undefined && !PLAN_TYPES.includes(type as PlanType))
    throw new InvalidInput([{ field: "type", message: `"${type}" is not a type of plan: use one of ${PLAN_TYPES.join(", ")}` }]);
  const dryRun = values["dry-run"] === true;
  // Progress goes to a terminal's stderr only: stdout stays the JSON contract, and logs stay quiet.
  let shown = "";
  const onProgress: OnProgress | undefined = process.stderr.isTTY
    ? (phase, done, total) => {
        const words = `${progressWords({ state: "running", phase, done, total, dryRun })} (${percentDone({ state: "running", phase, done, total, dryRun })}%)`;
        if (words !== shown) process.stderr.write(`\r\x1b[2K${words}`);
        shown = words;
      }
    : undefined;
  const report = await system.imports.importFile(
    actor,
    "system",
    {
      fileName: file,
      bytes,
      dryRun,
      ...(text(values.plan) ? { planId: text(values.plan) } : {}),
      ...(mapping ? { mapping } : {}),
      ...(text(values.scheme) ? { scheme: text(values.scheme) } : {}),
      ...(text(values.title) ? { title: text(values.title) } : {}),
      ...(type ? { type: type as PlanType } : {}),
      ...(approvedOn ? { approvedOn } : {}),
      ...(text(values["responds-to"]) ? { respondsTo: text(values["responds-to"]) } : {}),
      ...(asOf ? { asOf } : {}),
    },
    onProgress,
  );
  if (shown) process.stderr.write("\r\x1b[2K");
  const summary = `${report.dryRun ? "Would create" : "Created"} ${report.created.sections} sections, ${report.created.actions} actions and ${report.created.updates} updates; changed ${report.changed.actions} actions and ${report.changed.updates} statuses.`;
  print(
    report,
    report.problems.length
      ? `Nothing was imported: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}.\n${report.problems.map((p) => `  ${p.row ? `row ${p.row}, ` : ""}${p.column ? `column ${p.column}: ` : ""}${p.message}`).join("\n")}`
      : `${summary}${report.planId ? ` Plan ${report.planId}.` : ""}`,
  );
  return report.problems.length ? 1 : 0;
}

/** `plans report`: a committee report written to a file (never printed: it may be binary). */
async function writeReport(
  system: { plans: PlansService; measureLinks?: MeasureLinksService },
  actor: { councilId: string; userId: null },
  values: {
    kind?: string | boolean | undefined;
    format?: string | boolean | undefined;
    "as-of"?: string | boolean | undefined;
    since?: string | boolean | undefined;
    forum?: string | boolean | undefined;
    meeting?: string | boolean | undefined;
    out?: string | boolean | undefined;
  },
  planRef: string | undefined,
  io: CommandIO,
  print: (result: object, text: string) => void,
): Promise<number> {
  if (!planRef)
    throw new UsageError(
      'plans report needs the plan\'s id or external id, like "plans report southend-peer-review-2022 --kind progress --format docx --out sheet.docx".',
    );
  const out = values.out;
  if (typeof out !== "string" || !out) throw new UsageError("plans report needs --out FILE.");
  const { parseReportRequest } = await import("./modules/reports/reports.schemas.ts");
  const { ReportsService } = await import("./modules/reports/reports.service.ts");
  const { value, problems } = parseReportRequest({
    kind: values.kind,
    format: values.format,
    asAt: values["as-of"],
    since: values.since,
    forum: values.forum,
    meeting: values.meeting,
  });
  if (!value) throw new InvalidInput(problems.map((p) => ({ ...p, field: p.field === "asAt" ? "as-of" : p.field })));
  const file = await new ReportsService(system.plans, io.today, system.measureLinks).reportFile(actor, "system", planRef, value);
  await writeFile(out, file.body);
  const result = { out, kind: value.kind, format: value.format, asOf: file.report.asAt, since: file.report.since, bytes: file.body.length };
  print(
    result,
    `Wrote the ${value.kind} report for ${file.report.plan.title} as at ${file.report.asAt} to ${out} (${file.body.length.toLocaleString("en-GB")} bytes).`,
  );
  return 0;
}

async function councilIdFor(
  system: { people: { councilIdForCode(code: string): Promise<string | undefined> } },
  code: string | undefined,
): Promise<string> {
  const councilId = code ? await system.people.councilIdForCode(code) : undefined;
  if (!councilId)
    throw new InvalidInput([{ field: "council", message: code ? `No council has the code "${code}"` : "Give the council's code with --council" }]);
  return councilId;
}

function parseOptions<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function processIO(): CommandIO {
  return {
    stdin: async () => {
      if (process.stdin.isTTY) return "";
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    today: () => londonToday(new Date()),
    env: process.env,
  };
}

/** `--group <Entra group object id>=<role>`, given once per group; a malformed one is kept whole for the service to name. */
function groupRolesFrom(values: unknown): Record<string, string> {
  const map: Record<string, string> = Object.create(null);
  for (const value of Array.isArray(values) ? values : []) {
    const text = String(value);
    const at = text.lastIndexOf("=");
    map[at > 0 ? text.slice(0, at).trim() : text] = at > 0 ? text.slice(at + 1).trim() : "";
  }
  return map;
}
