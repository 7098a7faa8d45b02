// Status schemes (SPEC A4): the three built-in schemes as data, with the written definitions
// councils print in their keys, and the validation of a plan's own (custom) scheme.
//
// Ranks run from worst (0) to best and are what direction of travel compares; an unrated status
// has no rank. Complete statuses always rank above the others ("complete counts as best").

import type { StatusColour, StatusDefinition, StatusScheme } from "./types.ts";

/** Codes the summaries use for rows that are not statuses of a scheme; a custom scheme may not take them. */
export const NOT_YET_RATED = "not-yet-rated";
export const UNRECOGNISED = "unrecognised";

export const STATUS_COLOURS: readonly StatusColour[] = ["blue", "green", "light-green", "amber", "red", "grey", "none"];

function status(fields: Omit<StatusDefinition, "complete" | "cancelled" | "unrated"> & Partial<StatusDefinition>): StatusDefinition {
  return Object.freeze({ complete: false, cancelled: false, unrated: false, onTrack: false, ...fields });
}

function scheme(code: string, name: string, statuses: StatusDefinition[]): StatusScheme {
  return Object.freeze({ code, name, statuses: Object.freeze(statuses) as StatusDefinition[] });
}

/**
 * A scheme's name for a heading: the words before any bracketed list of its statuses
 * ("Four-state", not "Four-state (completed, on track, ...)"), which the status key spells out.
 */
export function schemeShortName(scheme: Pick<StatusScheme, "name">): string {
  const short = scheme.name.replace(/\s*\(.*$/s, "").trim();
  return short === "" ? scheme.name : short;
}

/**
 * Southend's four-state key (People Scrutiny Committee, 15 March 2022: the progress sheet's key
 * and paragraph 4.2.1 of the cover report). Listed in the order the cover report summarises them
 * (implemented in full, on track, timelines to be finalised, red), so the committee sentence reads
 * as the paper did. The report calls the completed colour "grey" once; its key and paragraph 4.2.1
 * say blue, which is what we use.
 */
export const FOUR_STATE: StatusScheme = scheme("four-state", "Four-state (completed, on track, limited progress, dates to be finalised)", [
  status({
    code: "completed",
    label: "Completed / implemented in full",
    colour: "blue",
    definition: "The action has been successfully implemented in full by the deadline.",
    rank: 2,
    complete: true,
    phrase: "implemented in full",
  }),
  status({
    code: "on-track",
    label: "On track to meet the deadline",
    colour: "green",
    definition: "The action is on track to be met by the agreed deadline, but that date has not yet been reached.",
    rank: 1,
    onTrack: true,
    phrase: "on track",
  }),
  status({
    code: "dates-tbc",
    label: "Dates to be finalised",
    colour: "none",
    definition:
      "Dates or information to be finalised at the time of drafting: an agreed implementation date is awaiting confirmation, or the action depends on external matters such as the publication of the SEND green paper. Not considered to be at risk.",
    rank: null,
    unrated: true,
    phrase: "timelines to be finalised",
  }),
  status({
    code: "limited-progress",
    label: "Limited progress / delayed",
    colour: "red",
    definition:
      "Limited progress against the action or its scheduled date: implementation is delayed by slippage, or the action is not likely to be met by the deadline.",
    rank: 0,
    // The committee paper's own word: "0% (0) are red".
    phrase: "red",
  }),
]);

/**
 * Thurrock's written statement of action (July 2019): the RAG rating key and the five rows of
 * its RAG summary table (red, amber, light green, dark green, completed). The key defines the
 * first four; "Completed" has no printed definition, so ours says what the table implies: done
 * and closed. Green is "completed and embedded", so both green and completed count as complete.
 */
export const FIVE_LEVEL: StatusScheme = scheme("five-level", "Five-level RAG (written statement of action)", [
  status({
    code: "red",
    label: "Red",
    colour: "red",
    definition:
      "The action has not yet started or there is significant delay in implementation. The action must be prioritised to bring it back on track to deliver improvement.",
    rank: 0,
    phrase: "red",
  }),
  status({
    code: "amber",
    label: "Amber",
    colour: "amber",
    definition:
      "The action has started but there is some delay in implementation. The action must be monitored to ensure the required improvement is delivered.",
    rank: 1,
    phrase: "amber",
  }),
  status({
    code: "light-green",
    label: "Light green",
    colour: "light-green",
    definition:
      "The action is on track to be completed by the agreed date. Evidence is required to show that the improvement has been embedded and sustained.",
    rank: 2,
    onTrack: true,
    phrase: "light green",
  }),
  status({
    code: "green",
    label: "Green",
    colour: "green",
    definition: "The action has been completed and there is evidence that the improvement has been embedded and sustained.",
    rank: 3,
    complete: true,
    phrase: "green",
  }),
  status({
    code: "completed",
    label: "Completed",
    colour: "blue",
    definition: "The action is completed and closed.",
    rank: 4,
    complete: true,
    phrase: "completed",
  }),
]);

/** The LGA peer review implementation plan's RAG with blue for delivered. */
export const RAG_BLUE: StatusScheme = scheme("rag-blue", "RAG + Blue (red, amber, green, blue for delivered)", [
  status({
    code: "red",
    label: "Red",
    colour: "red",
    definition: "The action is off track or has not started: it will miss its deadline without intervention.",
    rank: 0,
    phrase: "red",
  }),
  status({
    code: "amber",
    label: "Amber",
    colour: "amber",
    definition: "The action has started but is at risk of missing its deadline; the risk is being managed.",
    rank: 1,
    phrase: "amber",
  }),
  status({
    code: "green",
    label: "Green",
    colour: "green",
    definition: "The action is on track to be delivered by the agreed deadline.",
    rank: 2,
    onTrack: true,
    phrase: "green",
  }),
  status({
    code: "blue",
    label: "Blue",
    colour: "blue",
    definition: "The action has been delivered.",
    rank: 3,
    complete: true,
    phrase: "delivered",
  }),
]);

export const BUILT_IN_SCHEMES: readonly StatusScheme[] = Object.freeze([FOUR_STATE, FIVE_LEVEL, RAG_BLUE]);

/** A built-in scheme by its code, or undefined. */
export function findScheme(code: string): StatusScheme | undefined {
  return BUILT_IN_SCHEMES.find((s) => s.code === code);
}

/** A status of the scheme by its code, or undefined when the scheme has no such status. */
export function statusOf(scheme: StatusScheme, code: string | undefined): StatusDefinition | undefined {
  if (code === undefined) return undefined;
  return scheme.statuses.find((s) => s.code === code);
}

/** The short words for a committee sentence ("on track"). */
export function phraseOf(status: StatusDefinition): string {
  return status.phrase ?? status.label.toLowerCase();
}

// ---- Custom schemes ---------------------------------------------------------------------------

/** A problem with one field of a form or file: `field` is a path ("statuses[1].label"), `message` says how to fix it. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type SchemeValidation = { ok: true; scheme: StatusScheme } | { ok: false; problems: FieldProblem[] };

const CODE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_STATUSES = 10; // a key has to fit in a committee paper
const MAX_LABEL = 60;
const MAX_NAME = 100;
const MAX_DEFINITION = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Checks a plan's own status scheme and returns it tidied (text trimmed, flags defaulted to
 * false), or every problem found. Never throws, whatever `input` is.
 */
export function validateCustomScheme(input: unknown): SchemeValidation {
  const problems: FieldProblem[] = [];
  const add = (f: string, message: string) => {
    if (!problems.some((p) => p.field === f)) problems.push({ field: f, message });
  };
  if (!isRecord(input))
    return { ok: false, problems: [{ field: "scheme", message: "Send the status scheme as an object with a code, a name and statuses." }] };

  const code = text(field(input, "code"));
  if (code === "") add("code", "Enter a code for the scheme, like local-rag");
  else if (!CODE_PATTERN.test(code))
    add("code", "The scheme code must start with a letter and use only lower-case letters, digits and hyphens (at most 40)");
  else if (findScheme(code)) add("code", `"${code}" is the code of a built-in scheme: choose another code`);

  const name = text(field(input, "name"));
  if (name === "") add("name", "Enter a name for the scheme");
  else if (name.length > MAX_NAME) add("name", `The scheme name must be ${MAX_NAME} characters or fewer`);

  const rawStatuses = field(input, "statuses");
  if (!Array.isArray(rawStatuses)) {
    add("statuses", "Add at least two statuses");
    return { ok: false, problems };
  }
  if (rawStatuses.length < 2) add("statuses", "Add at least two statuses: a scheme with one status cannot show progress");
  if (rawStatuses.length > MAX_STATUSES) add("statuses", `A scheme can have at most ${MAX_STATUSES} statuses, so its key fits in a committee paper`);

  const statuses: StatusDefinition[] = [];
  rawStatuses.slice(0, MAX_STATUSES).forEach((raw, index) => {
    const path = `statuses[${index}]`;
    const n = index + 1;
    if (!isRecord(raw)) {
      add(path, `Status ${n} must be an object with a code, a label, a colour and a definition`);
      return;
    }
    const statusCode = text(field(raw, "code"));
    if (statusCode === "") add(`${path}.code`, `Enter a code for status ${n}`);
    else if (!CODE_PATTERN.test(statusCode))
      add(`${path}.code`, `The code of status ${n} must start with a letter and use only lower-case letters, digits and hyphens (at most 40)`);
    else if (statusCode === NOT_YET_RATED || statusCode === UNRECOGNISED)
      add(`${path}.code`, `"${statusCode}" is kept for summaries: choose another code for status ${n}`);
    else if (statuses.some((s) => s.code === statusCode))
      add(`${path}.code`, `Status ${n} has the same code as another status: codes must be unique`);

    const label = text(field(raw, "label"));
    if (label === "") add(`${path}.label`, `Enter a label for status ${n}`);
    else if (label.length > MAX_LABEL) add(`${path}.label`, `The label of status ${n} must be ${MAX_LABEL} characters or fewer`);
    else if (statuses.some((s) => s.label.toLowerCase() === label.toLowerCase()))
      add(`${path}.label`, `Status ${n} has the same label as another status ("${label}"): labels must be unique`);

    const colour = field(raw, "colour");
    if (!STATUS_COLOURS.includes(colour as StatusColour))
      add(`${path}.colour`, `Choose a colour for status ${n}: one of ${STATUS_COLOURS.join(", ")} (use "none" for no colour)`);

    const definition = text(field(raw, "definition"));
    if (definition === "") add(`${path}.definition`, `Enter a written definition for status ${n}: every key prints what each status means`);
    else if (definition.length > MAX_DEFINITION)
      add(`${path}.definition`, `The definition of status ${n} must be ${MAX_DEFINITION} characters or fewer`);

    const flags = { complete: false, cancelled: false, unrated: false, onTrack: false };
    for (const flag of Object.keys(flags) as (keyof typeof flags)[]) {
      const value = field(raw, flag);
      if (value === undefined) continue;
      if (typeof value !== "boolean") add(`${path}.${flag}`, `"${flag}" of status ${n} must be true or false`);
      else flags[flag] = value;
    }
    if (flags.complete && flags.cancelled) add(`${path}.cancelled`, `Status ${n} cannot count as both complete and cancelled`);
    if (flags.complete && flags.unrated) add(`${path}.unrated`, `Status ${n} counts as complete, so it cannot be unrated`);
    // A withdrawn action is not a judgement of progress, so it has no place in the ranking.
    if (flags.cancelled && !flags.unrated)
      add(`${path}.unrated`, `Status ${n} counts as cancelled, so mark it unrated too: cancelling is not a rating of progress`);
    if (flags.onTrack && (flags.complete || flags.cancelled || flags.unrated))
      add(`${path}.onTrack`, `Status ${n} can only be "on track" if it is rated and neither complete nor cancelled`);

    const rawRank = field(raw, "rank");
    let rank: number | null = null;
    if (flags.unrated) {
      if (rawRank !== undefined && rawRank !== null) add(`${path}.rank`, `Status ${n} is unrated, so leave its rank empty`);
    } else if (typeof rawRank !== "number" || !Number.isInteger(rawRank) || rawRank < 0 || rawRank > 99) {
      add(`${path}.rank`, `Give status ${n} a rank: a whole number from 0 (worst) upwards`);
    } else if (statuses.some((s) => s.rank === rawRank)) {
      add(`${path}.rank`, `Status ${n} has the same rank as another status: ranks must be unique so direction of travel is clear`);
    } else {
      rank = rawRank;
    }

    const rawPhrase = field(raw, "phrase");
    let phrase: string | undefined;
    if (rawPhrase !== undefined && rawPhrase !== null) {
      phrase = text(rawPhrase);
      if (phrase === "" || phrase.length > MAX_LABEL)
        add(`${path}.phrase`, `The phrase of status ${n} must be 1 to ${MAX_LABEL} characters, like "on track"`);
    }

    statuses.push({
      code: statusCode,
      label,
      colour: colour as StatusColour,
      definition,
      rank,
      ...flags,
      ...(phrase ? { phrase } : {}),
    });
  });

  if (rawStatuses.length >= 2 && problems.length === 0) {
    const complete = statuses.filter((s) => s.complete);
    const ratedNotComplete = statuses.filter((s) => s.rank !== null && !s.complete);
    if (complete.length === 0) add("statuses", "Mark at least one status as complete, so an action can be finished");
    else if (ratedNotComplete.length === 0) add("statuses", "Add at least one rated status that is not complete, so progress can be rated");
    else {
      const lowestComplete = Math.min(...complete.map((s) => s.rank ?? 0));
      const best = ratedNotComplete.find((s) => (s.rank ?? 0) > lowestComplete);
      if (best) add("statuses", `"${best.label}" ranks above a complete status: complete statuses must rank highest`);
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scheme: { code, name, statuses } };
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}
