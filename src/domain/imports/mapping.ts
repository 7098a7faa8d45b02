// Turns the tables read from a council's file into a plan (SPEC A11): finds the header row, maps
// columns to fields by the names councils use (Southend's 2022 peer review progress sheet, Thurrock's
// 2019 WSOA action tables), lets a person's own mapping override that, maps status words and cell colours to the
// plan's scheme, and lists every problem with the row and column a person sees in the file.
// Pure: no I/O, no clock ("the date the file speaks for" is a parameter).
import { NOT_YET_RATED } from "../plans/schemes.ts";
import { parseTimescale } from "../plans/timescales.ts";
import type { ActionSeed, ActionUpdate, DueDate, ForumSeed, SectionSeed, StatusColour, StatusDefinition, StatusScheme } from "../plans/types.ts";
import {
  colourKeyRow,
  dateAtStart,
  type FileDetails,
  fileDetails,
  type Heading,
  headerDate,
  isContinuation,
  keyEntryRow,
  keyRow,
  sectionHeading,
  updateDateInText,
} from "./reading.ts";
import type { Cell, FileProperties, Table } from "./table.ts";

export type ImportField =
  | "sectionNumber"
  | "section"
  | "number"
  | "action"
  | "successMeasures"
  | "lead"
  | "forum"
  | "timescale"
  | "status"
  | "update"
  | "updateDate";

export const IMPORT_FIELDS: readonly ImportField[] = [
  "sectionNumber",
  "section",
  "number",
  "action",
  "successMeasures",
  "lead",
  "forum",
  "timescale",
  "status",
  "update",
  "updateDate",
];

/** Header words for each field, normalised (lower case, letters and digits only, single spaces). Longest match wins. */
const HEADER_NAMES: Record<ImportField, string[]> = {
  sectionNumber: ["rec no", "recommendation no", "recommendation number", "area no", "priority no", "section no", "weakness no"],
  section: [
    "recommendation",
    "recommendation short",
    "recommendations",
    "improvement area",
    "area for improvement",
    "area",
    "priority",
    "theme",
    "section",
    "significant weakness",
    "weakness",
    "objective",
    "workstream",
    "work stream",
    "outcome",
    "key area",
    "area of focus",
    "focus area",
    "area of weakness",
    "priority area",
    "strand",
    "kloe",
  ],
  number: ["no", "number", "ref", "reference", "action no", "action number", "action ref", "id", "item"],
  action: [
    "action",
    "actions",
    "summary actions",
    "summary action",
    "what we will do",
    "key actions",
    "task",
    "tasks",
    "activity",
    "actions required",
    "title",
    "action title",
    "action description",
    "description",
    "deliverable",
    "deliverables",
    "milestone",
    "milestones",
    "steps",
  ],
  successMeasures: [
    "success measure",
    "success measures",
    "success measure s",
    "success criteria",
    "measure of success",
    "outcome measures",
    "impact",
    "evidence of impact",
    "kpi",
    "kpis",
  ],
  lead: [
    "lead",
    "leads",
    "lead officer",
    "lead officer s",
    "lead s",
    "responsible",
    "responsible officer",
    "responsible lead",
    "owner",
    "owner s",
    "action owner",
    "lead person",
    "who",
    "accountable",
    "assigned to",
  ],
  forum: ["governance forum", "governance", "forum", "reporting to", "reports to", "board", "accountable board"],
  timescale: [
    "timescale",
    "timescales",
    "deadline",
    "due",
    "due date",
    "due by",
    "target date",
    "target completion date",
    "by when",
    "when",
    "completion date",
    "date due",
    "timeframe",
    "timeline",
    "end date",
  ],
  status: [
    "rag",
    "rag rating",
    "rag status",
    "status",
    "rating",
    "current rag",
    "overall rag",
    "progress rating",
    "progress status",
    "delivery status",
    "brag",
    "brag rating",
    "rag rating current",
  ],
  update: [
    "progress update",
    "update",
    "progress",
    "current commentary",
    "commentary",
    "comments",
    "progress to date",
    "latest update",
    "narrative",
    "notes",
    "position statement",
    "current position",
    "status update",
    "progress commentary",
    "evidence of progress",
  ],
  updateDate: ["update date", "date of update", "last updated", "last update", "date of last update", "updated", "as at", "date updated", "modified"],
};

/** Field names as people read them, for messages. */
export const FIELD_LABELS: Record<ImportField, string> = {
  sectionNumber: "section number",
  section: "section",
  number: "number",
  action: "action",
  successMeasures: "success measures",
  lead: "lead",
  forum: "governance forum",
  timescale: "timescale",
  status: "status",
  update: "progress update",
  updateDate: "update date",
};

export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(.*?\)/g, (m) => (m.length > 12 ? " " : ` ${m} `)) // "(short)" kept, "(prom the implementation plan" dropped below
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
}

/** The field a header names, or undefined: an exact name, else a header that starts with a known name ("Current commentary as of ..."). */
const NAMES: { field: ImportField; name: string; prefix: string }[] = IMPORT_FIELDS.flatMap((field) =>
  HEADER_NAMES[field].map((name) => ({ field, name, prefix: `${name} ` })),
);

export function fieldForHeader(text: string): ImportField | undefined {
  const h = normaliseHeader(text);
  if (h === "") return undefined;
  let best: { field: ImportField; length: number; exact: boolean } | undefined;
  for (const { field, name, prefix: withSpace } of NAMES) {
    {
      const exact = h === name;
      const prefix = !exact && h.startsWith(withSpace);
      if (!exact && !prefix) continue;
      const better = !best || (exact && !best.exact) || (exact === best.exact && name.length > best.length);
      if (better) best = { field, length: name.length, exact };
    }
  }
  return best?.field;
}

/** Column index (0-based) of each mapped field. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** A person's correction: a field to a header text or a 1-based column number; null to ignore the field. */
export type MappingOverride = Partial<Record<ImportField, string | number | null>> & {
  /** A status value as found (words in lower case, or "colour:amber") to the scheme's status code. */
  statuses?: Record<string, string>;
};

function mapHeaderRow(row: Cell[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  row.forEach((cell, i) => {
    const field = fieldForHeader(cell.text);
    if (field && mapping[field] === undefined) mapping[field] = i;
  });
  // "No" beside the section column numbers the section (Southend's "No | Recommendation").
  if (
    mapping.number !== undefined &&
    mapping.section !== undefined &&
    mapping.sectionNumber === undefined &&
    mapping.number === mapping.section - 1
  ) {
    mapping.sectionNumber = mapping.number;
    delete mapping.number;
  }
  return mapping;
}

function applyOverride(
  mapping: ColumnMapping,
  header: Cell[],
  override: MappingOverride | undefined,
): { mapping: ColumnMapping; problems: string[] } {
  const out: ColumnMapping = { ...mapping };
  const problems: string[] = [];
  for (const field of IMPORT_FIELDS) {
    if (!override || !(field in override)) continue;
    const value = override[field];
    if (value === null || value === undefined) {
      delete out[field];
      continue;
    }
    let index: number;
    if (typeof value === "number") index = value - 1;
    else index = header.findIndex((c) => normaliseHeader(c.text) === normaliseHeader(value));
    if (index < 0 || index >= header.length) {
      problems.push(
        `the mapping names ${typeof value === "number" ? `column ${value}` : `a column "${value}"`} for ${FIELD_LABELS[field]}, but the header row has no such column`,
      );
      continue;
    }
    for (const other of IMPORT_FIELDS) if (out[other] === index) delete out[other];
    out[field] = index;
  }
  return { mapping: out, problems };
}

const HEADER_SCAN_ROWS = 20;

/** The first row (0-based) of the first 20 where at least two cells name known columns, with its mapping. */
export function detectHeader(rows: Cell[][]): { index: number; mapping: ColumnMapping } | undefined {
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r += 1) {
    const row = rows[r] ?? [];
    const distinct = new Set(row.map((c) => c.text));
    if (distinct.size < 2) continue; // a caption merged across
    const mapping = mapHeaderRow(row);
    // A plan's table has actions and something that places them (a number, a section, a lead or a
    // timescale); a workbook's other sheets ("Status | Actions | Per cent") are not plan tables.
    const placed = [mapping.number, mapping.section, mapping.sectionNumber, mapping.lead, mapping.timescale].some((c) => c !== undefined);
    if (Object.keys(mapping).length >= 2 && (mapping.action !== undefined || mapping.section !== undefined) && placed) return { index: r, mapping };
  }
  return undefined;
}

// ---- Statuses ------------------------------------------------------------------------------------

function hsl(hex: string): { h: number; s: number; l: number } {
  const n = Number.parseInt(hex, 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h = (h * 60 + 360) % 360;
  return { h, s, l };
}

/** The RAG colour a fill looks like: red, amber (incl. yellow), light green, green, blue, grey; white and near-white are none. */
export function colourOfFill(hex: string | undefined): StatusColour {
  if (!hex || !/^[0-9a-f]{6}$/i.test(hex)) return "none";
  const { h, s, l } = hsl(hex);
  if (l > 0.93) return "none";
  if (s < 0.15) return "grey";
  if (h < 20 || h >= 330) return "red";
  if (h < 65) return "amber";
  if (h < 170) return h < 100 || l > 0.6 ? "light-green" : "green";
  if (h < 260) return "blue";
  return "red"; // magenta and pink are read as red rather than dropped
}

const SYNONYMS: { words: string[]; pick: (s: StatusDefinition) => boolean }[] = [
  { words: ["complete", "completed", "done", "delivered", "implemented", "closed", "achieved", "met", "blue"], pick: (s) => s.complete },
  { words: ["on track", "on target", "in progress", "progressing"], pick: (s) => s.onTrack === true },
  { words: ["delayed", "off track", "behind", "not started", "at risk", "limited progress", "slipped"], pick: (s) => s.rank === 0 },
  { words: ["tbc", "to be confirmed", "dates to be finalised", "not yet rated", "unrated", "not rated"], pick: (s) => s.unrated },
];

function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The scheme status a word or phrase in a status cell names, or undefined. */
const ALIASES: Record<string, string> = {
  r: "red",
  a: "amber",
  yellow: "amber",
  g: "green",
  lg: "light green",
  "pale green": "light green",
  dg: "green",
  "dark green": "green",
  b: "blue",
  complete: "completed",
  "complete d": "completed",
  "on track green": "on track",
};

export function statusFromText(scheme: StatusScheme, text: string): StatusDefinition | undefined {
  const written = norm(text);
  const t = ALIASES[written] ?? written;
  if (t === "") return undefined;
  const exact = scheme.statuses.find((s) => norm(s.code) === t || norm(s.label) === t || (s.phrase !== undefined && norm(s.phrase) === t));
  if (exact) return exact;
  const byColour = scheme.statuses.filter((s) => s.colour === t || s.colour.replace("-", " ") === t);
  if (byColour.length === 1) return byColour[0];
  for (const { words, pick } of SYNONYMS) {
    if (!words.includes(t)) continue;
    const candidates = scheme.statuses.filter(pick);
    // Several complete statuses (green and completed): the best ranked.
    return candidates.sort((a, b) => (b.rank ?? -1) - (a.rank ?? -1))[0];
  }
  return undefined;
}

/** The scheme status a cell colour shows, or undefined. Light green falls back to green and back. */
export function statusFromFill(scheme: StatusScheme, fill: string | undefined): StatusDefinition | undefined {
  const colour = colourOfFill(fill);
  if (colour === "none") return undefined;
  const direct = scheme.statuses.find((s) => s.colour === colour);
  if (direct) return direct;
  if (colour === "light-green") return scheme.statuses.find((s) => s.colour === "green");
  if (colour === "green") return scheme.statuses.find((s) => s.colour === "light-green");
  return undefined;
}

// ---- Rows to plan --------------------------------------------------------------------------------

export interface ImportProblem {
  /** The table (sheet) the row is in, when the file has more than one. */
  table?: string;
  /** 1-based, as a person sees the row in the file. */
  row: number;
  /** The column's header as written, or "" for a problem with the whole row. */
  column: string;
  message: string;
}

export interface ImportedAction extends ActionSeed {
  /** Where the action is in the file. */
  source: { table: string; row: number };
  due: DueDate;
  /** What was inferred (a year from the plan's start, a date read from the action's text): shown in the preview. */
  assumptions: string[];
  /** The section numbers above the action, outermost first: with its number, the action's reference. */
  path: string[];
}

export interface ImportedSection extends Omit<SectionSeed, "actions" | "sections"> {
  actions: ImportedAction[];
  sections?: ImportedSection[];
}

export interface ImportOptions {
  scheme: StatusScheme;
  /** Gives a year to timescales written without one; without it such timescales stay as written, undated. */
  planStart?: string;
  /** The date the file speaks for: the date of updates the file does not date itself. */
  updateDate?: string;
  /** The plan's forums, matched by name; other names get a new forum. */
  forums?: ForumSeed[];
  mapping?: MappingOverride;
  /** The file's own properties (a Word title), for the plan's details. */
  properties?: FileProperties;
  /**
   * Re-import: numbers (lower case) the plan itself repeats within a section, which its own export
   * repeats too; rows using them are told apart by their words when matched, not refused.
   */
  repeatedNumbers?: ReadonlySet<string>;
}

export interface TableMapping {
  table: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** Field to header text as written. */
  columns: Partial<Record<ImportField, string>>;
}

/** One distinct status value found in the file (words, or a cell colour), and the status it maps to. */
export interface StatusValue {
  /** The key a person's choice is remembered by: the words in lower case, or "colour:amber". */
  key: string;
  /** As a person sees it: "AMBER", "amber shading". */
  label: string;
  count: number;
  /** The status of the scheme, or null when the person has to choose. */
  code: string | null;
  /** "file" when the words or colour name a status, "chosen" when a person mapped it. */
  how: "file" | "chosen" | "unmapped";
}

/** A row the import leaves out, and why: a key, a note, a header repeated after a page break. */
export interface LeftOutRow {
  table: string;
  row: number;
  text: string;
  reason: string;
}

export type ImportResult =
  | {
      ok: true;
      /** The plan's title as the file gives it (a title line, a caption above the first header, the document's properties). */
      title?: string;
      details: FileDetails;
      sections: ImportedSection[];
      forums: ForumSeed[];
      mappings: TableMapping[];
      problems: ImportProblem[];
      statusValues: StatusValue[];
      leftOut: LeftOutRow[];
      /** Updates the file gives no date for (no date column, none in the text or header, no date for the file). */
      undated: number;
      counts: { sections: number; actions: number; updates: number };
    }
  | { ok: false; problem: string };

function slug(text: string): string {
  return norm(text).replace(/ /g, "-") || "forum";
}

/** A leading number of a section cell: "1-4. Management Oversight", "11. Effective Governance", "6a Parent guide". */
export function splitNumber(text: string): { number?: string; title: string } {
  const m = /^\s*(\d+[a-z]?(?:\s*[-.–]\s*\d+[a-z]?)*)(?:[.):]\s*|\s+)(\S[\s\S]*)$/i.exec(text);
  // A theme label before the number, as Thurrock's WSOA writes its areas: "Record keeping: 7. Review ...".
  const labelled = m ? undefined : /^\s*([A-Za-z][A-Za-z ,&'/-]{0,40}):\s*(\d{1,3}[a-z]?)[.)]\s+(\S[\s\S]*)$/.exec(text);
  if (labelled?.[1] && labelled[2] && labelled[3]) return { number: labelled[2], title: `${labelled[1].trim()}: ${labelled[3].trim()}` };
  if (!m?.[1] || !m[2]) return { title: text.trim() };
  return { number: m[1].replace(/\s+/g, "").replace("–", "-"), title: m[2].trim() };
}

/**
 * An update date cell: "2022-03-07", "07/03/2022", "7/3/22" (UK day first), "7 March 2022", "Oct 19",
 * "March 2022". A time after the date is dropped: list exports (SharePoint's "Modified") write
 * "12/02/2024 09:14" or "2024-02-12T09:14:00Z", and the update is dated by its day.
 */
export function parseUpdateDate(text: string): string | undefined {
  const t = text
    .trim()
    .replace(/(?<=\d)(?:[ T]|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|BST))?$/i, "");
  const found = dateAtStart(t);
  return found && found.text.length >= t.replace(/[.,]$/, "").length ? found.date : undefined;
}

function isCaption(row: Cell[]): string | undefined {
  const texts = row.map((c) => c.text.trim()).filter((t) => t !== "");
  if (texts.length === 0) return undefined;
  const first = texts[0] as string;
  if (row.length > 2 && texts.every((t) => t === first) && (texts.length > 1 || row.length > 2)) return first;
  return undefined;
}

/** The one filled cell of a row, when only one is filled. */
function loneText(row: Cell[]): string | undefined {
  const filled = row.map((c) => c.text.trim()).filter((t) => t !== "");
  return new Set(filled).size === 1 ? filled[0] : undefined;
}

const GENERIC_SHEET = /^(?:sheet|table|csv|page)\s*\d*$/i;
const AIM_LABEL = /^(?:aims?|our aims?|purpose|what we want to achieve)\s*[:\-–]?\s*/i;
const KPI_LABEL =
  /^(?:kpis?|key performance indicators?|performance indicators?|measures? of success|success (?:measures?|criteria)|impact measures?|targets?)\s*[:\-–]?\s*/i;

/** The aim and KPIs written under a heading, before its table. */
function aimAndKpis(lines: string[]): { aim?: string; kpis?: string } {
  const out: { aim?: string[]; kpis?: string[] } = {};
  let into: "aim" | "kpis" | undefined;
  for (const line of lines) {
    if (AIM_LABEL.test(line) && /^\S+\s*(?:[:\-–]|$)|^(?:our aims?|what we want)/i.test(line)) {
      into = "aim";
      const rest = line.replace(AIM_LABEL, "").trim();
      out.aim = rest ? [rest] : [];
    } else if (KPI_LABEL.test(line)) {
      into = "kpis";
      const rest = line.replace(KPI_LABEL, "").trim();
      out.kpis = rest ? [rest] : [];
    } else if (into) out[into]?.push(line);
  }
  return {
    ...(out.aim?.length ? { aim: out.aim.join("\n") } : {}),
    ...(out.kpis?.length ? { kpis: out.kpis.join("\n") } : {}),
  };
}

const TIMESCALE_IN_TEXT = new RegExp(
  [
    "(?:by |from |wef |w\\.e\\.f\\.? )?(?:(?:the )?end of )?(?:spring|summer|autumn|winter)(?: term)? \\d{4}(?:/\\d{2,4})?",
    "Q[1-4] \\d{4}(?:/\\d{2,4})?",
    "(?:by |from |wef |w\\.e\\.f\\.? )?(?:(?:the )?end of )?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?(?: \\d{4}| '?\\d{2}\\b)?(?: onwards)?",
  ]
    .map((p) => `(?:^|[\\s(,;:–-])(${p})(?=$|[\\s).,;:–-])`)
    .join("|"),
  "gi",
);

/** A timescale written inside an action's text ("Jan", "Feb onwards", "by end of March 2021"), the last one that reads as a date. */
export function timescaleInText(text: string, planStart: string): { words: string; due: DueDate; assumption?: string } | undefined {
  let found: { words: string; due: DueDate; assumption?: string } | undefined;
  for (const m of text.matchAll(TIMESCALE_IN_TEXT)) {
    const words = (m[1] ?? m[2] ?? m[3] ?? "").trim();
    // "may" is also a verb: only as a month with a year, or capitalised.
    if (/^may$/i.test(words) && words !== "May") continue;
    const parsed = parseTimescale(words, { planStart });
    if (parsed.ok && parsed.due.precision !== "tbc")
      found = { words, due: parsed.due, ...(parsed.assumption ? { assumption: parsed.assumption } : {}) };
  }
  return found;
}

const NO_YEAR_START = "2000-01-01";

function allActions(sections: ImportedSection[]): ImportedAction[] {
  return sections.flatMap((s) => [...s.actions, ...allActions(s.sections ?? [])]);
}

/** Builds the plan from the tables. Problems name the row and column; nothing here throws on any table. */
export function mapTables(tables: Table[], options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const mappings: TableMapping[] = [];
  const topLevel: ImportedSection[] = [];
  const leftOut: LeftOutRow[] = [];
  const detailLines: { text: string; where: string }[] = [];
  const forums = new Map<string, ForumSeed>();
  for (const f of options.forums ?? []) forums.set(norm(f.name), f);
  const newForums: ForumSeed[] = [];
  const statusValues = new Map<string, StatusValue & { rows: { table: string; row: number; column: string }[] }>();
  const references = new Map<string, { table: string; row: number; section: ImportedSection }>();
  let current: { mapping: ColumnMapping; header: Cell[]; headerFields: string } | undefined;
  let group: ImportedSection | undefined;
  let section: ImportedSection | undefined;
  let lastAction: ImportedAction | undefined;
  let sectionKey = "";
  let undated = 0;
  const counts = { sections: 0, actions: 0, updates: 0 };
  const multiTable = tables.length > 1;
  const withTable = (table: string, p: Omit<ImportProblem, "table">): ImportProblem => (multiTable ? { table, ...p } : p);
  const detected = tables.map((t) => detectHeader(t.rows));
  const planTables = detected.filter((d) => d !== undefined).length;
  const chosen = options.mapping?.statuses ?? {};

  const startGroup = (heading: Heading, extra: { aim?: string; kpis?: string } = {}) => {
    group = {
      number: heading.number ?? String(topLevel.length + 1),
      title: heading.title,
      kind: heading.kind === "improvement-area" ? "improvement-area" : heading.kind,
      ...extra,
      actions: [],
      sections: [],
    };
    topLevel.push(group);
    counts.sections += 1;
    section = undefined;
    sectionKey = "";
    lastAction = undefined;
  };
  const containerFor = (): ImportedSection[] => {
    if (!group) return topLevel;
    if (!group.sections) group.sections = [];
    return group.sections;
  };
  const statusFor = (key: string, label: string, found: StatusDefinition | undefined, where: { table: string; row: number; column: string }) => {
    const picked = chosen[key];
    const byChoice = picked ? options.scheme.statuses.find((s) => s.code === picked) : undefined;
    const code = byChoice?.code ?? found?.code ?? null;
    let value = statusValues.get(key);
    if (!value) {
      value = { key, label, count: 0, code, how: byChoice ? "chosen" : found ? "file" : "unmapped", rows: [] };
      statusValues.set(key, value);
    }
    value.count += 1;
    if (value.rows.length < 5) value.rows.push(where);
    return code;
  };

  tables.forEach((table, t) => {
    const found = detected[t];
    let start = 0;
    // The paragraphs above the table: its heading ("Significant weakness 2: ..."), aim and KPIs.
    const before = table.before ?? [];
    let headingAt = -1;
    for (let i = before.length - 1; i >= 0; i -= 1) {
      if (sectionHeading(before[i] ?? "")) {
        headingAt = i;
        break;
      }
    }
    const paragraphsAbove = headingAt >= 0 ? before.slice(0, headingAt) : before;
    if (mappings.length === 0) for (const text of paragraphsAbove) detailLines.push({ text, where: `the text above ${table.name.toLowerCase()}` });
    let headingAbove: { heading: Heading; extra: { aim?: string; kpis?: string } } | undefined;
    const headingText = before[headingAt];
    if (headingText && !isContinuation(headingText)) {
      const heading = sectionHeading(headingText) as Heading;
      headingAbove = { heading, extra: aimAndKpis(before.slice(headingAt + 1)) };
    }

    if (found) {
      const header = table.rows[found.index] ?? [];
      const { mapping, problems: overrideProblems } = applyOverride(found.mapping, header, options.mapping);
      for (const message of overrideProblems) problems.push(withTable(table.name, { row: found.index + 1, column: "", message }));
      current = { mapping, header, headerFields: Object.keys(mapping).sort().join(",") };
      start = found.index + 1;
      mappings.push({
        table: table.name,
        headerRow: found.index + 1,
        columns: Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, header[i]?.text ?? ""])),
      });
      // Lines above the header: a section heading starts a group; other lines are the plan's title and details.
      let captionHeading: Heading | undefined;
      for (let r = 0; r < found.index; r += 1) {
        const row = table.rows[r] ?? [];
        const caption = isCaption(row) ?? loneText(row);
        if (!caption) continue;
        const heading = sectionHeading(caption);
        if (heading) captionHeading = heading;
        else if (keyRow([caption])) leftOut.push({ table: table.name, row: r + 1, text: caption, reason: keyRow([caption]) as string });
        else detailLines.push({ text: caption, where: `${table.name} row ${r + 1}` });
      }
      if (captionHeading) startGroup(captionHeading, headingAbove?.extra);
      else if (headingAbove) startGroup(headingAbove.heading, headingAbove.extra);
      else if (
        planTables > 1 &&
        !GENERIC_SHEET.test(table.name.trim()) &&
        (table.before === undefined || table.before.length === 0) &&
        !(headingText && isContinuation(headingText))
      )
        // A workbook with one sheet per area: the sheet's name is the area.
        startGroup({ kind: "improvement-area", ...splitNumber(table.name), title: table.name.trim() });
    } else if (!current || (table.rows[0]?.length ?? 0) !== current.header.length) {
      return; // a table with no header that does not continue the previous one (a contents or key table)
    } else if (headingAbove) startGroup(headingAbove.heading, headingAbove.extra);
    const { mapping, header } = current;
    const col = (field: ImportField) => mapping[field];
    const headerText = (field: ImportField) => {
      const i = col(field);
      return i === undefined ? FIELD_LABELS[field] : (header[i]?.text ?? FIELD_LABELS[field]);
    };
    // The date a column's header speaks for ("Commentary as at 7 March 2022", "RAG Jan 2020").
    const columnDate = [col("update"), col("status")].map((i) => (i === undefined ? undefined : headerDate(header[i]?.text ?? ""))).find((d) => d);
    // Columns headed by a date or month and no field ("Oct 2019", "RAG Jan 2020", "Update March
    // 2020"): a tracker's history, one update per column, oldest first.
    const mapped = new Set(Object.values(mapping));
    const datedColumns = header
      .map((c, i) => ({ i, date: mapped.has(i) || /\bsince\b/i.test(c.text) ? undefined : headerDate(c.text) }))
      .filter((d): d is { i: number; date: NonNullable<ReturnType<typeof headerDate>> } => d.date !== undefined)
      .sort((a, b) => (a.date.date < b.date.date ? -1 : a.date.date > b.date.date ? 1 : 0));
    // Status from colour: the status column, else the first of update, action, number columns that carries fills.
    const fillColumn = [col("status"), col("update"), col("action"), col("sectionNumber"), col("number")].find(
      (i) => i !== undefined && table.rows.slice(start).some((r) => r[i]?.fill !== undefined && colourOfFill(r[i]?.fill) !== "none"),
    );
    const uncolouredStatus = options.scheme.statuses.filter((s) => s.colour === "none");
    let inKey = false;

    for (let r = start; r < table.rows.length; r += 1) {
      const row = table.rows[r] ?? [];
      const rowNumber = r + 1;
      const texts = row.map((c) => c.text);
      const get = (field: ImportField) => {
        const i = col(field);
        return i === undefined ? "" : (row[i]?.text ?? "").trim();
      };
      const shown = [...new Set(texts.map((x) => x.trim()).filter((x) => x !== ""))].join(" | ").slice(0, 200);
      if (texts.every((x) => x.trim() === "")) continue;
      // The header repeated after a page break.
      // (Checked only when the action cell reads as its header: mapping every row's cells is slow.)
      const again = get("action") === headerText("action") ? mapHeaderRow(row) : {};
      if (Object.keys(again).length >= 2 && Object.keys(again).sort().join(",") === current.headerFields) {
        leftOut.push({ table: table.name, row: rowNumber, text: shown, reason: "the header row repeated" });
        inKey = false;
        continue;
      }
      const key =
        keyRow(texts) ??
        // A colour key under the table, unlabelled: a status word and its meaning, and nothing an action has.
        (get("lead") === "" && get("timescale") === "" && get("update") === "" && colourKeyRow(texts) ? "a key to the statuses" : undefined);
      if (key || (inKey && (keyEntryRow(texts) || texts.filter((x) => x.trim() !== "").length <= 2))) {
        leftOut.push({ table: table.name, row: rowNumber, text: shown, reason: key ?? "a key to the statuses" });
        inKey = inKey || key === "a key to the statuses";
        continue;
      }
      inKey = false;
      // A section row: a heading across the table, or alone in its row ("Significant weakness 2: ...").
      const lone = loneText(row);
      const caption = isCaption(row);
      const spread =
        caption !== undefined && col("action") !== undefined && get("action") === caption && texts.filter((x) => x.trim() !== "").length > 1;
      // Alone in the first column, or a number or action column; not in the section column (that
      // is a section of the table's own), nor in an update column (a row broken across pages).
      const at = texts.findIndex((x) => x.trim() !== "");
      const placed = spread || (at !== col("section") && (at === 0 || at === col("number") || at === col("sectionNumber") || at === col("action")));
      const heading = lone && placed ? sectionHeading(lone) : undefined;
      if (lone && (heading || spread)) {
        startGroup(heading ?? { kind: "theme", ...splitNumber(lone), title: lone });
        continue;
      }

      // Section: carried down from the rows above when its cell is empty.
      const sectionText = get("section");
      const sectionNumberText = get("sectionNumber");
      if (sectionText !== "" || sectionNumberText !== "") {
        const sKey = `${sectionNumberText}|${sectionText}`;
        const carried = sectionText === "" && section !== undefined && sectionNumberText === (section.number ?? "");
        if (sKey !== sectionKey && !carried) {
          const split =
            col("sectionNumber") !== undefined && sectionNumberText !== ""
              ? { number: sectionNumberText, title: sectionText }
              : splitNumber(sectionText);
          const siblings = containerFor();
          section = {
            number: split.number ?? String(siblings.length + 1),
            title: split.title || `Section ${split.number ?? siblings.length + 1}`,
            kind: col("section") !== undefined && /area/i.test(headerText("section")) ? "improvement-area" : "recommendation",
            actions: [],
          };
          siblings.push(section);
          counts.sections += 1;
          sectionKey = sKey;
          lastAction = undefined;
        }
      }
      const actionText = get("action");
      if (actionText === "") {
        // A row with no action continues the action above (a row broken across pages).
        if (lastAction) {
          const more = (field: ImportField, value: string | undefined) =>
            value && get(field) !== "" ? `${value}\n${get(field)}` : value || get(field) || undefined;
          const measures = more("successMeasures", lastAction.successMeasures);
          if (measures) lastAction.successMeasures = measures;
          const last = lastAction.updates[lastAction.updates.length - 1];
          if (last && get("update") !== "") last.commentary = last.commentary ? `${last.commentary}\n${get("update")}` : get("update");
          else if (get("update") !== "") {
            lastAction.updates.push({ date: options.updateDate ?? "", status: NOT_YET_RATED, commentary: get("update") });
            if (!options.updateDate) undated += 1;
            counts.updates += 1;
          }
        } else if (get("update") !== "" || get("timescale") !== "" || get("lead") !== "") {
          problems.push(
            withTable(table.name, {
              row: rowNumber,
              column: headerText("action"),
              message: "the row has no action: write the action, or join the row to the one above",
            }),
          );
        }
        continue;
      }
      const owner = section ?? group;
      let into: ImportedSection;
      if (owner) into = owner;
      else {
        into = { number: String(topLevel.length + 1), title: "Actions", kind: "theme", actions: [] };
        topLevel.push(into);
        section = into;
        counts.sections += 1;
        sectionKey = "|";
      }
      // Numbers are the file's own, kept as written, and need only be unique within their section.
      const position = into.actions.length + 1;
      const numberText = get("number");
      // With no number column, a list number at the start of the action ("2. Establish access to
      // files", as Southend's summary actions are written) is the action's number in its section.
      const listed = numberText === "" ? /^(\d{1,2}[a-z]?)[.)]\s+(?=\S)/i.exec(actionText) : null;
      const listedNumber = listed ? `${into.number}.${listed[1]}` : undefined;
      const useListed = listed && listedNumber && !into.actions.some((a) => a.number === listedNumber);
      let free = position;
      while (!numberText && !useListed && into.actions.some((a) => a.number === `${into.number}.${free}`)) free += 1;
      const number = numberText !== "" ? numberText : useListed ? listedNumber : `${into.number}.${free}`;
      const path = [...(group && into !== group ? [group.number] : []), into.number];
      let reference = [...path, number].join(" / ");
      const seen = references.get(reference);
      if (seen?.section === into && !options.repeatedNumbers?.has(number.trim().toLowerCase())) {
        problems.push(
          withTable(table.name, {
            row: rowNumber,
            column: headerText(numberText !== "" ? "number" : "section"),
            message: `'${number}' is also used at ${seen.table === table.name ? "" : `${seen.table}, `}row ${seen.row} in '${into.title.slice(0, 80)}': give each action of a section its own number`,
          }),
        );
      }
      // Two sections with the same number (a flat export of a plan with weaknesses): still two references.
      for (let n = 2; references.has(reference); n++) reference = `${[...path, number].join(" / ")} (${n})`;
      references.set(reference, { table: table.name, row: rowNumber, section: into });

      // Timescale: the column, else words in the action's text; kept as written.
      const assumptions: string[] = [];
      let timescaleText = get("timescale");
      let due: DueDate = { precision: "tbc", date: null, text: timescaleText };
      const start0 = options.planStart ?? NO_YEAR_START;
      const noYear = (assumption: string | undefined) => options.planStart === undefined && assumption?.startsWith("No year given");
      if (timescaleText === "") {
        const inText = timescaleInText(actionText, start0);
        if (inText && !noYear(inText.assumption)) {
          timescaleText = inText.words;
          due = inText.due;
          assumptions.push(`due date read from the action's text ('${inText.words}')`);
          if (inText.assumption) assumptions.push(inText.assumption);
        } else if (inText) {
          timescaleText = inText.words;
          due = { precision: "tbc", date: null, text: inText.words };
          assumptions.push(
            `'${inText.words}' (in the action's text) has no year and the plan's start is not known: kept as written, with no due date`,
          );
        } else assumptions.push("the file gives no timescale: no due date");
      } else {
        const parsed = parseTimescale(timescaleText, { planStart: start0 });
        if (parsed.ok && !noYear(parsed.assumption)) {
          due = parsed.due;
          if (parsed.assumption) assumptions.push(parsed.assumption);
        } else if (parsed.ok) {
          assumptions.push(`'${timescaleText}' has no year and the plan's start is not known: kept as written, with no due date`);
        } else assumptions.push(`'${timescaleText}' could not be read as a date: kept as written, with no due date`);
      }

      // Forums.
      const forumCodes: string[] = [];
      for (const name of get("forum")
        .split(/\n|;/)
        .map((x) => x.trim())
        .filter((x) => x !== "")) {
        let forum = forums.get(norm(name));
        if (!forum) {
          forum = { code: slug(name), name, meetings: [] };
          forums.set(norm(name), forum);
          newForums.push(forum);
        }
        if (!forumCodes.includes(forum.code)) forumCodes.push(forum.code);
      }

      // Status: the words in the status column, else the colour.
      let status: string | null = null;
      // "Not yet rated" is how the exports show an action with no rating: nothing to import.
      const notRated = /^not yet rated$/i.test(get("status"));
      const statusText = notRated ? "" : get("status");
      if (notRated) {
        // Said in words, so neither the cell's colour nor its lack of one gives it a status.
      } else if (statusText !== "") {
        status = statusFor(norm(statusText), statusText, statusFromText(options.scheme, statusText), {
          table: table.name,
          row: rowNumber,
          column: headerText("status"),
        });
      } else if (fillColumn !== undefined) {
        const fill = row[fillColumn]?.fill;
        const colour = colourOfFill(fill);
        if (colour !== "none") {
          status = statusFor(`colour:${colour}`, `${colour.replace("-", " ")} shading`, statusFromFill(options.scheme, fill), {
            table: table.name,
            row: rowNumber,
            column: header[fillColumn]?.text ?? "",
          });
        } else if (uncolouredStatus.length === 1) {
          // The scheme's key gives "no colour" a meaning (Southend: dates to be finalised).
          status = uncolouredStatus[0]?.code ?? null;
        }
      }

      // Update, dated from the file: its date column, a date at the start of its text, its column's header, the file's date.
      const updates: ActionUpdate[] = [];
      const commentary = get("update");
      const rated = status !== null || statusText !== "" || (fillColumn !== undefined && colourOfFill(row[fillColumn]?.fill) !== "none");
      if (rated || commentary !== "") {
        let date = options.updateDate;
        const dateText = get("updateDate");
        const parsed = dateText === "" ? undefined : parseUpdateDate(dateText);
        if (parsed) date = parsed;
        else {
          if (dateText !== "")
            problems.push(
              withTable(table.name, {
                row: rowNumber,
                column: headerText("updateDate"),
                message: `'${dateText}' is not a date: write it as 31/03/2022, 2022-03-31 or March 2022`,
              }),
            );
          const written = updateDateInText(commentary) ?? columnDate;
          if (written) date = written.date;
        }
        if (!date) undated += 1;
        updates.push({ date: date ?? "", status: status ?? NOT_YET_RATED, commentary });
        counts.updates += 1;
      }
      // The history in dated columns: a status word or colour is a rating, other words commentary.
      const history: ActionUpdate[] = [];
      for (const { i, date } of datedColumns) {
        const text = (row[i]?.text ?? "").trim();
        const colour = colourOfFill(row[i]?.fill);
        if (text === "" && colour === "none") continue;
        const where = { table: table.name, row: rowNumber, column: header[i]?.text ?? "" };
        const named = text !== "" ? statusFromText(options.scheme, text) : undefined;
        let code: string | null = null;
        if (named || (text !== "" && text.length <= 20 && !/[.,;]/.test(text))) code = statusFor(norm(text), text, named, where);
        else if (colour !== "none")
          code = statusFor(`colour:${colour}`, `${colour.replace("-", " ")} shading`, statusFromFill(options.scheme, row[i]?.fill), where);
        const words = code !== null && text !== "" && (named || text.length <= 20) ? "" : text;
        history.push({ date: date.date, status: code ?? history.at(-1)?.status ?? NOT_YET_RATED, commentary: words });
        counts.updates += 1;
      }
      if (history.length) {
        // The status column's word, when there is one, is the latest; the dated columns come before it.
        const all = [...history, ...updates].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        updates.splice(0, updates.length, ...all);
      }

      const lead = get("lead");
      const action: ImportedAction = {
        number,
        externalId: reference.slice(0, 200),
        text: useListed && listed ? actionText.slice(listed[0].length) : actionText,
        ...(get("successMeasures") !== "" ? { successMeasures: get("successMeasures") } : {}),
        ...(lead !== "" ? { leadRole: lead } : {}),
        forums: forumCodes,
        timescale: timescaleText,
        updates,
        source: { table: table.name, row: rowNumber },
        due,
        assumptions,
        path,
      };
      into.actions.push(action);
      counts.actions += 1;
      lastAction = action;
    }
  });

  if (mappings.length === 0) {
    return {
      ok: false,
      problem:
        "no header row was found: none of the first 20 rows of any table names at least two known columns (such as Actions, Lead, Timescale, RAG, Progress update). Check the file has a header row, or choose the columns yourself",
    };
  }
  // Statuses the file names that the scheme does not have: one question for each, not one per row.
  const values = [...statusValues.values()];
  for (const value of values.filter((v) => v.code === null)) {
    const first = value.rows[0];
    const rows = value.rows.map((w) => w.row).join(", ");
    problems.push(
      withTable(first?.table ?? "", {
        row: first?.row ?? 0,
        column: first?.column ?? "",
        message: `'${value.label}' (${value.count === 1 ? `row ${rows}` : `${value.count} rows: ${rows}${value.count > value.rows.length ? " ..." : ""}`}) is not a status of the ${options.scheme.name} scheme: choose the status it means`,
      }),
    );
  }
  if (counts.actions === 0)
    problems.push({ row: (mappings[0]?.headerRow ?? 0) + 1, column: "", message: "the table has a header row but no actions under it" });
  // A number used once in the file is the action's reference as it stands ("6a.1", "R1/A2").
  const all = allActions(topLevel);
  const uses = new Map<string, number>();
  for (const a of all) uses.set(a.number, (uses.get(a.number) ?? 0) + 1);
  for (const a of all) if (uses.get(a.number) === 1 && a.number.length <= 200) a.externalId = a.number;
  const details = fileDetails(detailLines, options.properties);
  return {
    ok: true,
    ...(details.title ? { title: details.title.value } : {}),
    details,
    sections: topLevel,
    forums: newForums,
    mappings,
    problems,
    statusValues: values.map(({ rows: _rows, ...v }) => v),
    leftOut,
    undated,
    counts,
  };
}

/**
 * The built-in scheme that names most of the file's statuses (words and colours): fewest values
 * left for the person to map. On a tie, a file with light green is the five-level RAG, a "BRAG"
 * column RAG + Blue; otherwise the four-state scheme, then RAG + Blue, then five-level.
 */
export function inferScheme(tables: Table[], schemes: readonly StatusScheme[], options: Omit<ImportOptions, "scheme">): StatusScheme | undefined {
  const first = schemes[0];
  if (!first) return undefined;
  // One reading gives the distinct values; each scheme is then asked which it names.
  const result = mapTables(tables, { ...options, scheme: first });
  if (!result.ok) return first;
  const lightGreen = result.statusValues.some((v) => v.key === "light green" || v.key === "colour:light-green" || v.key === "lg");
  // A "BRAG" column names blue, red, amber and green.
  const brag = result.mappings.some((m) => /\bbrag\b/i.test(m.columns.status ?? ""));
  let best: { scheme: StatusScheme; unmapped: number; order: number } | undefined;
  schemes.forEach((scheme, i) => {
    const names = (v: StatusValue) =>
      v.key.startsWith("colour:")
        ? statusFromFill(scheme, SAMPLE_FILLS[v.key.slice("colour:".length) as StatusColour]) !== undefined
        : statusFromText(scheme, v.label) !== undefined;
    const unmapped = result.statusValues.filter((v) => !names(v)).reduce((n, v) => n + v.count, 0);
    const preference = (brag ? ["rag-blue", "four-state", "five-level"] : ["four-state", "rag-blue", "five-level"]).indexOf(scheme.code);
    const order = lightGreen && scheme.statuses.some((s) => s.colour === "light-green") ? -1 : preference < 0 ? 10 + i : preference;
    if (!best || unmapped < best.unmapped || (unmapped === best.unmapped && order < best.order)) best = { scheme, unmapped, order };
  });
  return best?.scheme;
}

/** A fill of each colour, to ask a scheme what a colour found in the file means. */
const SAMPLE_FILLS: Record<StatusColour, string | undefined> = {
  red: "FF0000",
  amber: "FFC000",
  "light-green": "92D050",
  green: "00B050",
  blue: "0070C0",
  grey: "808080",
  none: undefined,
};
