// `send-oversight deadlines`: one JSON object in on standard input, one JSON object out
// (the calculator's contract, src/domain/statutory/input.ts). Bad input gets "send-oversight deadlines: <field>: <message>" lines on
// standard error and exit code 1; never a stack trace.

import { englandAndWalesCalendar } from "../../domain/bank-holidays.ts";
import { evaluateCalculatorRequest } from "../../domain/statutory/calculator.ts";
import { EVENT_FIELDS } from "../../domain/statutory/input.ts";

export interface DeadlinesCommandIO {
  stdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  today: () => string;
}

const PREFIX = "send-oversight deadlines";

// The events the calculator understands, from its own list, so the help cannot fall behind.
const EVENTS = Object.entries(EVENT_FIELDS)
  .map(([name, { label }]) => `  ${name.padEnd(30)} ${label}`)
  .join("\n");

export const DEADLINES_USAGE = `Usage: send-oversight deadlines [--due-soon-days N] < input.json

Reads one JSON object on standard input and writes every statutory deadline the events make
applicable, with its status, as one JSON object on standard output.

Input (every field optional; dates are YYYY-MM-DD):
  {
    "asOf": "2026-03-09",
    "events": { "requestReceived": "2026-01-12", "adviceRequests": [{"service": "Educational psychology", "received": "2026-02-23"}] },
    "closures": [{"from": "2026-07-22", "reopens": "2026-09-02"}],
    "absences": [{"from": "2026-04-01", "to": "2026-05-15"}],
    "exceptionalCircumstances": [{"from": "2026-03-01", "to": "2026-03-31", "reason": "..."}]
  }
  "asOf" defaults to today.

Events:
${EVENTS}

Output:
  {"deadlines": [{"key", "due", "practical", "status", "provision", "subject"?, "daysLate"?, "relievedBy"?}], "warnings": [...]}

Options:
  --due-soon-days N   call a deadline "due soon" when it is due within N days (default 14)
  --help              show this help

Exit codes: 0 worked out; 1 the input is not valid (each problem is named on standard error);
2 the command line is not valid.

Example:
  echo '{"asOf": "2026-03-09", "events": {"requestReceived": "2026-01-12"}}' | npx send-oversight deadlines
`;

function fail(io: DeadlinesCommandIO, lines: { field: string; message: string }[], code: number): number {
  // Most messages already begin with the field's name; say it once.
  io.stderr(lines.map((l) => `${PREFIX}: ${l.message.startsWith(l.field) ? "" : `${l.field}: `}${l.message}\n`).join(""));
  return code;
}

export async function runDeadlinesCommand(args: string[], io: DeadlinesCommandIO): Promise<number> {
  try {
    let dueSoonDays: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? "";
      if (arg === "--help" || arg === "-h") {
        io.stdout(DEADLINES_USAGE);
        return 0;
      }
      const inline = arg.startsWith("--due-soon-days=") ? arg.slice("--due-soon-days=".length) : undefined;
      if (arg === "--due-soon-days" || inline !== undefined) {
        const text = inline ?? args[++i] ?? "";
        if (!/^\d{1,3}$/.test(text)) {
          return fail(io, [{ field: "--due-soon-days", message: `must be a whole number of days from 0 to 999, like 14; it was "${text}".` }], 2);
        }
        dueSoonDays = Number(text);
        continue;
      }
      return fail(io, [{ field: arg, message: `is not an option of this command. Run "send-oversight deadlines --help" to see the options.` }], 2);
    }

    const text = await io.stdin();
    if (text.trim() === "") {
      return fail(
        io,
        [
          {
            field: "input",
            message: 'no input was given. Send one JSON object on standard input, like {"events": {"requestReceived": "2026-03-09"}}.',
          },
        ],
        1,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : "it could not be read";
      return fail(
        io,
        [
          {
            field: "input",
            message: `the input is not valid JSON (${detail}). Send one JSON object, like {"events": {"requestReceived": "2026-03-09"}}.`,
          },
        ],
        1,
      );
    }

    const result = evaluateCalculatorRequest(json, {
      today: io.today(),
      calendar: englandAndWalesCalendar(),
      ...(dueSoonDays === undefined ? {} : { dueSoonDays }),
    });
    if (!result.ok) return fail(io, result.errors, 1);
    io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
    return 0;
  } catch (error) {
    // Not expected; the message, never the stack, reaches the user.
    const detail = error instanceof Error ? error.message : String(error);
    return fail(io, [{ field: "error", message: `the deadlines could not be worked out (${detail}). Please report this with the input.` }], 1);
  }
}
