// How councils write the words around their plan tables (SPEC A11), read without guessing:
// section headings ("Significant weakness 1: ...", "Area of weakness", "Priority 2 -",
// "Recommendation 3", "4. Joint commissioning"), key and legend rows, the dates written at the
// start of an update ("Oct 19:", "January 2020 update") or in a heading ("as at 15 March 2022"),
// and the plan's own details (title, type, what it responds to, approved date). Pure, no clock.
import { daysInMonth, isIsoDate } from "../dates.ts";
import type { PlanType } from "../plans/types.ts";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_WORD =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

function monthNumber(word: string): number {
  const w = word.toLowerCase();
  return MONTHS[w.slice(0, w.startsWith("sept") ? 4 : 3)] ?? 0;
}

/** YYYY-MM-DD from parts, unchecked: isIsoDate says whether it is a real day. */
function isoFromParts(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function year4(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** A date a person wrote, and how exact it is: a day, or a month (dated its last day). */
export interface WrittenDate {
  date: string;
  precision: "day" | "month";
  text: string;
}

const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD}\\.?,?\\s+(\\d{4}|\\d{2})\\b`, "i");
const MONTH_YEAR = new RegExp(`^${MONTH_WORD}\\.?\\s*'?(\\d{4}|\\d{2})\\b`, "i");
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})\b/;

/** A date at the very start of `text`: "15 March 2022", "15/03/22", "2022-03-15", "Oct 19", "January 2020". */
export function dateAtStart(text: string): WrittenDate | undefined {
  const t = text.trim();
  let m = ISO.exec(t);
  if (m) {
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    return isIsoDate(iso) ? { date: iso, precision: "day", text: m[0] } : undefined;
  }
  m = DAY_MONTH_YEAR.exec(t);
  if (m) {
    const iso = isoFromParts(year4(m[3] ?? ""), monthNumber(m[2] ?? ""), Number(m[1]));
    return isIsoDate(iso) ? { date: iso, precision: "day", text: m[0] } : undefined;
  }
  m = NUMERIC.exec(t);
  if (m) {
    const iso = isoFromParts(year4(m[3] ?? ""), Number(m[2]), Number(m[1]));
    return isIsoDate(iso) ? { date: iso, precision: "day", text: m[0] } : undefined;
  }
  m = MONTH_YEAR.exec(t);
  if (m) {
    const year = year4(m[2] ?? "");
    const month = monthNumber(m[1] ?? "");
    if (month === 0 || year < 1990 || year > 2100) return undefined;
    return { date: isoFromParts(year, month, daysInMonth(year, month)), precision: "month", text: m[0] };
  }
  return undefined;
}

/** The first date written anywhere in `text` (a heading, a title line), or undefined. */
export function dateInText(text: string): WrittenDate | undefined {
  const starts = [...text.matchAll(/(?:^|[\s(,:–-])(?=\d|[A-Za-z])/g)].map((m) => m.index + (m[0].length ? m[0].length : 0));
  for (const start of [0, ...starts]) {
    const found = dateAtStart(text.slice(start));
    if (found) return found;
  }
  return undefined;
}

/**
 * The date an update's text gives itself, when it starts with one: "Oct 19: ...", "January 2020
 * update - ...", "Update 15/03/2022: ...", "(7/3/22) ...". With several dated paragraphs in one
 * cell, the latest date is the date of the update.
 */
export function updateDateInText(text: string): WrittenDate | undefined {
  let latest: WrittenDate | undefined;
  for (const line of text.split(/\n+/)) {
    const t = line
      .trim()
      .replace(/^[([]/, "")
      .replace(/^(?:update|progress(?: update)?|position|as at|at)\b\s*[:\-–(]?\s*/i, "");
    const found = dateAtStart(t);
    if (!found) continue;
    const after = t.slice(found.text.length).trimStart();
    // The date must be set off as a label, not begin a sentence ("March 2022 saw ...").
    if (!/^(?:[:\-–—)\]]|update\b|progress\b|position\b|$)/i.test(after)) continue;
    if (!latest || found.date > latest.date) latest = found;
  }
  return latest;
}

/** The date a column header speaks for: "Commentary as at 7 March 2022", "Update March 2022", "Jan 2020". */
export function headerDate(text: string): WrittenDate | undefined {
  const t = text.trim();
  const direct = dateAtStart(t);
  if (direct && direct.text.length >= t.length - 1) return direct;
  return /\b(?:as at|as of|at|update|updated|position|progress|commentary|rag|status)\b/i.test(t) ? dateInText(t) : undefined;
}

// ---- Sections ------------------------------------------------------------------------------------

export type HeadingKind = "significant-weakness" | "priority" | "recommendation" | "improvement-area" | "theme";

export interface Heading {
  kind: HeadingKind;
  /** The number written ("1", "2a", "iii"), when there is one. */
  number?: string;
  /** The whole heading as written: it is the section's title. */
  title: string;
}

const KEYWORDS: { re: string; kind: HeadingKind }[] = [
  { re: "(?:significant\\s+)?weakness(?:es)?", kind: "significant-weakness" },
  { re: "areas?\\s+(?:of|for)\\s+(?:significant\\s+)?(?:weakness|concern|development|improvement)", kind: "significant-weakness" },
  { re: "priority|priorities|key\\s+priority", kind: "priority" },
  { re: "recommendations?", kind: "recommendation" },
  { re: "(?:key\\s+)?(?:improvement\\s+)?area|area\\s+of\\s+focus|focus\\s+area", kind: "improvement-area" },
  { re: "theme|workstream|work\\s*stream|strand|objective|outcome|section|part|key\\s+line\\s+of\\s+enquiry|kloe|goal", kind: "theme" },
];
const NUMBER = "(\\d{1,3}[a-z]?|[ivx]{1,5}|[a-h])";

/**
 * A section heading: a keyword with a number ("Priority 2 - ...", "Recommendation 3",
 * "Significant weakness 1: ..."), a keyword set off with a colon ("Area of weakness: ..."), or a
 * numbered heading ("4. Joint commissioning", "2) Transitions"). Prose is not a heading.
 */
export function sectionHeading(text: string): Heading | undefined {
  const title = text.replace(/\s+/g, " ").trim();
  if (title === "" || title.length > 2000) return undefined;
  for (const { re, kind } of KEYWORDS) {
    const numbered = new RegExp(`^(?:${re})\\s*(?:no\\.?|number)?\\s*${NUMBER}\\b\\s*(?:[:.\\-–—)]|$|\\s)`, "i").exec(title);
    if (numbered?.[1]) return { kind, number: numbered[1], title };
    const labelled = new RegExp(`^(?:${re})\\s*[:\\-–—]\\s*\\S`, "i").exec(title);
    if (labelled) return { kind, title };
    if (new RegExp(`^(?:${re})$`, "i").test(title) && kind === "significant-weakness") return { kind, title };
  }
  const numbered = /^(\d{1,2}(?:\.\d{1,2})?)[.)]?\s+([A-Za-z].{2,})$/.exec(title);
  if (numbered?.[1] && !/^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(title))
    return { kind: "theme", number: numbered[1], title };
  return undefined;
}

/** "(continued)", "cont." and "continued from the previous page" headings continue the section above. */
export function isContinuation(text: string): boolean {
  return /\bcont(?:inued|inues|'d|d)?\b|\bcont\./i.test(text);
}

// ---- Keys, legends and notes ---------------------------------------------------------------------

const STATUS_WORD =
  "(?:blue|dark green|light green|green|amber|yellow|red|grey|gray|black|white|purple|completed?|on track|off track|not started|delayed|at risk|in progress|rag|b|r|a|g|lg|dg)";
const KEY_START = /^(?:rag\s+)?(?:key|legend|colour key|color key|status key|rag rating key|rating key|key to (?:rag|status|ratings?|colours?))\b/i;
const KEY_ENTRY = new RegExp(`^${STATUS_WORD}\\s*(?:=|:|–|—|-|means\\b)\\s*\\S`, "i");
const NOTE_START = /^(?:notes?|nb|n\.b\.|source|please note|\*)\s*[:.\-–]/i;

/**
 * The row's filled cells, a merged cell once: a reader repeats a merged cell's text in every
 * column it covers ("RED | The action has not yet started ..." merged over seven columns).
 */
function filledCells(texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts.map((t) => t.trim())) if (text !== "" && text !== out[out.length - 1]) out.push(text);
  return out;
}

/** Why a row is left out as a key or legend, or undefined: "Key: Completed = implemented in full", "Green = on track". */
export function keyRow(texts: string[]): string | undefined {
  const filled = filledCells(texts);
  const first = filled[0];
  if (!first) return undefined;
  if (KEY_START.test(first)) return "a key to the statuses";
  if (NOTE_START.test(first) && filled.length <= 2) return "a note";
  if (filled.every((t) => KEY_ENTRY.test(t)) && filled.length <= 3) return "a key to the statuses";
  return undefined;
}

/**
 * A colour key row with no "Key" label: a cell that is only a status word or colour, and at most
 * one other cell (what it means) — "Completed | Fully implemented", "Blue | Delivered".
 */
export function colourKeyRow(texts: string[]): boolean {
  const filled = filledCells(texts);
  if (filled.length === 0 || filled.length > 2) return false;
  return (
    new RegExp(`^${STATUS_WORD}$`, "i").test(filled[0] ?? "") && (filled.length === 1 || !new RegExp(`^${STATUS_WORD}$`, "i").test(filled[1] ?? ""))
  );
}

/** A row inside a key: a status word or colour beside what it means ("Red | Not started"). */
export function keyEntryRow(texts: string[]): boolean {
  const filled = filledCells(texts);
  if (filled.length === 0 || filled.length > 3) return false;
  return new RegExp(`^${STATUS_WORD}\\b`, "i").test(filled[0] ?? "") || KEY_ENTRY.test(filled[0] ?? "");
}

// ---- The plan's details --------------------------------------------------------------------------

export interface FileDetails {
  title?: { value: string; where: string };
  type?: { value: PlanType; where: string };
  respondsTo?: { value: string; where: string };
  approvedOn?: { value: string; where: string };
  /** The date the file speaks for ("as at 15 March 2022", "Progress update - March 2022"). */
  asOf?: { value: string; where: string };
}

const TYPE_WORDS: { re: RegExp; type: PlanType }[] = [
  { re: /written statement of action|\bwsoa\b/i, type: "wsoa" },
  { re: /accelerated progress plan|\bapp\b|priority action plan/i, type: "priority-action-plan" },
  { re: /peer review|peer challenge/i, type: "peer-review" },
  { re: /scrutiny/i, type: "scrutiny-review" },
  { re: /\bstrategy\b|strategic (?:action )?plan/i, type: "strategy" },
];

const RESPONDS_TO: { re: RegExp; value: string }[] = [
  { re: /ofsted\s+and\s+cqc|joint local area|local area send inspection|area send inspection/i, value: "Ofsted and CQC local area SEND inspection" },
  { re: /revisit/i, value: "Ofsted and CQC revisit" },
  { re: /peer review|peer challenge/i, value: "Peer review" },
  { re: /scrutiny/i, value: "Scrutiny review" },
];

/**
 * The plan's details from the lines above its tables and the document's properties, each with
 * where it was found, for the person to confirm. Only what is written: nothing is made up.
 */
export function fileDetails(lines: { text: string; where: string }[], properties: { title?: string } = {}): FileDetails {
  const out: FileDetails = {};
  let inspected: { value: string; where: string } | undefined;
  const candidates = [
    ...lines.filter((l) => l.text.trim() !== ""),
    ...(properties.title ? [{ text: properties.title, where: "the document's properties" }] : []),
  ];
  for (const line of candidates) {
    const text = line.text.replace(/\s+/g, " ").trim();
    if (!out.title && text.length >= 6 && text.length <= 200 && !sectionHeading(text) && !keyRow([text]) && /[a-z]/i.test(text))
      out.title = { value: text, where: line.where };
    if (!out.type) {
      const found = TYPE_WORDS.find((t) => t.re.test(text));
      if (found) out.type = { value: found.type, where: line.where };
    }
    if (!out.respondsTo) {
      const found = RESPONDS_TO.find((t) => t.re.test(text));
      if (found) {
        const inspected = /inspect|visit|review/i.test(text) ? dateInText(text.replace(/^.*?(?:inspect\w*|visit\w*|review\w*)\b/i, "")) : undefined;
        out.respondsTo = { value: inspected ? `${found.value} (${inspected.text})` : found.value, where: line.where };
      }
    }
    if (!out.approvedOn) {
      const m = /\b(?:approved|agreed|signed off|published|submitted)\b(.*)$/i.exec(text);
      const found = m?.[1] ? dateInText(m[1]) : undefined;
      if (found) out.approvedOn = { value: found.date, where: line.where };
    }
    if (!inspected) {
      const m = /\b(?:inspection|inspected|visit)\b(.*)$/i.exec(text);
      const found = m?.[1] ? dateInText(m[1]) : undefined;
      if (found) inspected = { value: found.date, where: `${line.where} (the inspection date)` };
    }
    if (!out.asOf) {
      const m = /\b(?:as at|as of|position at|progress (?:update|report)|update|updated|rag (?:rating|status) at)\b[\s:\-–(]*(.*)$/i.exec(text);
      const found = m?.[1] ? dateInText(m[1]) : undefined;
      if (found) out.asOf = { value: found.date, where: line.where };
    }
  }
  // No approval date written: the inspection's date, which a statement of action answers.
  if (!out.approvedOn && inspected) out.approvedOn = inspected;
  return out;
}
