// Every command of `send-oversight` as data: what it does, its options and an example. The
// overall help, each command's `--help` and the dispatcher's list of subcommands are all made
// from this list, so a new command cannot be added without its help (cli.db.test.ts checks).
import { DEADLINES_USAGE } from "./modules/deadlines/deadlines.command.ts";

export interface CommandHelp {
  /** The words that name it: "migrate", "plans report". */
  name: string;
  /** The arguments after the name, as the usage line shows them. */
  synopsis: string;
  summary: string;
  /** [option, meaning]; --help is added to every command. */
  options: [string, string][];
  examples: string[];
  /** More to say, after the options. */
  notes?: string;
  /** A command with a help text of its own. */
  fullText?: string;
}

const json = (shape: string): [string, string] => ["--json", `print the result as JSON: ${shape}`];
const council: [string, string] = [
  "--council CODE",
  "the council's code (or SEND_OVERSIGHT_COUNCIL); without either, the demo council DEMO if it exists",
];

export const COMMANDS: readonly CommandHelp[] = [
  {
    name: "migrate",
    synopsis: "[--json]",
    summary: "bring the database up to date (forward-only migrations)",
    options: [json('{"migrated": true}')],
    examples: ["DATABASE_URL=postgres://owner@db.example/send_oversight npx send-oversight migrate"],
    notes: "Run it as the tables' owner (MIGRATION_DATABASE_URL if set, otherwise DATABASE_URL). `npm start` also runs it.",
  },
  {
    name: "seed",
    synopsis: "[--json]",
    summary: "create the demo council, one person per role and demo data (refused in production)",
    options: [json('{"created", "council"}')],
    examples: ["npx send-oversight seed"],
    notes: "Does nothing when the demo council (DEMO) already exists. Refused when NODE_ENV=production.",
  },
  {
    name: "councils create",
    synopsis: "--code CODE --name NAME [--json]",
    summary: "set up a council",
    options: [
      ["--code CODE", "a short code, used as --council CODE by the other commands"],
      ["--name NAME", "the council's name"],
      json("the council"),
    ],
    examples: ['npx send-oversight councils create --code KENT --name "Kent County Council"'],
  },
  {
    name: "closures add",
    synopsis: "--council CODE --description TEXT --from YYYY-MM-DD --reopens YYYY-MM-DD [--json]",
    summary: "record a school closure of the council (the summer holiday), for the statutory exceptions",
    options: [
      council,
      ["--description TEXT", 'what the closure is, e.g. "Summer holiday 2026"'],
      ["--from YYYY-MM-DD", "the first day schools are closed"],
      ["--reopens YYYY-MM-DD", "the day they reopen"],
      json("the closure"),
    ],
    examples: ['npx send-oversight closures add --council KENT --description "Summer holiday 2026" --from 2026-07-22 --reopens 2026-09-02'],
  },
  {
    name: "closures list",
    synopsis: "--council CODE [--json]",
    summary: "the council's school closures",
    options: [council, json("a list of closures")],
    examples: ["npx send-oversight closures list --council KENT"],
  },
  {
    name: "users create",
    synopsis: "--council CODE --email EMAIL --name NAME --roles ROLE[,ROLE...] [--json]",
    summary: "add a person to a council; the password is read from standard input (or SEND_OVERSIGHT_PASSWORD)",
    options: [
      council,
      ["--email EMAIL", "their email address, which is also their sign-in"],
      ["--name NAME", "their name as others see it"],
      ["--roles ROLE,...", "administrator, send_manager, caseworker, improvement_lead, board_member, councillor, partner, quality_auditor"],
      json("the person, without the password"),
    ],
    examples: [
      'printf "%s" "$NEW_PASSWORD" | npx send-oversight users create --council KENT --email pat.smith@kent.example --name "Pat Smith" --roles caseworker',
    ],
    notes: "The password is never an option, so it does not end up in the shell's history.",
  },
  {
    name: "sso set",
    synopsis: "--council CODE --issuer URL --client-id ID --tenant-id ID [--group ID=ROLE ...] [--admit-uninvited] [--json]",
    summary: "sign in through the council's identity provider (OpenID Connect, e.g. Microsoft Entra ID)",
    options: [
      council,
      ["--issuer URL", "the provider's issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0"],
      ["--client-id ID", "the app registration's application (client) id"],
      ["--tenant-id ID", "the directory (tenant) id: the ID token's tid must be this"],
      [
        "--group ID=ROLE",
        "an Entra group's object id and the role its members get (repeat for each group), for councils that use groups instead of app roles",
      ],
      ["--admit-uninvited", "let anyone of the tenant with an app role in (otherwise people must be invited first)"],
      json('{"council", "issuer", "clientId", "tenantId", "admitUninvited", "groupRoles", "secretFromEnvironment"}'),
    ],
    examples: [
      "npx send-oversight sso set --council KENT --issuer https://login.microsoftonline.com/0000-1111/v2.0 --client-id 2222-3333 --tenant-id 0000-1111",
    ],
    notes:
      "The client secret is never an option or stored: set OIDC_CLIENT_SECRET_<CODE> (hyphens as underscores) where the service runs. The redirect URI to register is <address of the service>/sign-in/callback. App role values: SEND.Admin, SEND.Manager, SEND.Caseworker, SEND.ImprovementLead, SEND.BoardMember, SEND.Councillor, SEND.Partner.",
  },
  {
    name: "plans list",
    synopsis: "[--council CODE] [--json]",
    summary: "the council's improvement plans",
    options: [council, json('[{"id", "externalId", "title", "type", "approvedOn", "state"}]')],
    examples: ["npx send-oversight plans list --json"],
  },
  {
    name: "plans create",
    synopsis:
      "--title TITLE --type TYPE --owner OWNER --approved-on YYYY-MM-DD --scheme SCHEME [--responds-to TEXT] [--responds-date YYYY-MM-DD] [--responds-url URL] [--cadence TEXT] [--continues PLAN] [--reference REF] [--council CODE] [--json]",
    summary: "create an empty plan (its sections and actions are added on its set-up page)",
    options: [
      ["--title TITLE", "the plan's title"],
      ["--type TYPE", "wsoa, accelerated-progress-plan, peer-review, scrutiny-review, strategy or other"],
      ["--owner OWNER", "who owns the plan (a post or a person)"],
      ["--approved-on YYYY-MM-DD", "when the plan was approved"],
      ["--scheme SCHEME", "four-state, five-level or rag-blue"],
      ["--responds-to TEXT", "the inspection or review it responds to"],
      ["--responds-date YYYY-MM-DD", "the date of that inspection or review"],
      ["--responds-url URL", "a link to its report"],
      ["--cadence TEXT", "how often the plan is reported (e.g. monthly to the board)"],
      ["--continues PLAN", "the id or reference of the plan it follows from"],
      ["--reference REF", "the plan's own reference (default: made from the title)"],
      council,
      json(
        '{"id", "externalId", "title", "type", "typeLabel", "respondsTo": {"title", "date", "url"}, "owner", "approvedOn", "cadence", "scheme", "continuesPlanId", "state", "version"}',
      ),
    ],
    examples: [
      'npx send-oversight plans create --title "Written Statement of Action" --type wsoa --owner "Director of Children\'s Services" --approved-on 2026-12-01 --scheme four-state --json',
    ],
  },
  {
    name: "plans edit",
    synopsis: "<plan> [the options of plans create] [--council CODE] [--json]",
    summary: "change a plan's details; options not given are kept",
    options: [
      ["<plan>", "the plan's id or reference"],
      ["--title, --type, --owner, ...", "as for plans create"],
      council,
      json("the plan, as plans create prints it"),
    ],
    examples: ['npx send-oversight plans edit thurrock-wsoa-2026 --owner "Executive Director" --json'],
    notes: "A new status scheme must keep every status the plan's updates use.",
  },
  {
    name: "plans summary",
    synopsis: "<plan> [--as-of YYYY-MM-DD] [--council CODE] [--json]",
    summary: "a plan's actions counted by status as at a date, and the checks",
    options: [
      ["<plan>", "the plan's id or external id (e.g. southend-peer-review-2022)"],
      ["--as-of YYYY-MM-DD", "the date to count at (default today)"],
      council,
      json('{"planId", "asOf", "total", "statuses": [{"label", "count", "percent"}], "flags": [{"action", "reason"}]}'),
    ],
    examples: ["npx send-oversight plans summary southend-peer-review-2022 --as-of 2022-03-15"],
  },
  {
    name: "plans report",
    synopsis:
      "<plan> --kind KIND --format FORMAT --out FILE [--as-of YYYY-MM-DD] [--since YYYY-MM-DD] [--forum ID --meeting YYYY-MM-DD] [--council CODE] [--json]",
    summary: "write a committee report on a plan as at a date to a file",
    options: [
      ["<plan>", "the plan's id or external id"],
      ["--kind KIND", "progress, exceptions, summary, changes or meeting"],
      ["--format FORMAT", "docx, xlsx, csv, json, html or pdf (pdf needs Chromium)"],
      ["--out FILE", "where to write it (reports are never printed: they may be binary)"],
      ["--as-of YYYY-MM-DD", "the report's date (default today)"],
      ["--since YYYY-MM-DD", "the previous report: what changed since, and the direction of travel"],
      ["--forum ID", "for --kind meeting: the forum's id or code"],
      ["--meeting YYYY-MM-DD", "for --kind meeting: the meeting's date"],
      council,
      json('{"out", "kind", "format", "asOf", "since", "bytes"}'),
    ],
    examples: ["npx send-oversight plans report southend-peer-review-2022 --kind progress --format docx --out progress.docx"],
  },
  {
    name: "plans import",
    synopsis:
      "FILE [--plan ID] [--mapping FILE] [--dry-run] [--scheme SCHEME] [--title TITLE] [--type TYPE] [--approved-on YYYY-MM-DD] [--responds-to TEXT] [--as-of YYYY-MM-DD] [--council CODE] [--json]",
    summary: "import a plan from a council's .xlsx, .csv or .docx table (all or nothing)",
    options: [
      ["FILE", "the .xlsx, .csv or .docx file"],
      ["--plan ID", "update this plan instead of creating a new one"],
      ["--mapping FILE", 'a JSON file naming columns by header or number, e.g. {"action": "Summary actions", "timescale": 4}'],
      ["--dry-run", "check the file and say what would change; save nothing"],
      ["--scheme SCHEME", "a new plan's status scheme: four-state (default), five-level or rag-blue"],
      ["--title TITLE", "a new plan's title, when the file has no title line"],
      ["--type TYPE", "a new plan's type when the file does not say: wsoa, priority-action-plan, peer-review, scrutiny-review, strategy or other"],
      ["--approved-on YYYY-MM-DD", "when a new plan was approved, when the file does not say"],
      ["--responds-to TEXT", "the inspection or review a new plan responds to, when the file does not say"],
      ["--as-of YYYY-MM-DD", "the date of the statuses in the file, when the file does not date them"],
      council,
      json(
        '{"planId", "dryRun", "created": {"sections", "actions", "updates"}, "changed": {"actions", "updates"}, "problems": [{"row", "column", "message"}]}',
      ),
    ],
    examples: ["npx send-oversight plans import progress-sheet.xlsx --dry-run --json"],
    notes: "Exit code 1 when problems stop the import; each problem names its row and column.",
  },
  {
    name: "cases register",
    synopsis: "--format csv|xlsx|json --out FILE [--council CODE] [--json]",
    summary: "write the register of every child with an EHC plan (the list the Thurrock WSOA asks for) to a file",
    options: [
      ["--format FORMAT", "csv, xlsx or json"],
      ["--out FILE", "where to write it (children's details are never printed to the terminal)"],
      council,
      json('{"out", "format", "bytes"}'),
    ],
    examples: ["npx send-oversight cases register --council KENT --format xlsx --out register.xlsx"],
  },
  {
    name: "measures",
    synopsis:
      "[--year YYYY | --month YYYY-MM | --quarter YYYY-Qn | --school-year YYYY | --from YYYY-MM-DD --to YYYY-MM-DD] [--monthly] [--council CODE] [--json]",
    summary:
      "every registry measure for a period (default this calendar year so far) beside England's (calendar years only), and the measures entered by hand",
    options: [
      ["--year YYYY", "a calendar year of activity"],
      ["--month YYYY-MM", "a month"],
      ["--quarter YYYY-Qn", "a quarter, e.g. 2026-Q1"],
      ["--school-year YYYY", "the school year starting 1 September of that year"],
      ["--from YYYY-MM-DD --to YYYY-MM-DD", "a period of your own"],
      ["--monthly", "add the figures month by month (series)"],
      council,
      json(
        '{"year", "censusDay", "measures": [{"id", "title", "unit", "value", "numerator", "denominator", "england"}], "period", "breakdowns"}, and "series" with --monthly, then "entered": [{"id", "measureId", "title", "unit", "higherIsBetter", "value", "date", "source", "entries"}] (measures entered by hand, as at the last day)',
      ),
    ],
    examples: ["npx send-oversight measures --year 2025 --council DEMO --json", "npx send-oversight measures --quarter 2026-Q1 --monthly --json"],
  },
  {
    name: "sen2 settings",
    synopsis: "--la-number NNN [--dmo Yes|No|Recruiting] [--dco Yes|No|Recruiting] [--dsco Yes|No|Recruiting] [--council CODE] [--json]",
    summary: "the council's settings for its SEN2 return: LA number and the designated officer flags",
    options: [
      ["--la-number NNN", "the council's three-digit LA number"],
      ["--dmo, --dco, --dsco", "whether the council has a designated medical, clinical or social care officer"],
      council,
      json("the settings saved"),
    ],
    examples: ["npx send-oversight sen2 settings --la-number 883 --dmo Yes --dco No --dsco Recruiting"],
  },
  {
    name: "sen2 validate",
    synopsis: "--year YYYY [--council CODE] [--json]",
    summary: "every error and query in the SEN2 return, by child, naming the item and the rule",
    options: [["--year YYYY", "the census year (January of that year)"], council, json("the issues, each with the child, the item and the rule")],
    examples: ["npx send-oversight sen2 validate --year 2027 --json"],
    notes: "Exit code 1 when the return has errors.",
  },
  {
    name: "sen2 export",
    synopsis: "--year YYYY --out FILE.xml [--allow-errors REASON] [--council CODE] [--json]",
    summary: "write the person-level SEN2 XML for a census year",
    options: [
      ["--year YYYY", "the census year"],
      ["--out FILE.xml", "where to write it"],
      ["--allow-errors REASON", "export although errors remain, for this reason (recorded in the audit trail)"],
      council,
      json("what was written"),
    ],
    examples: ["npx send-oversight sen2 export --year 2027 --out sen2-2027.xml"],
    notes: "Refused while errors remain unless --allow-errors gives the reason.",
  },
  {
    name: "sen2 import",
    synopsis: "FILE.xml [--dry-run] [--council CODE] [--json]",
    summary: "read a council's last SEN2 XML to start its caseload (all or nothing)",
    options: [["FILE.xml", "the SEN2 return"], ["--dry-run", "preview; save nothing"], council, json("what was (or would be) created")],
    examples: ["npx send-oversight sen2 import last-return.xml --dry-run --json"],
    notes: "Children already held (same UPN, ULN, or name and date of birth) are not created again.",
  },
  {
    name: "backup",
    synopsis: "--out FILE.tar.gz [--json]",
    summary: "copy the embedded database (DATA_DIR) into one file, and read it back to check it",
    options: [["--out FILE", "the file to write"], json('{"out", "bytes", "tables", "rows"}')],
    examples: ["npx send-oversight backup --out send-oversight-2026-12-07.tar.gz"],
    notes: "Stop the server first: the embedded database has one user at a time. For PostgreSQL, use pg_dump (see the README).",
  },
  {
    name: "restore",
    synopsis: "FILE.tar.gz [--json]",
    summary: "restore a backup into a data folder (DATA_DIR) that holds no database",
    options: [["FILE", "a file made by send-oversight backup"], json('{"dataDir", "tables", "rows"}')],
    examples: ["DATA_DIR=./data-restored npx send-oversight restore send-oversight-2026-12-07.tar.gz"],
    notes:
      "A folder that already holds a database is refused: move it aside first. The server brings a restored older database up to date when it starts.",
  },
  {
    name: "move-to-postgres",
    synopsis: "--to postgres://OWNER@HOST/DATABASE [--json]",
    summary: "copy the embedded database (DATA_DIR) into an empty PostgreSQL database, then check every table's count",
    options: [
      ["--to URL", "the empty PostgreSQL database, as the login that will own its tables"],
      json('{"to", "tables": [{"table", "rows"}], "rows", "skipped"}'),
    ],
    examples: ["npx send-oversight move-to-postgres --to postgres://send_owner@db.example/send_oversight"],
    notes:
      "Stop the server first. All or nothing, in one transaction; a database that already holds data is refused. The job queue is not copied: schedules are made again at start, and the notifications sweep finds any unsent message. Then set DATABASE_URL (see the README on the application's login).",
  },
  {
    name: "deadlines",
    synopsis: "[--due-soon-days N] < input.json",
    summary: "read EHC events as JSON on standard input, print every statutory deadline as JSON",
    options: [],
    examples: [],
    fullText: DEADLINES_USAGE,
  },
];

/** The first words of every command: "plans", "cases", ... */
export const COMMAND_GROUPS: readonly string[] = [...new Set(COMMANDS.map((c) => c.name.split(" ")[0] as string))];

/** The subcommands of a group ("plans" -> list, summary, ...); empty for a command of one word. */
export function subcommandsOf(group: string): string[] {
  return COMMANDS.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.slice(group.length + 1));
}

const column = (left: string, right: string, width = 24) =>
  left.length < width ? `  ${left.padEnd(width)} ${right}` : `  ${left}\n  ${"".padEnd(width)} ${right}`;

export function commandHelp(command: CommandHelp): string {
  if (command.fullText) return command.fullText;
  const lines = [
    `Usage: send-oversight ${command.name} ${command.synopsis}`,
    "",
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    "",
    "Options:",
  ];
  for (const [option, meaning] of [...command.options, ["--help", "show this help"] as [string, string]]) lines.push(column(option, meaning));
  if (command.notes) lines.push("", command.notes);
  lines.push("", command.examples.length > 1 ? "Examples:" : "Example:", ...command.examples.map((e) => `  ${e}`));
  lines.push("", "The database is DATABASE_URL (PostgreSQL) if set, otherwise the embedded one in DATA_DIR (./data).");
  return `${lines.join("\n")}\n`;
}

export function groupHelp(group: string): string {
  const commands = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  const lines = [`Usage: send-oversight ${group} <${subcommandsOf(group).join("|")}> [options]`, "", "Commands:"];
  for (const c of commands) lines.push(column(c.name, c.summary, 18));
  lines.push("", `Run "send-oversight ${group} <command> --help" for a command's options and an example.`);
  lines.push("", "Example:", `  ${commands[0]?.examples[0] ?? ""}`);
  return `${lines.join("\n")}\n`;
}

export function overallHelp(): string {
  const lines = ["Usage: send-oversight <command> [options]", "", "Commands:"];
  for (const c of COMMANDS) lines.push(column(c.name, c.summary, 18));
  lines.push(
    "",
    "Options:",
    column("--help", 'show this help; "send-oversight <command> --help" shows a command\'s options and an example', 18),
    "",
    "Example:",
    "  npx send-oversight plans summary southend-peer-review-2022 --json",
    "",
    "Commands that read a council's data take --council CODE (or SEND_OVERSIGHT_COUNCIL); without",
    "either they use the demo council, DEMO, if it exists.",
    "The database is DATABASE_URL (PostgreSQL) if set, otherwise the embedded one in DATA_DIR (./data).",
  );
  return `${lines.join("\n")}\n`;
}

/** The help that `args` (a command line containing --help or -h) asks for, or undefined if none matches. */
export function helpFor(args: string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith("-"));
  const [group, sub] = words;
  if (group === undefined || group === "help") return overallHelp();
  if (!COMMAND_GROUPS.includes(group)) return undefined;
  const exact = COMMANDS.find((c) => c.name === (sub && subcommandsOf(group).includes(sub) ? `${group} ${sub}` : group));
  return exact ? commandHelp(exact) : groupHelp(group);
}
