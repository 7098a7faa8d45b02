// A plan's own status scheme made from the status values a council's file uses (SPEC A4, A11;
// issue 11): the labels as the file writes them, in the order the file first uses them, each with
// the colour a person chose and whether it counts as done. Pure: no I/O.
import { FIVE_LEVEL, FOUR_STATE, RAG_BLUE, STATUS_COLOURS, validateCustomScheme } from "../plans/schemes.ts";
import type { StatusColour, StatusDefinition, StatusScheme } from "../plans/types.ts";
import { type StatusValue, statusFromText } from "./mapping.ts";

/** A person's choice for one value found in the file, by the value's key ("amber", "colour:red"). */
export interface FileStatusChoice {
  key: string;
  colour: string;
  done: boolean;
}

/** Worst to best, for ranking the statuses that are not done; grey and no colour are not a rating. */
const COLOUR_ORDER: StatusColour[] = ["red", "amber", "light-green", "green", "blue"];

/** The colour and "done" a value most likely has, to offer first: its colour, or the built-in status its words name. */
export function guessChoice(value: Pick<StatusValue, "key" | "label">): { colour: StatusColour; done: boolean } {
  if (value.key.startsWith("colour:")) {
    const colour = value.key.slice("colour:".length) as StatusColour;
    return { colour: STATUS_COLOURS.includes(colour) ? colour : "none", done: colour === "blue" };
  }
  for (const scheme of [FIVE_LEVEL, RAG_BLUE, FOUR_STATE]) {
    const found = statusFromText(scheme, value.label);
    if (found) return { colour: found.colour, done: found.complete };
  }
  return { colour: "none", done: false };
}

function codeFor(label: string, used: Set<string>): string {
  let base = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 34);
  if (!/^[a-z]/.test(base)) base = `s-${base}`.replace(/-+$/, "");
  let code = base;
  for (let n = 2; used.has(code); n++) code = `${base}-${n}`;
  used.add(code);
  return code;
}

export type FileSchemeResult =
  | { ok: true; scheme: StatusScheme; statuses: Record<string, string> }
  | { ok: false; problems: { value: string; message: string }[] };

/**
 * The scheme from the file's values (in the order given: the file's) and a person's choices. A
 * value without a choice takes the guess. Done statuses rank above the rest; the others rank by
 * colour, red lowest; grey or no colour, not done, is not a rating. Returns the scheme and each
 * value's key to its status code, or every problem, named by the value as the file writes it.
 */
export function schemeFromFileValues(
  values: readonly Pick<StatusValue, "key" | "label">[],
  choices: readonly FileStatusChoice[],
  name: string,
): FileSchemeResult {
  const problems: { value: string; message: string }[] = [];
  const used = new Set<string>();
  const rows = values.map((value, order) => {
    const choice = choices.find((c) => c.key === value.key);
    const colour = (choice?.colour ?? guessChoice(value).colour) as StatusColour;
    if (!STATUS_COLOURS.includes(colour)) problems.push({ value: value.label, message: `choose a colour for '${value.label}' from the list` });
    const done = choice ? choice.done === true : guessChoice(value).done;
    const label = value.label.trim().slice(0, 60);
    return { key: value.key, label, colour, done, order, code: codeFor(label, used) };
  });
  if (problems.length) return { ok: false, problems };
  const rated = rows.filter((r) => r.done || COLOUR_ORDER.includes(r.colour));
  const rankOf = (r: (typeof rows)[number]) => (r.done ? 100 : 0) + COLOUR_ORDER.indexOf(r.colour);
  const ranked = [...rated].sort((a, b) => rankOf(a) - rankOf(b) || a.order - b.order);
  const statuses: StatusDefinition[] = rows.map((r) => {
    const rank = ranked.indexOf(r);
    const unrated = rank < 0;
    return {
      code: r.code,
      label: r.label,
      colour: r.colour,
      definition: `Written '${r.label}' in the imported file${r.done ? ": counts as done" : ""}.`,
      rank: unrated ? null : rank,
      complete: r.done,
      cancelled: false,
      unrated,
      onTrack: !r.done && !unrated && (r.colour === "green" || r.colour === "light-green"),
    };
  });
  const validated = validateCustomScheme({ code: "from-file", name: name.slice(0, 100), statuses });
  if (!validated.ok) {
    // The checker numbers statuses from 1 in the order given: the file's order, so name them.
    return {
      ok: false,
      problems: validated.problems.map((p) => {
        const n = /^statuses\[(\d+)\]/.exec(p.field)?.[1];
        const label = n === undefined ? undefined : rows[Number(n)]?.label;
        return { value: label ?? "", message: label ? p.message.replace(`status ${Number(n) + 1}`, `'${label}'`) : p.message };
      }),
    };
  }
  return { ok: true, scheme: validated.scheme, statuses: Object.fromEntries(rows.map((r) => [r.key, r.code])) };
}
