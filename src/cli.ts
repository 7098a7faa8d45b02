// Command line: `npx send-oversight <command>`. Each command returns an exit code.
import { runDeadlinesCommand } from "./modules/deadlines/deadlines.command.ts";

export interface CommandIO {
  stdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  today: () => string;
}

const usage = `Usage: send-oversight <command>

Commands:
  deadlines              read EHC events as JSON on standard input, print every deadline as JSON
  --help                 show this help
`;

export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "deadlines":
      return runDeadlinesCommand(rest, io);
    case undefined:
    case "--help":
    case "-h":
    case "help":
      io.stdout(usage);
      return 0;
    default:
      io.stderr(`send-oversight: unknown command "${command}". Run "send-oversight --help" to see the commands.\n`);
      return 2;
  }
}

function processIO(): CommandIO {
  return {
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    today: () => londonToday(new Date()),
  };
}

/** Today's date in England, whatever the machine's time zone. */
export function londonToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
