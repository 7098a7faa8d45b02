// A report as headings, paragraphs and tables: the one layout every file format draws, so Word,
// Excel, CSV and HTML say the same thing. A status cell carries its colour and its words.
import type { StatusColour } from "../../../domain/plans/types.ts";
import type {
  ChangesReport,
  ExceptionReport,
  MeetingReport,
  ProgressReport,
  Report,
  ReportBoundMeasure,
  SummaryBlock,
  SummaryReport,
  WsoaBlock,
} from "../report-model.ts";

export interface Cell {
  text: string;
  /** Set for a status cell: shaded with this colour, and the text is the status in words. */
  colour?: StatusColour;
}

export interface Table {
  /** Names the table (a Word heading, an Excel sheet name, an HTML caption). */
  title: string;
  columns: { header: string /** Relative width. */; width: number }[];
  rows: Cell[][];
  /** The table with one row per action: the one CSV holds and Excel puts first. */
  primary?: boolean;
}

/** A chart as accessible SVG (HTML, PDF) and, in Word, a picture of it with `alt` as its text; its figures are also in a table. */
export interface ChartBlock {
  type: "chart";
  title: string;
  alt: string;
  svg: string;
}

export type Block = { type: "heading"; text: string } | { type: "paragraph"; text: string } | { type: "table"; table: Table } | ChartBlock;

export interface ReportDocument {
  title: string;
  /** "Position as at 15 March 2022": printed under the title and in every page footer. */
  asAtLine: string;
  blocks: Block[];
}

/** Fills as councils print them, with a text colour that keeps WCAG AA contrast on each. */
export const STATUS_FILLS: Record<StatusColour, { fill: string; text: string } | null> = {
  blue: { fill: "1D70B8", text: "FFFFFF" },
  green: { fill: "00703C", text: "FFFFFF" },
  "light-green": { fill: "A8D08D", text: "0B0C0C" },
  amber: { fill: "FFBF47", text: "0B0C0C" },
  red: { fill: "D4351C", text: "FFFFFF" },
  grey: { fill: "B1B4B6", text: "0B0C0C" },
  none: null,
};

const text = (value: string | number): Cell => ({ text: String(value) });
const status = (s: { label: string; colour: StatusColour }): Cell => ({ text: s.label, colour: s.colour });
const section = (s: { number: string; title: string }) => [s.number, s.title].filter(Boolean).join(" ");

function keyTable(report: Report): Table {
  return {
    title: "Status key",
    columns: [
      { header: "Status", width: 2 },
      { header: "Definition", width: 6 },
    ],
    rows: report.key.map((k) => [status(k), text(k.definition)]),
  };
}

function countsTable(summary: SummaryBlock, title: string): Table {
  return {
    title,
    columns: [
      { header: "Status", width: 3 },
      { header: "Actions", width: 1 },
      { header: "Per cent", width: 1 },
    ],
    rows: [
      ...summary.rows.map((r) => [status(r), text(r.count), text(r.percentText)]),
      [text("Total"), text(summary.total), text(summary.total ? "100%" : "0%")],
    ],
  };
}

function wsoaTableOf(wsoa: WsoaBlock, title: string): Table {
  return {
    title,
    columns: [
      { header: "Status", width: 3 },
      { header: "Initial", width: 1 },
      { header: "Previous", width: 1 },
      { header: "Current", width: 1 },
      { header: "Change", width: 1 },
    ],
    rows: [
      ...wsoa.rows.map((r) => [
        status(r),
        text(r.initial),
        text(r.previous),
        text(r.current),
        text(r.changeSincePrevious > 0 ? `+${r.changeSincePrevious}` : r.changeSincePrevious),
      ]),
      [text("Total"), text(wsoa.totals.initial), text(wsoa.totals.previous), text(wsoa.totals.current), text("")],
    ],
  };
}

function directionLine(wsoa: WsoaBlock): string {
  const d = wsoa.direction;
  return `Direction of travel: ${d.improved} improved, ${d.worse} worse, ${d.unchanged} unchanged, ${d.new} newly rated.`;
}

const ACTION_COLUMNS = [
  { header: "No", width: 1 },
  { header: "Recommendation", width: 3 },
  { header: "Action", width: 6 },
  { header: "Lead", width: 3 },
  { header: "Due", width: 2 },
  { header: "Status", width: 3 },
];

// The progress sheet keeps the section number, the action's number and the update's date in
// columns of their own, so the Excel and CSV exports import back into the plan unchanged.
const PROGRESS_COLUMNS = [
  { header: "Section no", width: 1 },
  { header: "Recommendation", width: 3 },
  { header: "No", width: 1 },
  { header: "Action", width: 6 },
  { header: "Lead", width: 3 },
  { header: "Due", width: 2 },
  { header: "Status", width: 3 },
  // Not "Impact": an import reads a column of that name as success measures.
  { header: "Percent complete", width: 1 },
  { header: "Judged impact", width: 2 },
  { header: "Last updated", width: 2 },
];

const PROPOSED_WORDS = { met: "Met", "on track": "On track", "at risk": "At risk", "off track": "Off track" } as const;

/**
 * The bound success measures (SPEC C3): a table of their figures and ratings, then each one's small
 * chart (drawn by the caller: `charts` by binding id) with the figures in words as its text.
 */
function boundMeasuresBlocks(measures: readonly ReportBoundMeasure[], asAtText: string, charts?: ReadonlyMap<string, string>): Block[] {
  if (!measures.length) return [];
  const blocks: Block[] = [
    { type: "heading", text: "Success measures bound to measures" },
    {
      type: "paragraph",
      text: `Each figure is worked out from the casework (or the quality records) as at ${asAtText}: the 12 months to that date, or on that date for a count of children. The proposed rating follows the milestone line from the baseline to the target.`,
    },
    {
      type: "table",
      table: {
        title: "Success measures bound to measures",
        columns: [
          { header: "No", width: 1 },
          { header: "Measure", width: 4 },
          { header: `Figure as at ${asAtText}`, width: 3 },
          { header: "Baseline", width: 2 },
          { header: "Target", width: 2 },
          { header: "Milestone line", width: 2 },
          { header: "Proposed rating and why", width: 6 },
          { header: "Lead's rating", width: 2 },
          { header: "Figure supports it", width: 2 },
          { header: "Rating kept because", width: 4 },
        ],
        rows: measures.map((m) => [
          text(m.number),
          text(m.title),
          text(m.actualText),
          text(m.baselineText),
          text(m.targetText),
          text(m.milestoneText),
          text(`${m.proposedRating ? PROPOSED_WORDS[m.proposedRating] : "No figure yet"}: ${m.reason}`),
          text(m.leadRating ?? "Not rated"),
          text(m.supportsRating === null ? "Not yet" : m.supportsRating ? "Yes" : "No"),
          text(m.ratingKept ? `${m.ratingKept.reason}${m.ratingKept.keptBy ? ` (${m.ratingKept.keptBy})` : ""}` : ""),
        ]),
      },
    },
  ];
  for (const m of measures) {
    const svg = charts?.get(m.linkId);
    if (!svg) continue;
    const points = m.series.filter((p) => p.value !== null);
    const months = m.series
      .map((p) => `${p.label}: ${p.value === null ? "no figure" : p.value}${p.milestone === null ? "" : ` (line ${p.milestone})`}`)
      .join("; ");
    blocks.push({
      type: "chart",
      title: `Action ${m.number}: ${m.title}`,
      alt: `${m.title}, each month's figure${points.length ? "" : " (none yet)"} beside the milestone line. ${months}.`,
      svg,
    });
  }
  return blocks;
}

function progressDocument(report: ProgressReport, charts?: ReadonlyMap<string, string>): Block[] {
  const withSince = report.since !== null;
  const columns = [...PROGRESS_COLUMNS, { header: `Commentary as at ${report.asAtText}`, width: 9 }];
  if (withSince) columns.push({ header: `All commentary since ${report.sinceText}`, width: 9 });
  const rows = report.rows.map((r) => {
    const cells = [
      text(r.section.number),
      text(r.section.title),
      text(r.number),
      text(r.action),
      text(r.lead),
      text(r.due),
      status(r.status),
      text(r.percent === null ? "" : `${r.percent}%`),
      text(r.impact.label),
      text(r.latestCommentary?.dateText ?? ""),
      text(r.latestCommentary?.text ?? ""),
    ];
    if (withSince) cells.push(text(r.commentarySince.map((c) => `${c.dateText} (${c.status.label}): ${c.text}`).join("\n") || "No new commentary"));
    return cells;
  });
  return [
    { type: "heading", text: "Summary" },
    { type: "paragraph", text: `${capitalise(report.summary.sentence)}.` },
    ...(report.summary.roundingNote ? [{ type: "paragraph" as const, text: report.summary.roundingNote }] : []),
    { type: "table", table: countsTable(report.summary, "Actions by status") },
    { type: "paragraph", text: `Percent complete: ${report.progress.text}. Each action counts by its weight (1 unless given one).` },
    { type: "heading", text: "Progress by action" },
    { type: "table", table: { title: "Progress sheet", columns, rows, primary: true } },
    ...boundMeasuresBlocks(report.boundMeasures ?? [], report.asAtText, charts),
    { type: "heading", text: "Status key" },
    { type: "table", table: keyTable(report) },
  ];
}

function exceptionsDocument(report: ExceptionReport): Block[] {
  return [
    { type: "heading", text: "Exceptions by reason" },
    {
      type: "table",
      table: {
        title: "Exceptions by reason",
        columns: [
          { header: "Reason", width: 4 },
          { header: "Actions", width: 1 },
        ],
        rows: report.counts.map((c) => [text(c.title), text(c.count)]),
      },
    },
    { type: "heading", text: "Actions needing attention" },
    ...(report.rows.length ? [] : [{ type: "paragraph" as const, text: "No action needs attention as at this date." }]),
    {
      type: "table",
      table: {
        title: "Exceptions",
        columns: [...ACTION_COLUMNS, { header: "Why it is here", width: 9 }],
        rows: report.rows.map((r) => [
          text(r.number),
          text(section(r.section)),
          text(r.action),
          text(r.lead),
          text(r.due),
          status(r.status),
          text(r.reasons.map((x) => x.reason).join("\n")),
        ]),
        primary: true,
      },
    },
    { type: "heading", text: "Status key" },
    { type: "table", table: keyTable(report) },
  ];
}

function summaryDocument(report: SummaryReport): Block[] {
  const blocks: Block[] = [
    { type: "heading", text: "Whole plan" },
    { type: "paragraph", text: `${capitalise(report.overall.summary.sentence)}.` },
    { type: "table", table: { ...countsTable(report.overall.summary, "Actions by status"), primary: true } },
    { type: "paragraph", text: `Ratings initially, on ${report.previousText} (previous) and on ${report.asAtText} (current).` },
    { type: "table", table: wsoaTableOf(report.overall.wsoa, "Ratings over time") },
    { type: "paragraph", text: directionLine(report.overall.wsoa) },
  ];
  for (const s of report.sections) {
    const name = section(s);
    blocks.push(
      { type: "heading", text: name },
      { type: "paragraph", text: `${capitalise(s.summary.sentence)}.` },
      { type: "table", table: wsoaTableOf(s.wsoa, `${name}: ratings over time`) },
      { type: "paragraph", text: directionLine(s.wsoa) },
    );
  }
  blocks.push({ type: "heading", text: "Status key" }, { type: "table", table: keyTable(report) });
  return blocks;
}

const DIRECTION_WORDS = { improved: "Improved", worse: "Worse", unchanged: "Unchanged", new: "Newly rated" } as const;

function changesDocument(report: ChangesReport): Block[] {
  const list = <T>(title: string, items: T[], columns: Table["columns"], row: (item: T) => Cell[], primary = false): Block[] => [
    { type: "heading", text: `${title} (${items.length})` },
    ...(items.length === 0 ? [{ type: "paragraph" as const, text: "None." }] : []),
    ...(items.length || primary ? [{ type: "table" as const, table: { title, columns, rows: items.map(row), primary } }] : []),
  ];
  const idColumns = [
    { header: "No", width: 1 },
    { header: "Recommendation", width: 3 },
    { header: "Action", width: 6 },
  ];
  return [
    { type: "paragraph", text: `Changes after ${report.sinceText} up to and including ${report.asAtText}.` },
    ...list(
      "Status changes",
      report.statusMoves,
      [...idColumns, { header: "From", width: 3 }, { header: "To", width: 3 }, { header: "Direction", width: 2 }],
      (m) => [text(m.number), text(section(m.section)), text(m.action), status(m.from), status(m.to), text(DIRECTION_WORDS[m.direction])],
      true,
    ),
    ...list("Completed", report.completed, [...idColumns, { header: "Completed on", width: 2 }], (c) => [
      text(c.number),
      text(section(c.section)),
      text(c.action),
      text(c.completedOnText),
    ]),
    ...list("New actions", report.newActions, [...idColumns, { header: "Lead", width: 3 }, { header: "Due", width: 2 }], (a) => [
      text(a.number),
      text(section(a.section)),
      text(a.action),
      text(a.lead),
      text(a.due),
    ]),
    ...list(
      "New commentary",
      report.newCommentary,
      [...idColumns, { header: "Date", width: 2 }, { header: "Status", width: 3 }, { header: "Commentary", width: 9 }],
      (c) => [text(c.number), text(section(c.section)), text(c.action), text(c.dateText), status(c.update), text(c.text)],
    ),
    { type: "heading", text: "Status key" },
    { type: "table", table: keyTable(report) },
  ];
}

/** Blocks of a part of the pack, with its tables named for their plan and none of them primary. */
function partOf(blocks: Block[], planTitle: string | null): Block[] {
  return blocks
    .filter((b) => !(b.type === "heading" && b.text === "Status key") && !(b.type === "table" && b.table.title === "Status key"))
    .map((b) =>
      b.type === "table"
        ? { type: "table", table: { ...b.table, primary: false, title: planTitle ? `${planTitle}: ${b.table.title}` : b.table.title } }
        : b,
    );
}

function meetingDocument(report: MeetingReport, charts?: ReadonlyMap<string, string>): Block[] {
  const many = report.plans.length > 1;
  const blocks: Block[] = [
    {
      type: "paragraph",
      text: `${report.forum.name}, meeting on ${report.meetingText}. Changes are since ${report.previousMeeting ? `the previous meeting on ${report.sinceText}` : `${report.sinceText} (the forum has no earlier meeting)`}.`,
    },
    { type: "heading", text: "Actions reporting to this meeting" },
    ...(report.plans.length ? [] : [{ type: "paragraph" as const, text: "No action reports to this forum as at this date." }]),
    {
      type: "table",
      table: {
        title: "Actions reporting to this meeting",
        columns: [{ header: "Plan", width: 3 }, ...ACTION_COLUMNS, { header: `Commentary as at ${report.asAtText}`, width: 9 }],
        rows: report.plans.flatMap((part) =>
          part.progress.rows.map((r) => [
            text(part.plan.title),
            text(r.number),
            text(section(r.section)),
            text(r.action),
            text(r.lead),
            text(r.due),
            status(r.status),
            text(r.latestCommentary ? `${r.latestCommentary.dateText}: ${r.latestCommentary.text}` : "No update yet"),
          ]),
        ),
        primary: true,
      },
    },
  ];
  if (report.previousMeeting) {
    const title = `Decisions at the previous meeting (${report.sinceText})`;
    blocks.push({ type: "heading", text: title });
    if (report.previousDecisions.length === 0)
      blocks.push({ type: "paragraph", text: "No decisions on these actions were recorded at the previous meeting." });
    else
      blocks.push({
        type: "table",
        table: {
          title,
          columns: [
            { header: "Plan", width: 3 },
            { header: "No.", width: 1 },
            { header: "Action", width: 8 },
            { header: "Decision", width: 8 },
          ],
          rows: report.previousDecisions.map((d) => [text(d.plan), text(d.number), text(d.action), text(d.decision)]),
          primary: false,
        },
      });
  }
  // What partners said (issue 13 part 6): only comments the improvement lead approved.
  const partnersTitle = `What partners said since ${report.sinceText}`;
  blocks.push({ type: "heading", text: partnersTitle });
  if (report.partnersSaid.length === 0) blocks.push({ type: "paragraph", text: "No partner comments on these actions since then." });
  else
    blocks.push({
      type: "table",
      table: {
        title: partnersTitle,
        columns: [
          { header: "Plan", width: 3 },
          { header: "No.", width: 1 },
          { header: "Action", width: 6 },
          { header: "Who", width: 4 },
          { header: "What they said", width: 8 },
        ],
        rows: report.partnersSaid.map((c) => [
          text(c.plan),
          text(c.number),
          text(c.action),
          text(`${c.author}, ${c.organisation}, ${c.dateText}`),
          text(c.comment),
        ]),
        primary: false,
      },
    });
  for (const part of report.plans) {
    const name = many ? part.plan.title : null;
    if (many) blocks.push({ type: "heading", text: part.plan.title });
    blocks.push(
      ...partOf(progressDocument(part.progress, charts), name),
      { type: "heading", text: "Exceptions" },
      ...partOf(exceptionsDocument(part.exceptions), name),
      { type: "heading", text: `Changes since ${report.sinceText}` },
      ...partOf(changesDocument(part.changes), name),
    );
  }
  blocks.push({ type: "heading", text: "Status key" }, { type: "table", table: keyTable(report) });
  return blocks;
}

/** The report's layout; `charts` holds the bound measures' small charts by binding id (render/index.ts). */
export function toDocument(report: Report, charts?: ReadonlyMap<string, string>): ReportDocument {
  const blocks =
    report.kind === "meeting"
      ? meetingDocument(report, charts)
      : report.kind === "progress"
        ? progressDocument(report, charts)
        : report.kind === "exceptions"
          ? exceptionsDocument(report)
          : report.kind === "summary"
            ? summaryDocument(report)
            : changesDocument(report);
  return { title: report.title, asAtLine: `Position as at ${report.asAtText}`, blocks };
}

/** The table with one row per action (or the first table). */
export function primaryTable(document: ReportDocument): Table | undefined {
  const tables = document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
  return tables.find((t) => t.primary) ?? tables[0];
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
