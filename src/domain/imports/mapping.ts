// Turns the tables read from a council's file into a plan (SPEC A11): finds the header row, maps
// columns to fields by the names councils use (Southend's 2022 peer review progress sheet, Thurrock's
// 2019 WSOA action tables), lets a person's own mapping override that, maps status words and cell colours to the
// plan's scheme, and lists every problem with the row and column a person sees in the file.
// Pure: no I/O, no clock ("the date the file speaks for" is a parameter).
import { isIsoDate } from "../dates.ts";
import { NOT_YET_RATED } from "../plans/schemes.ts";
import { parseTimescale } from "../plans/timescales.ts";
import type { ActionSeed, ActionUpdate, DueDate, ForumSeed, SectionSeed, StatusColour, StatusDefinition, StatusScheme } from "../plans/types.ts";
import type { Cell, Table } from "./table.ts";

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
    "outcome",
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
  lead: ["lead", "leads", "lead officer", "responsible", "responsible officer", "owner", "action owner", "lead person", "who", "accountable"],
  forum: ["governance forum", "governance", "forum", "reporting to", "reports to", "board", "accountable board"],
  timescale: ["timescale", "timescales", "deadline", "due", "due date", "target date", "by when", "when", "completion date", "date due", "timeframe"],
  status: ["rag", "rag rating", "rag status", "status", "rating", "current rag", "progress rating", "brag", "rag rating current"],
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
  ],
  updateDate: ["update date", "date of update", "last updated", "updated", "as at", "date updated"],
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
export function fieldForHeader(text: string): ImportField | undefined {
  const h = normaliseHeader(text);
  if (h === "") return undefined;
  let best: { field: ImportField; length: number; exact: boolean } | undefined;
  for (const field of IMPORT_FIELDS) {
    for (const name of HEADER_NAMES[field]) {
      const exact = h === name;
      const prefix = h.startsWith(`${name} `);
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
export type MappingOverride = Partial<Record<ImportField, string | number | null>>;

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
export function statusFromText(scheme: StatusScheme, text: string): StatusDefinition | undefined {
  const t = norm(text);
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
  /** What was inferred (a year from the plan's start, a blank timescale as TBC): shown in the preview. */
  assumptions: string[];
}

export interface ImportedSection extends Omit<SectionSeed, "actions" | "sections"> {
  actions: ImportedAction[];
  sections?: ImportedSection[];
}

export interface ImportOptions {
  scheme: StatusScheme;
  /** Gives a year to timescales written without one. */
  planStart: string;
  /** The date the file speaks for: the date of updates when the file has no update date column. */
  updateDate: string;
  /** The plan's forums, matched by name; other names get a new forum. */
  forums?: ForumSeed[];
  mapping?: MappingOverride;
}

export interface TableMapping {
  table: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** Field to header text as written. */
  columns: Partial<Record<ImportField, string>>;
}

export type ImportResult =
  | {
      ok: true;
      /** A caption above the first header ("SEND Peer Review Recommendations, Progress Sheet"), offered as the plan's title. */
      title?: string;
      sections: ImportedSection[];
      forums: ForumSeed[];
      mappings: TableMapping[];
      problems: ImportProblem[];
      counts: { sections: number; actions: number; updates: number };
    }
  | { ok: false; problem: string };

function slug(text: string): string {
  return norm(text).replace(/ /g, "-") || "forum";
}

/** A leading number of a section cell: "1-4. Management Oversight", "11. Effective Governance", "6a Parent guide". */
export function splitNumber(text: string): { number?: string; title: string } {
  const m = /^\s*(\d+[a-z]?(?:\s*[-.–]\s*\d+[a-z]?)*)(?:[.):]\s*|\s+)(\S[\s\S]*)$/i.exec(text);
  if (!m?.[1] || !m[2]) return { title: text.trim() };
  return { number: m[1].replace(/\s+/g, "").replace("–", "-"), title: m[2].trim() };
}

/** "2022-03-07", "07/03/2022", "7/3/22" (UK day first) as YYYY-MM-DD, or undefined. */
const LONG_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

export function parseUpdateDate(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isIsoDate(t) ? t : undefined;
  // "7 March 2022", as the progress sheet export writes dates.
  const long = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(t);
  if (long) {
    const month = LONG_MONTHS.indexOf((long[2] ?? "").toLowerCase()) + 1;
    const iso = `${long[3]}-${String(month).padStart(2, "0")}-${(long[1] ?? "").padStart(2, "0")}`;
    return month > 0 && isIsoDate(iso) ? iso : undefined;
  }
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (!m) return undefined;
  const year = m[3]?.length === 2 ? `20${m[3]}` : (m[3] ?? "");
  const iso = `${year}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}

function isCaption(row: Cell[]): string | undefined {
  const texts = row.map((c) => c.text.trim()).filter((t) => t !== "");
  if (texts.length === 0) return undefined;
  const first = texts[0] as string;
  if (row.length > 2 && texts.every((t) => t === first) && (texts.length > 1 || row.length > 2)) return first;
  return undefined;
}

interface Group {
  section: ImportedSection;
  fromBeforeHeader: boolean;
}

/** Builds the plan from the tables. Problems name the row and column; nothing here throws on any table. */
export function mapTables(tables: Table[], options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const mappings: TableMapping[] = [];
  const topLevel: ImportedSection[] = [];
  const groups: Group[] = [];
  const forums = new Map<string, ForumSeed>();
  for (const f of options.forums ?? []) forums.set(norm(f.name), f);
  const newForums: ForumSeed[] = [];
  const externalIds = new Map<string, number>();
  let current: { mapping: ColumnMapping; header: Cell[] } | undefined;
  let group: ImportedSection | undefined;
  let section: ImportedSection | undefined;
  let lastAction: ImportedAction | undefined;
  let sectionKey = "";
  let pendingTitle: string | undefined;
  let counts = { sections: 0, actions: 0, updates: 0 };
  const multiTable = tables.length > 1;
  const withTable = (table: string, p: Omit<ImportProblem, "table">): ImportProblem => (multiTable ? { table, ...p } : p);

  const containerFor = (): ImportedSection[] => {
    if (!group) return topLevel;
    if (!group.sections) group.sections = [];
    return group.sections;
  };

  for (const table of tables) {
    const detected = detectHeader(table.rows);
    let start = 0;
    if (detected) {
      const header = table.rows[detected.index] ?? [];
      const { mapping, problems: overrideProblems } = applyOverride(detected.mapping, header, options.mapping);
      for (const message of overrideProblems) problems.push(withTable(table.name, { row: detected.index + 1, column: "", message }));
      current = { mapping, header };
      start = detected.index + 1;
      mappings.push({
        table: table.name,
        headerRow: detected.index + 1,
        columns: Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, header[i]?.text ?? ""])),
      });
      // Captions above the header start a group (a significant weakness over its areas).
      for (let r = 0; r < detected.index; r += 1) {
        const caption = isCaption(table.rows[r] ?? []);
        if (!caption) continue;
        const { number } = splitNumber(caption.replace(/^\D+(?=\d)/, ""));
        group = { number: number ?? String(groups.length + 1), title: caption, kind: "theme", actions: [], sections: [] };
        groups.push({ section: group, fromBeforeHeader: groups.length === 0 && mappings.length === 1 });
        topLevel.push(group);
        section = undefined;
        sectionKey = "";
        if (pendingTitle === undefined) pendingTitle = caption;
      }
    } else if (!current || (table.rows[0]?.length ?? 0) !== current.header.length) {
      continue; // a table with no header that does not continue the previous one (a contents or key table)
    }
    const { mapping, header } = current;
    const col = (field: ImportField) => mapping[field];
    const headerText = (field: ImportField) => {
      const i = col(field);
      return i === undefined ? FIELD_LABELS[field] : (header[i]?.text ?? FIELD_LABELS[field]);
    };
    const headerKey = header.map((c) => norm(c.text)).join("|");
    // Status from colour: the status column, else the first of update, action, number columns that carries fills.
    const fillColumn = [col("status"), col("update"), col("action"), col("sectionNumber"), col("number")].find(
      (i) => i !== undefined && table.rows.slice(start).some((r) => r[i]?.fill !== undefined),
    );
    const colourCoded = fillColumn !== undefined;
    const uncolouredStatus = options.scheme.statuses.filter((s) => s.colour === "none");

    for (let r = start; r < table.rows.length; r += 1) {
      const row = table.rows[r] ?? [];
      const rowNumber = r + 1;
      const get = (field: ImportField) => {
        const i = col(field);
        return i === undefined ? "" : (row[i]?.text ?? "").trim();
      };
      if (row.every((c) => c.text.trim() === "")) continue;
      if (row.map((c) => norm(c.text)).join("|") === headerKey) continue; // header repeated after a page break
      const caption = isCaption(row);
      if (caption && col("action") !== undefined && get("action") === caption && row.filter((c) => c.text.trim() !== "").length > 1) {
        const { number } = splitNumber(caption.replace(/^\D+(?=\d)/, ""));
        group = { number: number ?? String(groups.length + 1), title: caption, kind: "theme", actions: [], sections: [] };
        groups.push({ section: group, fromBeforeHeader: false });
        topLevel.push(group);
        section = undefined;
        sectionKey = "";
        continue;
      }

      // Section: carried down from the rows above when its cell is empty.
      const sectionText = get("section");
      const sectionNumberText = get("sectionNumber");
      if (sectionText !== "" || sectionNumberText !== "") {
        const key = `${sectionNumberText}|${sectionText}`;
        const carried = sectionText === "" && section !== undefined && sectionNumberText === (section.number ?? "");
        if (key !== sectionKey && !carried) {
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
          sectionKey = key;
          lastAction = undefined;
        }
      }
      const actionText = get("action");
      if (actionText === "") {
        // A row with no action continues the action above (a row broken across pages).
        if (lastAction) {
          const more = (field: ImportField, value: string | undefined) =>
            value && get(field) !== "" ? `${value}\n${get(field)}` : value || get(field) || undefined;
          lastAction.successMeasures = more("successMeasures", lastAction.successMeasures);
          const last = lastAction.updates[lastAction.updates.length - 1];
          if (last && get("update") !== "") last.commentary = last.commentary ? `${last.commentary}\n${get("update")}` : get("update");
          else if (get("update") !== "") {
            lastAction.updates.push({ date: options.updateDate, status: NOT_YET_RATED, commentary: get("update") });
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
      if (!section) {
        const siblings = containerFor();
        section = { number: String(siblings.length + 1), title: group?.title ?? "Actions", kind: "theme", actions: [] };
        siblings.push(section);
        counts.sections += 1;
        sectionKey = "|";
      }
      const position = section.actions.length + 1;
      const numberText = get("number");
      const number = numberText !== "" ? numberText : `${section.number}.${position}`;
      const externalId = numberText !== "" ? numberText : group && groups.length > 1 ? `${group.number}.${section.number}.${position}` : number;
      const seen = externalIds.get(externalId);
      if (seen !== undefined) {
        problems.push(
          withTable(table.name, {
            row: rowNumber,
            column: headerText(numberText !== "" ? "number" : "section"),
            message: `'${externalId}' is also used at row ${seen}: each action needs its own number`,
          }),
        );
      } else externalIds.set(externalId, rowNumber);

      // Timescale.
      const assumptions: string[] = [];
      const timescaleText = get("timescale");
      let due: DueDate = { precision: "tbc", date: null, text: timescaleText };
      if (timescaleText === "") {
        assumptions.push("no timescale given: to be confirmed");
      } else {
        const parsed = parseTimescale(timescaleText, { planStart: options.planStart });
        if (parsed.ok) {
          due = parsed.due;
          if (parsed.assumption) assumptions.push(parsed.assumption);
        } else problems.push(withTable(table.name, { row: rowNumber, column: headerText("timescale"), message: parsed.message }));
      }

      // Forums.
      const forumCodes: string[] = [];
      for (const name of get("forum")
        .split(/\n|;/)
        .map((s) => s.trim())
        .filter((s) => s !== "")) {
        let forum = forums.get(norm(name));
        if (!forum) {
          forum = { code: slug(name), name, meetings: [] };
          forums.set(norm(name), forum);
          newForums.push(forum);
        }
        if (!forumCodes.includes(forum.code)) forumCodes.push(forum.code);
      }

      // Status: the words in the status column, else the colour.
      let status: StatusDefinition | undefined;
      // "Not yet rated" is how the exports show an action with no rating: nothing to import.
      const statusText = /^not yet rated$/i.test(get("status")) ? "" : get("status");
      if (statusText !== "") {
        status = statusFromText(options.scheme, statusText);
        if (!status) {
          problems.push(
            withTable(table.name, {
              row: rowNumber,
              column: headerText("status"),
              message: `'${statusText}' is not a status of the ${options.scheme.name} scheme: use one of ${options.scheme.statuses.map((s) => s.label).join(", ")}`,
            }),
          );
        }
      } else if (fillColumn !== undefined) {
        const fill = row[fillColumn]?.fill;
        status = statusFromFill(options.scheme, fill);
        if (!status && fill && colourOfFill(fill) !== "none") {
          problems.push(
            withTable(table.name, {
              row: rowNumber,
              column: header[fillColumn]?.text ?? "",
              message: `the colour #${fill} is not a status of the ${options.scheme.name} scheme`,
            }),
          );
        } else if (!status && colourCoded && uncolouredStatus.length === 1) {
          // The scheme's key gives "no colour" a meaning (Southend: dates to be finalised).
          status = uncolouredStatus[0];
        }
      }

      // Update.
      const updates: ActionUpdate[] = [];
      const commentary = get("update");
      if (status || commentary !== "") {
        let date = options.updateDate;
        const dateText = get("updateDate");
        if (dateText !== "") {
          const parsed = parseUpdateDate(dateText);
          if (parsed) date = parsed;
          else
            problems.push(
              withTable(table.name, {
                row: rowNumber,
                column: headerText("updateDate"),
                message: `'${dateText}' is not a date: write it as 31/03/2022 or 2022-03-31`,
              }),
            );
        }
        updates.push({ date, status: status?.code ?? NOT_YET_RATED, commentary });
        counts.updates += 1;
      }

      const lead = get("lead");
      const action: ImportedAction = {
        number,
        externalId,
        text: actionText,
        ...(get("successMeasures") !== "" ? { successMeasures: get("successMeasures") } : {}),
        ...(lead !== "" ? { leadRole: lead } : {}),
        forums: forumCodes,
        timescale: timescaleText === "" ? "TBC" : timescaleText,
        updates,
        source: { table: table.name, row: rowNumber },
        due,
        assumptions,
      };
      section.actions.push(action);
      counts.actions += 1;
      lastAction = action;
    }
  }

  if (mappings.length === 0) {
    return {
      ok: false,
      problem:
        "no header row was found: none of the first 20 rows of any table names at least two known columns (such as Actions, Lead, Timescale, RAG, Progress update). Check the file has a header row, or choose the columns yourself",
    };
  }
  let sections = topLevel;
  let title: string | undefined;
  // A single caption above the only header is the plan's title, not a group.
  if (groups.length === 1 && groups[0]?.fromBeforeHeader) {
    title = groups[0].section.title;
    sections = topLevel.flatMap((s) => (s === groups[0]?.section ? (s.sections ?? []) : [s]));
  } else {
    // Groups count as sections too.
    counts = { ...counts, sections: counts.sections + groups.length };
  }
  if (counts.actions === 0)
    problems.push({ row: (mappings[0]?.headerRow ?? 0) + 1, column: "", message: "the table has a header row but no actions under it" });
  return { ok: true, ...(title ? { title } : {}), sections, forums: newForums, mappings, problems, counts };
}
